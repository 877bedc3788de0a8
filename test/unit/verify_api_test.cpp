//===- verify_api_test.cpp - Tests of the C API of the verifier -----------===//
//
// Part of stackcap. Exercises stackcap_verify.h as a C caller would: small
// modules as byte arrays (made once with wat2wasm, the source is quoted above
// each) or assembled here byte by byte where the text format cannot express
// them (padded LEB128 immediates, opcodes wabt does not know).
//
//===----------------------------------------------------------------------===//

#include "stackcap/stackcap_verify.h"

#include "stackcap/call_sequence.h"
#include "stackcap/wasm_writer.h"

#include "test_modules.h"

#include <gtest/gtest.h>

#include <algorithm>
#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Bytes = std::vector<uint8_t>;

// The instrumented module of test_modules.h: $main is a thunk of $leaf.
constexpr const auto &Instrumented = stackcap_test::InstrumentedModule;
using stackcap_test::InstrumentedCallOffset;

// (module
//   (import "env" "ext" (func $ext (param i32)))
//   (func $add (param i32 i32) (result i32) (local i64)   ;; cost 1 + 4
//     local.get 0  local.get 1  i32.add)
//   (func $run (param i32)                                ;; cost 0 + 4
//     local.get 0  local.get 0  call $add  call $ext)
//   (export "run" (func $run)))
const uint8_t Uninstrumented[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x0b, 0x02, 0x60, 0x01, 0x7f, 0x00,
    0x60, 0x02, 0x7f, 0x7f, 0x01, 0x7f, 0x02, 0x0b, 0x01, 0x03, 0x65, 0x6e, 0x76, 0x03, 0x65,
    0x78, 0x74, 0x00, 0x00, 0x03, 0x03, 0x02, 0x01, 0x00, 0x07, 0x07, 0x01, 0x03, 0x72, 0x75,
    0x6e, 0x00, 0x02, 0x0a, 0x16, 0x02, 0x09, 0x01, 0x01, 0x7e, 0x20, 0x00, 0x20, 0x01, 0x6a,
    0x0b, 0x0a, 0x00, 0x20, 0x00, 0x20, 0x00, 0x10, 0x01, 0x10, 0x00, 0x0b,
};
constexpr uint32_t UninstrumentedCallOffset = 0x43; // the `call 1` in $run

/// Owns a report; frees it at the end of the scope.
struct ReportPtr {
  stackcap_report *R = nullptr;
  ~ReportPtr() { stackcap_report_free(R); }
  stackcap_report **out() { return &R; }
  stackcap_report *get() const { return R; }
};

int verify(const Bytes &M, const uint32_t *Limit, ReportPtr &R) {
  // A heap copy of exactly the module's size, so that sanitizer builds catch
  // any read past its end.
  std::unique_ptr<uint8_t[]> Copy(new uint8_t[M.size() ? M.size() : 1]);
  if (!M.empty())
    std::memcpy(Copy.get(), M.data(), M.size());
  return stackcap_verify(Copy.get(), M.size(), Limit, R.out());
}

Bytes bytesOf(const uint8_t *P, size_t N) { return Bytes(P, P + N); }

struct Violation {
  uint32_t Rule = 0, Func = 0, Offset = 0;
  std::string Message;
};

std::vector<Violation> violations(const stackcap_report *R) {
  std::vector<Violation> Out;
  size_t N = stackcap_report_violations_kept(R);
  for (size_t I = 0; I < N; ++I) {
    Violation V;
    const char *Msg = nullptr;
    EXPECT_EQ(stackcap_report_violation(R, I, &V.Rule, &V.Func, &V.Offset, &Msg), 1);
    EXPECT_NE(Msg, nullptr);
    V.Message = Msg ? Msg : "";
    Out.push_back(V);
  }
  return Out;
}

//===----------------------------------------------------------------------===//
// A minimal module assembler for modules wat2wasm cannot produce.
//===----------------------------------------------------------------------===//

void uleb(Bytes &Out, uint64_t V) { stackcap::writeULEB(Out, V); }

/// A u32 or s32 LEB128 padded to exactly five bytes.
void padded5(Bytes &Out, uint32_t V, bool Signed) {
  for (int I = 0; I < 4; ++I) {
    Out.push_back(static_cast<uint8_t>((V & 0x7f) | 0x80));
    V >>= 7;
  }
  // Remaining 4 bits; for a signed value the unused bits copy the sign.
  uint8_t Last = V & 0x0f;
  if (Signed && (Last & 0x08))
    Last |= 0x70;
  Out.push_back(Last);
}

void append(Bytes &Out, const Bytes &B) { Out.insert(Out.end(), B.begin(), B.end()); }

void section(Bytes &Out, uint8_t Id, const Bytes &Payload) {
  Out.push_back(Id);
  uleb(Out, Payload.size());
  append(Out, Payload);
}

/// Type 0 = [] -> [], type 1 = [] -> [i32]. One mutable i32 global = 0.
/// Defined functions with the given types and bodies (instructions only:
/// no locals, the final `end` included by the caller).
Bytes module(const std::vector<std::pair<uint8_t, Bytes>> &Funcs, bool Tag = false) {
  Bytes M = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  section(M, 1, {0x02, 0x60, 0x00, 0x00, 0x60, 0x00, 0x01, 0x7f});
  Bytes FuncSec;
  uleb(FuncSec, Funcs.size());
  for (const auto &F : Funcs)
    FuncSec.push_back(F.first);
  section(M, 3, FuncSec);
  if (Tag)
    section(M, 13, {0x01, 0x00, 0x00}); // one tag of type 0
  section(M, 6, {0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b});
  Bytes Code;
  uleb(Code, Funcs.size());
  for (const auto &F : Funcs) {
    Bytes Body = {0x00}; // no locals
    append(Body, F.second);
    uleb(Code, Body.size());
    append(Code, Body);
  }
  section(M, 10, Code);
  return M;
}

/// The section 2 sequence around `call F` (call_sequence.h's steps, counter
/// global 0), with every immediate (global index, cost, limit, callee)
/// padded to five bytes when \p Pad.
Bytes sequence(uint32_t F, uint32_t Cost, uint32_t Limit, bool Pad) {
  using stackcap::SeqImm;
  Bytes B;
  stackcap::SequenceValues V;
  V.Cost = Cost;
  V.Limit = Limit;
  V.Callee = F;
  for (const stackcap::SeqStep &Step : stackcap::CountedCall) {
    B.push_back(stackcap::opcodeByte(Step.Opcode));
    uint32_t X = stackcap::seqImmValue(Step.Imm, V);
    switch (Step.Imm) {
    case SeqImm::None:
      break;
    case SeqImm::EmptyBlock:
      B.push_back(stackcap::EmptyBlockTypeByte);
      break;
    case SeqImm::Counter:
    case SeqImm::Callee:
      Pad ? padded5(B, X, false) : uleb(B, X);
      break;
    case SeqImm::Cost:
    case SeqImm::Limit:
      Pad ? padded5(B, X, true) : stackcap::writeSLEB(B, static_cast<int32_t>(X));
      break;
    }
  }
  return B;
}

//===----------------------------------------------------------------------===//
// stackcap_verify
//===----------------------------------------------------------------------===//

TEST(VerifyApi, VerifiedWithoutLimit) {
  ReportPtr R;
  Bytes M = bytesOf(Instrumented, sizeof(Instrumented));
  ASSERT_EQ(verify(M, nullptr, R), STACKCAP_VERIFIED);
  ASSERT_NE(R.get(), nullptr);
  EXPECT_EQ(stackcap_report_status(R.get()), STACKCAP_VERIFIED);
  EXPECT_STREQ(stackcap_report_error(R.get()), "");
  EXPECT_EQ(stackcap_report_error_offset(R.get()), 0u);
  EXPECT_EQ(stackcap_report_has_counter(R.get()), 1);
  EXPECT_EQ(stackcap_report_counter_global(R.get()), 0u);
  EXPECT_EQ(stackcap_report_limit(R.get()), 1024u);
  EXPECT_EQ(stackcap_report_instrumented_calls(R.get()), 1u);
  EXPECT_EQ(stackcap_report_thunks(R.get()), 1u);
  EXPECT_EQ(stackcap_report_violation_count(R.get()), 0u);
  EXPECT_EQ(stackcap_report_violations_kept(R.get()), 0u);
  uint32_t Rule = 77;
  EXPECT_EQ(stackcap_report_violation(R.get(), 0, &Rule, nullptr, nullptr, nullptr), 0);
  EXPECT_EQ(Rule, 77u);

  uint32_t Cost = 0;
  ASSERT_EQ(stackcap_report_cost(R.get(), 0, &Cost), 1);
  EXPECT_EQ(Cost, 3u); // i32.const: 2 + 1
  ASSERT_EQ(stackcap_report_cost(R.get(), 1, &Cost), 1);
  EXPECT_EQ(Cost, 3u); // the call pushes one result; the sequence is not charged
  Cost = 99;
  EXPECT_EQ(stackcap_report_cost(R.get(), 2, &Cost), 0);
  EXPECT_EQ(stackcap_report_cost(R.get(), UINT32_MAX, &Cost), 0);
  EXPECT_EQ(Cost, 99u);
  EXPECT_EQ(stackcap_report_cost(R.get(), 0, nullptr), 1);
}

TEST(VerifyApi, WithLimit) {
  Bytes M = bytesOf(Instrumented, sizeof(Instrumented));
  {
    ReportPtr R;
    uint32_t Limit = 1024;
    EXPECT_EQ(verify(M, &Limit, R), STACKCAP_VERIFIED);
    EXPECT_EQ(stackcap_report_limit(R.get()), 1024u);
  }
  ReportPtr R;
  uint32_t Limit = 1000;
  ASSERT_EQ(verify(M, &Limit, R), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_status(R.get()), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_limit(R.get()), 1000u);
  EXPECT_STREQ(stackcap_report_error(R.get()), "");
  EXPECT_EQ(stackcap_report_violation_count(R.get()), 1u);
  std::vector<Violation> V = violations(R.get());
  ASSERT_EQ(V.size(), 1u);
  EXPECT_EQ(V[0].Rule, 3u);
  EXPECT_EQ(V[0].Func, 1u);
  EXPECT_EQ(V[0].Offset, InstrumentedCallOffset);
  EXPECT_NE(V[0].Message.find("checks limit 1024, expected 1000"), std::string::npos)
      << V[0].Message;
  // Costs are still reported for a module with violations.
  uint32_t Cost = 0;
  EXPECT_EQ(stackcap_report_cost(R.get(), 1, &Cost), 1);
  EXPECT_EQ(Cost, 3u);
}

TEST(VerifyApi, NoReport) {
  Bytes M = bytesOf(Instrumented, sizeof(Instrumented));
  uint32_t Limit = 5;
  EXPECT_EQ(stackcap_verify(M.data(), M.size(), nullptr, nullptr), STACKCAP_VERIFIED);
  EXPECT_EQ(stackcap_verify(M.data(), M.size(), &Limit, nullptr), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_verify(M.data(), 10, nullptr, nullptr), STACKCAP_MALFORMED);
}

TEST(VerifyApi, NullArguments) {
  stackcap_report *R = reinterpret_cast<stackcap_report *>(0x1);
  EXPECT_EQ(stackcap_verify(nullptr, 8, nullptr, &R), STACKCAP_ERROR);
  EXPECT_EQ(R, nullptr);
  EXPECT_EQ(stackcap_verify(nullptr, 8, nullptr, nullptr), STACKCAP_ERROR);

  // Every accessor takes NULL.
  EXPECT_EQ(stackcap_report_status(nullptr), STACKCAP_ERROR);
  EXPECT_STREQ(stackcap_report_error(nullptr), "");
  EXPECT_EQ(stackcap_report_error_offset(nullptr), 0u);
  EXPECT_EQ(stackcap_report_has_counter(nullptr), 0);
  EXPECT_EQ(stackcap_report_counter_global(nullptr), 0u);
  EXPECT_EQ(stackcap_report_limit(nullptr), 0u);
  EXPECT_EQ(stackcap_report_instrumented_calls(nullptr), 0u);
  EXPECT_EQ(stackcap_report_thunks(nullptr), 0u);
  EXPECT_EQ(stackcap_report_violation_count(nullptr), 0u);
  EXPECT_EQ(stackcap_report_violations_kept(nullptr), 0u);
  uint32_t X = 7;
  const char *Msg = nullptr;
  EXPECT_EQ(stackcap_report_violation(nullptr, 0, &X, &X, &X, &Msg), 0);
  EXPECT_EQ(stackcap_report_cost(nullptr, 0, &X), 0);
  EXPECT_EQ(X, 7u);
  stackcap_report_free(nullptr);
  stackcap_free(nullptr);
}

TEST(VerifyApi, EmptyInput) {
  // NULL with length 0 is an empty module, not an argument error.
  ReportPtr R;
  ASSERT_EQ(stackcap_verify(nullptr, 0, nullptr, R.out()), STACKCAP_MALFORMED);
  ASSERT_NE(R.get(), nullptr);
  EXPECT_EQ(stackcap_report_status(R.get()), STACKCAP_MALFORMED);
  EXPECT_NE(std::string(stackcap_report_error(R.get())).find("not a wasm module"),
            std::string::npos);
  EXPECT_EQ(stackcap_report_error_offset(R.get()), 0u);
  EXPECT_EQ(stackcap_report_violation_count(R.get()), 0u);
  EXPECT_EQ(stackcap_report_has_counter(R.get()), 0);
  EXPECT_EQ(stackcap_report_cost(R.get(), 0, nullptr), 0);

  ReportPtr R2;
  EXPECT_EQ(verify(Bytes(), nullptr, R2), STACKCAP_MALFORMED);
}

TEST(VerifyApi, HeaderOnlyModule) {
  ReportPtr R;
  ASSERT_EQ(verify({0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00}, nullptr, R),
            STACKCAP_VERIFIED);
  EXPECT_EQ(stackcap_report_has_counter(R.get()), 0);
  EXPECT_EQ(stackcap_report_counter_global(R.get()), 0u);
  EXPECT_EQ(stackcap_report_thunks(R.get()), 0u);
}

TEST(VerifyApi, GarbageInput) {
  ReportPtr R;
  ASSERT_EQ(verify({'h', 'e', 'l', 'l', 'o', '\n'}, nullptr, R), STACKCAP_MALFORMED);
  EXPECT_STRNE(stackcap_report_error(R.get()), "");
  EXPECT_EQ(stackcap_report_error_offset(R.get()), 0u);

  ReportPtr R2;
  ASSERT_EQ(verify({0x00, 0x61, 0x73, 0x6d, 0x02, 0x00, 0x00, 0x00}, nullptr, R2),
            STACKCAP_MALFORMED);
  EXPECT_EQ(stackcap_report_error_offset(R2.get()), 4u);

  // Random-looking bytes after a valid header.
  Bytes G = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00,
             0x0a, 0xff, 0xff, 0xff, 0xff, 0x0f, 0x01, 0x02};
  ReportPtr R3;
  EXPECT_EQ(verify(G, nullptr, R3), STACKCAP_MALFORMED);
}

TEST(VerifyApi, EveryTruncationIsMalformed) {
  // Every proper prefix beyond the header ends inside a section of this
  // module (it has no section before the function section whose end is a
  // complete module except the type section, at 15).
  Bytes M = bytesOf(Instrumented, sizeof(Instrumented));
  for (size_t N = 0; N < M.size(); ++N) {
    ReportPtr R;
    int Status = verify(Bytes(M.begin(), M.begin() + N), nullptr, R);
    if (N == 8 || N == 15) {
      EXPECT_EQ(Status, STACKCAP_VERIFIED) << "prefix " << N;
      continue;
    }
    EXPECT_EQ(Status, STACKCAP_MALFORMED) << "prefix " << N;
    EXPECT_STRNE(stackcap_report_error(R.get()), "") << "prefix " << N;
    EXPECT_LE(stackcap_report_error_offset(R.get()), N) << "prefix " << N;
  }
}

TEST(VerifyApi, ViolationsFromSeveralRules) {
  // $leaf (type 1) called plainly by func 1 and instrumented by func 2 with a
  // wrong cost; func 3 reads the counter.
  Bytes Plain = {0x10, 0x00, 0x1a, 0x0b};
  Bytes Seq = sequence(0, 4, 1024, false);
  Seq.push_back(0x1a);
  Seq.push_back(0x0b);
  Bytes Read = {0x23, 0x00, 0x1a, 0x0b};
  Bytes M = module({{1, {0x41, 0x01, 0x0b}}, {0, Plain}, {0, Seq}, {0, Read}});
  ReportPtr R;
  ASSERT_EQ(verify(M, nullptr, R), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_has_counter(R.get()), 1);
  EXPECT_EQ(stackcap_report_instrumented_calls(R.get()), 1u);
  EXPECT_EQ(stackcap_report_thunks(R.get()), 0u);
  std::vector<Violation> V = violations(R.get());
  ASSERT_EQ(V.size(), 3u);
  EXPECT_EQ(stackcap_report_violation_count(R.get()), 3u);
  std::vector<uint32_t> Rules, Funcs;
  for (const Violation &X : V) {
    Rules.push_back(X.Rule);
    Funcs.push_back(X.Func);
    EXPECT_GT(X.Offset, 0u);
    EXPECT_LT(X.Offset, M.size());
  }
  std::sort(Rules.begin(), Rules.end());
  EXPECT_EQ(Rules, (std::vector<uint32_t>{3, 3, 4}));
  for (const Violation &X : V) {
    if (X.Rule == 4) {
      EXPECT_EQ(X.Func, 3u);
      EXPECT_EQ(M[X.Offset], 0x23); // the global.get
    } else {
      EXPECT_EQ(M[X.Offset], 0x10); // the call
      EXPECT_TRUE(X.Func == 1 || X.Func == 2);
    }
  }
  // Out-params may be NULL.
  EXPECT_EQ(stackcap_report_violation(R.get(), 2, nullptr, nullptr, nullptr, nullptr), 1);
  EXPECT_EQ(stackcap_report_violation(R.get(), 3, nullptr, nullptr, nullptr, nullptr), 0);
}

TEST(VerifyApi, PaddedImmediatesVerify) {
  // The sequence may use any valid LEB128 encoding of its immediates.
  Bytes Seq = sequence(0, 3, 1024, /*Pad=*/true);
  Seq.push_back(0x0b);
  Bytes M = module({{1, {0x41, 0x01, 0x0b}}, {1, Seq}});
  ReportPtr R;
  ASSERT_EQ(verify(M, nullptr, R), STACKCAP_VERIFIED) << stackcap_report_error(R.get());
  EXPECT_EQ(stackcap_report_limit(R.get()), 1024u);
  EXPECT_EQ(stackcap_report_instrumented_calls(R.get()), 1u);
  // Function 1 is a thunk of function 0 even with padded immediates.
  EXPECT_EQ(stackcap_report_thunks(R.get()), 1u);
}

TEST(VerifyApi, LimitIsSignedImmediateComparedUnsigned) {
  for (uint32_t Limit : {0u, 1u, 0x7fffffffu, 0x80000000u, 0xfffffffeu, 0xffffffffu}) {
    for (bool Pad : {false, true}) {
      SCOPED_TRACE(Limit);
      Bytes Seq = sequence(0, 3, Limit, Pad);
      Seq.push_back(0x0b);
      Bytes M = module({{1, {0x41, 0x01, 0x0b}}, {1, Seq}});
      ReportPtr R;
      ASSERT_EQ(verify(M, &Limit, R), STACKCAP_VERIFIED);
      EXPECT_EQ(stackcap_report_limit(R.get()), Limit);
      ReportPtr R2;
      ASSERT_EQ(verify(M, nullptr, R2), STACKCAP_VERIFIED);
      EXPECT_EQ(stackcap_report_limit(R2.get()), Limit);
      uint32_t Other = Limit ^ 0x80000000u;
      ReportPtr R3;
      EXPECT_EQ(verify(M, &Other, R3), STACKCAP_VIOLATIONS);
    }
  }
}

TEST(VerifyApi, ManyViolationsAreCountedAndTheFirstKept) {
  // 1005 plain calls to a non-thunk (rule 3 each), and no counter (rule 2).
  Bytes Body;
  for (int I = 0; I < 1005; ++I) {
    Body.push_back(0x10);
    Body.push_back(0x00);
  }
  Body.push_back(0x0b);
  Bytes M = module({{0, {0x01, 0x0b}}, {0, Body}});
  ReportPtr R;
  ASSERT_EQ(verify(M, nullptr, R), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_violation_count(R.get()), 1006u);
  size_t Kept = stackcap_report_violations_kept(R.get());
  EXPECT_GE(Kept, 1u);
  EXPECT_LT(Kept, 1006u);
  uint32_t Rule = 0, Func = 0, Offset = 0;
  ASSERT_EQ(stackcap_report_violation(R.get(), 0, &Rule, &Func, &Offset, nullptr), 1);
  EXPECT_EQ(Rule, 3u);
  EXPECT_EQ(Func, 1u);
  EXPECT_EQ(M[Offset], 0x10);
  EXPECT_EQ(stackcap_report_violation(R.get(), Kept, &Rule, nullptr, nullptr, nullptr), 0);
}

TEST(VerifyApi, UnsupportedInstructionAfterACall) {
  // func 1: call 1 (itself, uninstrumented), then `suspend 200` (a stack
  // switching instruction whose immediates the decoder does not read). The
  // module must be reported under rule 6, not as malformed: the bytes of the
  // immediate (0xc8 0x01) are no instructions.
  Bytes M = module({{0, {0x01, 0x0b}}, {0, {0x10, 0x01, 0xe2, 0xc8, 0x01, 0x0b}}}, true);
  ReportPtr R;
  ASSERT_EQ(verify(M, nullptr, R), STACKCAP_VIOLATIONS) << stackcap_report_error(R.get());
  bool SawRule6 = false;
  for (const Violation &V : violations(R.get()))
    if (V.Rule == 6) {
      SawRule6 = true;
      EXPECT_EQ(V.Func, 1u);
      EXPECT_EQ(M[V.Offset], 0xe2);
      EXPECT_NE(V.Message.find("suspend"), std::string::npos) << V.Message;
    }
  EXPECT_TRUE(SawRule6);
  // Its cost is unknown.
  EXPECT_EQ(stackcap_report_cost(R.get(), 1, nullptr), 0);
  EXPECT_EQ(stackcap_report_cost(R.get(), 0, nullptr), 1);

  // The same right after an instrumented call.
  Bytes Seq = sequence(0, 2, 1024, false);
  Bytes Body = Seq;
  for (uint8_t B : {0xe2, 0xc8, 0x01, 0x0b})
    Body.push_back(B);
  Bytes M2 = module({{0, {0x01, 0x0b}}, {0, Body}}, true);
  ReportPtr R2;
  ASSERT_EQ(verify(M2, nullptr, R2), STACKCAP_VIOLATIONS) << stackcap_report_error(R2.get());
  std::vector<Violation> V2 = violations(R2.get());
  ASSERT_EQ(V2.size(), 1u);
  EXPECT_EQ(V2[0].Rule, 6u);
}

TEST(VerifyApi, BodiesTheCostModelRejectsAreMalformed) {
  struct Case {
    const char *Name;
    Bytes Body;
    const char *Message;
  } Cases[] = {
      // block; drop — pops below the block's start in reachable code.
      {"pop below frame",
       {0x41, 0x01, 0x02, 0x40, 0x1a, 0x0b, 0x1a, 0x0b},
       "pops more values than its block pushed"},
      // An instruction after the final end.
      {"end without frame", {0x0b, 0x01}, "after the function's final end"},
      // The body's bytes end inside a block.
      {"unterminated", {0x02, 0x40, 0x0b}, "inside an open block"},
      // br 1 with only the function frame open.
      {"bad label", {0x0c, 0x01, 0x0b}, "label"},
      // block (result i32) block br_table 0 1 end end: arities 0 and 1.
      {"br_table arity",
       {0x02, 0x7f, 0x02, 0x40, 0x41, 0x00, 0x0e, 0x01, 0x00, 0x01, 0x0b, 0x41, 0x00, 0x0b, 0x1a,
        0x0b},
       "br_table targets have different arities"},
  };
  for (const Case &C : Cases) {
    SCOPED_TRACE(C.Name);
    Bytes M = module({{0, C.Body}});
    ReportPtr R;
    ASSERT_EQ(verify(M, nullptr, R), STACKCAP_MALFORMED);
    std::string Error = stackcap_report_error(R.get());
    EXPECT_NE(Error.find(C.Message), std::string::npos) << Error;
    EXPECT_GT(stackcap_report_error_offset(R.get()), 0u);
    EXPECT_LE(stackcap_report_error_offset(R.get()), M.size());
  }
}

TEST(VerifyApi, ConcurrentCallsAreIndependent) {
  Bytes Good = bytesOf(Instrumented, sizeof(Instrumented));
  Bytes Bad = bytesOf(Uninstrumented, sizeof(Uninstrumented));
  std::vector<std::thread> Threads;
  std::vector<int> Failures(8, 0);
  for (int T = 0; T < 8; ++T)
    Threads.emplace_back([&, T] {
      for (int I = 0; I < 50; ++I) {
        const Bytes &M = (T + I) % 2 ? Good : Bad;
        stackcap_report *R = nullptr;
        int S = stackcap_verify(M.data(), M.size(), nullptr, &R);
        int Want = &M == &Good ? STACKCAP_VERIFIED : STACKCAP_VIOLATIONS;
        if (S != Want || stackcap_report_status(R) != Want)
          ++Failures[T];
        stackcap_report_free(R);
      }
    });
  for (std::thread &T : Threads)
    T.join();
  for (int F : Failures)
    EXPECT_EQ(F, 0);
}

//===----------------------------------------------------------------------===//
// stackcap_instrument
//===----------------------------------------------------------------------===//

TEST(InstrumentApi, RoundTrip) {
  Bytes In = bytesOf(Uninstrumented, sizeof(Uninstrumented));
  {
    // Not instrumented: a plain call to $add (not a thunk), an export of
    // $run (not a thunk), no counter.
    ReportPtr R;
    ASSERT_EQ(verify(In, nullptr, R), STACKCAP_VIOLATIONS);
    EXPECT_EQ(stackcap_report_has_counter(R.get()), 0);
    bool SawCall = false;
    for (const Violation &V : violations(R.get()))
      if (V.Rule == 3) {
        SawCall = true;
        EXPECT_EQ(V.Func, 2u);
        EXPECT_EQ(V.Offset, UninstrumentedCallOffset);
      }
    EXPECT_TRUE(SawCall);
    uint32_t Cost = 0;
    EXPECT_EQ(stackcap_report_cost(R.get(), 0, &Cost), 0); // an import
    ASSERT_EQ(stackcap_report_cost(R.get(), 1, &Cost), 1);
    EXPECT_EQ(Cost, 5u); // 1 local + 2 + 2 values
    ASSERT_EQ(stackcap_report_cost(R.get(), 2, &Cost), 1);
    EXPECT_EQ(Cost, 4u); // 0 locals + 2 + 2 values
  }

  uint8_t *Out = nullptr;
  size_t OutLen = 0;
  char *Error = nullptr;
  ASSERT_EQ(stackcap_instrument(In.data(), In.size(), 1024, &Out, &OutLen, &Error),
            STACKCAP_VERIFIED);
  ASSERT_NE(Out, nullptr);
  EXPECT_GT(OutLen, In.size());
  EXPECT_EQ(Error, nullptr);
  Bytes Result(Out, Out + OutLen);
  stackcap_free(Out);

  uint32_t Limit = 1024;
  ReportPtr R;
  ASSERT_EQ(verify(Result, &Limit, R), STACKCAP_VERIFIED) << stackcap_report_error(R.get());
  EXPECT_EQ(stackcap_report_has_counter(R.get()), 1);
  EXPECT_EQ(stackcap_report_counter_global(R.get()), 0u); // the module had no globals
  EXPECT_EQ(stackcap_report_limit(R.get()), 1024u);
  // The call to $add, and the thunk's call to $run.
  EXPECT_EQ(stackcap_report_instrumented_calls(R.get()), 2u);
  EXPECT_EQ(stackcap_report_thunks(R.get()), 1u);
  uint32_t Cost = 0;
  ASSERT_EQ(stackcap_report_cost(R.get(), 1, &Cost), 1);
  EXPECT_EQ(Cost, 5u);
  ASSERT_EQ(stackcap_report_cost(R.get(), 2, &Cost), 1);
  EXPECT_EQ(Cost, 4u);
  ASSERT_EQ(stackcap_report_cost(R.get(), 3, &Cost), 1);
  EXPECT_EQ(Cost, 3u); // the thunk: local.get 0, call
  EXPECT_EQ(stackcap_report_cost(R.get(), 4, &Cost), 0);

  // Another limit is a violation at every sequence.
  ReportPtr R2;
  Limit = 1023;
  ASSERT_EQ(verify(Result, &Limit, R2), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_violation_count(R2.get()), 2u);

  // Instrumenting again is refused.
  Out = reinterpret_cast<uint8_t *>(0x1);
  OutLen = 99;
  ASSERT_EQ(stackcap_instrument(Result.data(), Result.size(), 1024, &Out, &OutLen, &Error),
            STACKCAP_MALFORMED);
  EXPECT_EQ(Out, nullptr);
  EXPECT_EQ(OutLen, 0u);
  ASSERT_NE(Error, nullptr);
  EXPECT_NE(std::string(Error).find("already contains"), std::string::npos) << Error;
  stackcap_free(Error);
}

TEST(InstrumentApi, Deterministic) {
  Bytes In = bytesOf(Uninstrumented, sizeof(Uninstrumented));
  uint8_t *A = nullptr, *B = nullptr;
  size_t ALen = 0, BLen = 0;
  ASSERT_EQ(stackcap_instrument(In.data(), In.size(), 7, &A, &ALen, nullptr), STACKCAP_VERIFIED);
  ASSERT_EQ(stackcap_instrument(In.data(), In.size(), 7, &B, &BLen, nullptr), STACKCAP_VERIFIED);
  ASSERT_EQ(ALen, BLen);
  EXPECT_EQ(std::memcmp(A, B, ALen), 0);
  stackcap_free(A);
  stackcap_free(B);
}

TEST(InstrumentApi, MalformedAndBadArguments) {
  uint8_t *Out = nullptr;
  size_t OutLen = 0;
  char *Error = nullptr;
  const uint8_t Garbage[] = {'n', 'o', 'p', 'e'};
  ASSERT_EQ(stackcap_instrument(Garbage, sizeof(Garbage), 1024, &Out, &OutLen, &Error),
            STACKCAP_MALFORMED);
  EXPECT_EQ(Out, nullptr);
  ASSERT_NE(Error, nullptr);
  EXPECT_NE(std::string(Error).find("not a wasm module"), std::string::npos) << Error;
  stackcap_free(Error);
  // Without an error pointer.
  EXPECT_EQ(stackcap_instrument(Garbage, sizeof(Garbage), 1024, &Out, &OutLen, nullptr),
            STACKCAP_MALFORMED);
  // Empty input.
  Error = nullptr;
  EXPECT_EQ(stackcap_instrument(nullptr, 0, 1024, &Out, &OutLen, &Error), STACKCAP_MALFORMED);
  stackcap_free(Error);

  Bytes In = bytesOf(Uninstrumented, sizeof(Uninstrumented));
  Error = reinterpret_cast<char *>(0x1);
  EXPECT_EQ(stackcap_instrument(In.data(), In.size(), 1024, nullptr, &OutLen, &Error),
            STACKCAP_ERROR);
  EXPECT_EQ(Error, nullptr);
  EXPECT_EQ(stackcap_instrument(In.data(), In.size(), 1024, &Out, nullptr, nullptr),
            STACKCAP_ERROR);
  EXPECT_EQ(Out, nullptr);
  EXPECT_EQ(stackcap_instrument(nullptr, 5, 1024, &Out, &OutLen, nullptr), STACKCAP_ERROR);
  EXPECT_EQ(Out, nullptr);
  EXPECT_EQ(OutLen, 0u);

  // A module whose costs cannot be computed (a tail call).
  Bytes Tail = module({{0, {0x01, 0x0b}}, {0, {0x12, 0x00, 0x0b}}});
  Error = nullptr;
  EXPECT_EQ(stackcap_instrument(Tail.data(), Tail.size(), 1024, &Out, &OutLen, &Error),
            STACKCAP_MALFORMED);
  ASSERT_NE(Error, nullptr);
  EXPECT_NE(std::string(Error).find("cost cannot be computed"), std::string::npos) << Error;
  stackcap_free(Error);
}

// Interface 2: the library's version, profiles and rules, and the function
// (index and name, demangled) of every violation.
TEST(VerifyApi, VersionProfilesAndRules) {
  EXPECT_EQ(stackcap_api_version(), STACKCAP_VERIFY_API_VERSION);
  EXPECT_GE(stackcap_api_version(), 2);
  // Interface 3 added lean (lean_api_test.cpp).
  EXPECT_STREQ(stackcap_profiles(), "compat lean");
  ASSERT_EQ(stackcap_profile_count(), 2u);
  EXPECT_STREQ(stackcap_profile_name(0), "compat");
  EXPECT_STREQ(stackcap_profile_name(1), "lean");
  EXPECT_EQ(stackcap_profile_name(2), nullptr);
  EXPECT_EQ(stackcap_has_profile("compat"), 1);
  EXPECT_EQ(stackcap_has_profile("Compat"), 0);
  EXPECT_EQ(stackcap_has_profile(""), 0);
  EXPECT_EQ(stackcap_has_profile(nullptr), 0);
  EXPECT_STREQ(stackcap_rule_title(1), "module decodes completely and is linked");
  for (uint32_t Rule = 1; Rule <= 6; ++Rule)
    EXPECT_STRNE(stackcap_rule_title(Rule), "") << Rule;
  EXPECT_STREQ(stackcap_rule_title(0), "");
  EXPECT_STREQ(stackcap_rule_title(7), "");
  EXPECT_STREQ(stackcap_rule_title(UINT32_MAX), "");
}

TEST(VerifyApi, ViolationFunctionNames) {
  // Uninstrumented, with a name section: func 1 has a Rust (legacy) symbol,
  // func 2 a plain name, the import none.
  Bytes M = bytesOf(Uninstrumented, sizeof Uninstrumented);
  Bytes Names;
  auto Name = [&](uint32_t F, const std::string &N) {
    uleb(Names, F);
    uleb(Names, N.size());
    Names.insert(Names.end(), N.begin(), N.end());
  };
  uleb(Names, 2); // two names
  Name(1, "_ZN3foo3add17h0123456789abcdefE");
  Name(2, "run");
  Bytes Sub;
  uleb(Sub, 1);   // function names
  uleb(Sub, Names.size());
  Sub.insert(Sub.end(), Names.begin(), Names.end());
  Bytes Payload = {4, 'n', 'a', 'm', 'e'};
  Payload.insert(Payload.end(), Sub.begin(), Sub.end());
  M.push_back(0); // custom section
  uleb(M, Payload.size());
  M.insert(M.end(), Payload.begin(), Payload.end());

  ReportPtr R;
  ASSERT_EQ(verify(M, nullptr, R), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_function_count(R.get()), 3u);
  EXPECT_EQ(stackcap_report_imported_functions(R.get()), 1u);
  EXPECT_STREQ(stackcap_report_function_name(R.get(), 0), "");
  EXPECT_STREQ(stackcap_report_function_name(R.get(), 1), "foo::add");
  EXPECT_STREQ(stackcap_report_function_name(R.get(), 2), "run");
  EXPECT_STREQ(stackcap_report_function_name(R.get(), 3), "");
  bool SawCall = false;
  for (size_t I = 0; I < stackcap_report_violations_kept(R.get()); ++I) {
    uint32_t Rule = 0, Func = 0, Offset = 0;
    ASSERT_EQ(stackcap_report_violation(R.get(), I, &Rule, &Func, &Offset, nullptr), 1);
    if (Func == UINT32_MAX) {
      EXPECT_STREQ(stackcap_report_violation_function_name(R.get(), I), "");
      continue;
    }
    if (Rule == 3 && Offset == UninstrumentedCallOffset) {
      SawCall = true;
      EXPECT_EQ(Func, 2u);
      EXPECT_STREQ(stackcap_report_violation_function_name(R.get(), I), "run");
      EXPECT_EQ(stackcap_report_violation_callee(R.get(), I), 1u);
    }
  }
  EXPECT_TRUE(SawCall);
  size_t Kept = stackcap_report_violations_kept(R.get());
  EXPECT_STREQ(stackcap_report_violation_function_name(R.get(), Kept), "");
  EXPECT_EQ(stackcap_report_violation_callee(R.get(), Kept), UINT32_MAX);
  // No report: neutral answers.
  EXPECT_STREQ(stackcap_report_function_name(nullptr, 0), "");
  EXPECT_STREQ(stackcap_report_violation_function_name(nullptr, 0), "");
  EXPECT_EQ(stackcap_report_violation_callee(nullptr, 0), UINT32_MAX);
  EXPECT_EQ(stackcap_report_function_count(nullptr), 0u);
  EXPECT_EQ(stackcap_report_imported_functions(nullptr), 0u);
}

TEST(VerifyApi, MalformedModuleHasNoFunctions) {
  Bytes M = bytesOf(Uninstrumented, sizeof Uninstrumented - 3);
  ReportPtr R;
  ASSERT_EQ(verify(M, nullptr, R), STACKCAP_MALFORMED);
  EXPECT_EQ(stackcap_report_function_count(R.get()), 0u);
  EXPECT_EQ(stackcap_report_imported_functions(R.get()), 0u);
  EXPECT_STREQ(stackcap_report_function_name(R.get(), 0), "");
}

} // namespace
