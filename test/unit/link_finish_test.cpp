//===- link_finish_test.cpp - The link step's work on module bytes --------===//
//
// Part of stackcap. Compaction of padded LEB128 encodings, frame records and
// the stack bound, and hostile input: truncated and mutated modules go
// through every function without crashing.
//
//===----------------------------------------------------------------------===//
#include "stackcap/frame_records.h"
#include "stackcap/link_finish.h"
#include "stackcap/verify.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <string>
#include <vector>

using namespace stackcap;

namespace {

void section(Bytes &M, uint8_t Id, const Bytes &P) { writeSection(M, Id, P); }

Bytes customSection(const std::string &Name, const std::string &Payload) {
  Bytes P;
  writeULEB(P, Name.size());
  P.insert(P.end(), Name.begin(), Name.end());
  P.insert(P.end(), Payload.begin(), Payload.end());
  return P;
}

/// One function "f" () -> (), whose body reads global 0 with a 5-byte
/// padded index and loads from a padded address, and drops both; a frame
/// record for it when \p Record is not empty.
Bytes paddedModule(const std::string &Record = std::string()) {
  Bytes M = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  section(M, 1, {0x01, 0x60, 0x00, 0x00});
  section(M, 3, {0x01, 0x00});
  section(M, 5, {0x01, 0x00, 0x01});
  section(M, 6, {0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b});
  Bytes Body = {0x00,                               // no locals
                0x23, 0x80, 0x80, 0x80, 0x80, 0x00, // global.get 0 (padded)
                0x1a,                               // drop
                0x41, 0x90, 0x80, 0x80, 0x80, 0x00, // i32.const 16 (padded)
                0x28, 0x02, 0x84, 0x80, 0x80, 0x80, 0x00, // i32.load offset=4 (padded)
                0x1a, 0x0b};
  Bytes Code = {0x01};
  writeULEB(Code, Body.size());
  append(Code, Body.data(), Body.size());
  section(M, 10, Code);
  Bytes Names = {0x01}; // function names
  Bytes Map = {0x01, 0x00, 0x01, 'f'};
  writeULEB(Names, Map.size());
  append(Names, Map.data(), Map.size());
  section(M, 0, customSection("name", std::string(Names.begin(), Names.end())));
  if (!Record.empty())
    section(M, 0, customSection(FrameRecordsSection, Record));
  return M;
}

TEST(LinkFinish, CompactsPaddedImmediates) {
  Bytes M = paddedModule(), Out;
  std::string Why;
  ASSERT_TRUE(compactCode(M.data(), M.size(), Out, Why)) << Why;
  EXPECT_EQ(Out.size() + 4 + 4 + 4, M.size());
  const uint8_t Want[] = {0x23, 0x00, 0x1a, 0x41, 0x10, 0x28, 0x02, 0x04, 0x1a, 0x0b};
  EXPECT_NE(std::search(Out.begin(), Out.end(), std::begin(Want), std::end(Want)), Out.end());
  VerifyReport R;
  verifyModule(Out.data(), Out.size(), VerifyOptions(), R);
  EXPECT_FALSE(R.Malformed) << R.Decode.Message;
}

TEST(LinkFinish, KeepsPaddingWhereDwarfDescribesCode) {
  Bytes M = paddedModule(), Out;
  section(M, 0, customSection(".debug_info", std::string(4, '\0')));
  std::string Why;
  EXPECT_FALSE(compactCode(M.data(), M.size(), Out, Why));
  EXPECT_NE(Why.find(".debug_info"), std::string::npos);
  EXPECT_TRUE(Out.empty());
}

TEST(LinkFinish, FrameRecordsRoundTrip) {
  std::string S;
  appendFrameRecord(S, 9, 512, false, "rec", "rec");
  appendFrameRecord(S, 3, 0, true, "_Z1gv", "g()");
  std::vector<FrameRecord> R;
  ASSERT_TRUE(parseFrameRecords(reinterpret_cast<const uint8_t *>(S.data()), S.size(), R));
  ASSERT_EQ(R.size(), 2u);
  EXPECT_EQ(R[0].Cost, 9u);
  EXPECT_EQ(R[0].FrameBytes, 512u);
  EXPECT_TRUE(R[0].Demangled.empty());
  EXPECT_TRUE(R[1].Dynamic);
  EXPECT_EQ(R[1].Demangled, "g()");
  R.clear();
  EXPECT_FALSE(parseFrameRecords(reinterpret_cast<const uint8_t *>(S.data()), S.size() - 1, R));
}

TEST(LinkFinish, StackNeedFromRecords) {
  // f's cost is 2 + 1 (height) + 0 locals; the record is found by name.
  std::string Rec;
  Bytes Probe = paddedModule();
  VerifyReport R;
  verifyModule(Probe.data(), Probe.size(), VerifyOptions(), R);
  ASSERT_EQ(R.Costs.size(), 1u);
  uint32_t Cost = R.Costs[0];
  appendFrameRecord(Rec, Cost, 512, false, "f", "f");
  Bytes M = paddedModule(Rec);
  StackNeed N = computeStackNeed(M.data(), M.size(), 1000);
  ASSERT_TRUE(N.Known) << N.Error;
  uint64_t Chains = (1000ull * 512 + Cost - 1) / Cost;
  EXPECT_EQ(N.Bytes, (Chains + 512 + 15) & ~15ull);
  EXPECT_EQ(N.WorstFrame, 512u);
  EXPECT_EQ(N.limitFitting(N.Bytes), 1000u);
  EXPECT_LT(N.limitFitting(N.Bytes - 16), 1000u);

  std::string Dyn;
  appendFrameRecord(Dyn, Cost, 16, true, "f", "f");
  Bytes MD = paddedModule(Dyn);
  StackNeed ND = computeStackNeed(MD.data(), MD.size(), 1000);
  EXPECT_FALSE(ND.Known);
  ASSERT_EQ(ND.Dynamic.size(), 1u);
  EXPECT_NE(ND.Dynamic[0].find("$f"), std::string::npos);

  // No record for f (another name, another cost): unknown, and named.
  std::string Other;
  appendFrameRecord(Other, Cost + 1, 16, false, "g", "g");
  Bytes MO = paddedModule(Other);
  StackNeed NO = computeStackNeed(MO.data(), MO.size(), 1000);
  EXPECT_FALSE(NO.Known);
  EXPECT_EQ(NO.Unknown.size(), 1u);

  Bytes MB = paddedModule(std::string("\x01\x05", 2));
  EXPECT_FALSE(computeStackNeed(MB.data(), MB.size(), 1000).Error.empty());
}

TEST(LinkFinish, HostileInputNeverCrashes) {
  std::string Rec;
  appendFrameRecord(Rec, 3, 64, false, "f", "f");
  Bytes M = paddedModule(Rec);
  for (size_t Len = 0; Len <= M.size(); ++Len) {
    Bytes T(M.begin(), M.begin() + Len), Out;
    std::string Why;
    compactCode(T.data(), T.size(), Out, Why);
    computeStackNeed(T.data(), T.size(), 65536);
    withoutCustomSection(T.data(), T.size(), FrameRecordsSection);
    finishLinkedModule(T.data(), T.size(), 65536);
  }
  for (size_t I = 8; I < M.size(); ++I)
    for (uint8_t V : {uint8_t(0x00), uint8_t(0x80), uint8_t(0xff), uint8_t(0x7f)}) {
      Bytes T = M, Out;
      T[I] = V;
      std::string Why;
      if (compactCode(T.data(), T.size(), Out, Why)) {
        VerifyReport R;
        verifyModule(Out.data(), Out.size(), VerifyOptions(), R);
      }
      computeStackNeed(T.data(), T.size(), 65536);
      finishLinkedModule(T.data(), T.size(), 65536);
    }
}

} // namespace
