//===- decode_differential_test.cpp - Fast decode path against the slow one ===//
//
// Part of stackcap. decodeInstr's inline fast path claims to produce exactly
// what detail::decodeInstrSlow produces. This test holds it to that for every
// opcode of stackcap/opcodes.def, single-byte and prefixed (the latter also
// with a padded secondary opcode), followed by every immediate of up to three
// bytes drawn from values that sit on LEB128, block type and memarg
// boundaries, by longer and overlong LEBs, and by every truncation of those:
// both must agree on success, on the error, on the length and reader
// position, and on every decoded field.
//
//===----------------------------------------------------------------------===//

#include "stackcap/instr.h"
#include "stackcap/wasm_writer.h"

#include <gtest/gtest.h>

#include <cstring>
#include <string>
#include <vector>

using namespace stackcap;

namespace {

struct TableEntry {
  uint8_t Prefix;
  uint32_t Code;
  const char *Name;
};

const TableEntry AllOpcodes[] = {
#define STACKCAP_OPCODE(Prefix, Code, Enum, Name, Kind, Imm, Pops, Pushes) {Prefix, Code, Name},
#include "stackcap/opcodes.def"
};

// Byte values on the boundaries the decoders care about: LEB128
// continuation (0x80), the sign bit of a final SLEB byte (0x40), the value
// types and the empty block type (0x40, 0x6f, 0x70, 0x7b-0x7f), the memarg
// memory-index bit (0x40) and the largest plain alignment (0x3f).
const uint8_t Interesting[] = {0x00, 0x01, 0x02, 0x3f, 0x40, 0x41, 0x60, 0x6e, 0x6f,
                               0x70, 0x7b, 0x7e, 0x7f, 0x80, 0x81, 0xc0, 0xff};

std::vector<Bytes> immediateCandidates() {
  std::vector<Bytes> C;
  C.push_back({});
  for (unsigned B = 0; B < 256; ++B)
    C.push_back({static_cast<uint8_t>(B)});
  for (uint8_t A : Interesting)
    for (uint8_t B : Interesting) {
      C.push_back({A, B});
      for (uint8_t D : Interesting)
        C.push_back({A, B, D});
    }
  const uint8_t Few[] = {0x00, 0x40, 0x7f, 0x80, 0xff};
  for (uint8_t A : Few)
    for (uint8_t B : Few)
      for (uint8_t D : Few)
        for (uint8_t E : Few)
          C.push_back({A, B, D, E});
  // Longest, overlong and unterminated LEBs; a vector count and its entries;
  // 16 raw bytes for v128.const and shuffles.
  const Bytes Long[] = {
      {0xff, 0xff, 0xff, 0xff, 0x0f},       {0xff, 0xff, 0xff, 0xff, 0x1f},
      {0xff, 0xff, 0xff, 0xff, 0x7f},       {0x80, 0x80, 0x80, 0x80, 0x00},
      {0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, {0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0xff, 0x01},
      {0x80, 0x80, 0x80, 0x80, 0x80},       {0x02, 0x00, 0x01, 0x02},
      {0x02, 0x7f, 0x7e},                   {0x01, 0x00, 0x00, 0x00, 0x00, 0x01},
      {0x42, 0x05, 0x00, 0x01},             Bytes(16, 0x00),
      Bytes(16, 0xff),                      Bytes(20, 0x80),
  };
  for (const Bytes &L : Long)
    for (size_t N = 0; N <= L.size(); ++N)
      C.push_back(Bytes(L.begin(), L.begin() + N));
  return C;
}

// Fills an Instr with a pattern no decoder writes, so that a field one path
// forgets to set shows up as a difference.
Instr poisoned() {
  Instr I;
  I.Offset = 0xdeadbeef;
  I.Length = 0xdeadbeef;
  I.Key = 0xdeadbeef;
  I.Info = nullptr;
  I.Index = 0xdeadbeef;
  I.Index2 = 0xdeadbeef;
  I.ConstValue = 0x5a5a5a5a5a5a5a5aLL;
  I.BT.Kind = BlockType::TypeIndex;
  I.BT.Index = 0xdeadbeef;
  I.TargetsOffset = 0xdeadbeef;
  I.TargetCount = 0xdeadbeef;
  return I;
}

struct Outcome {
  bool Ok;
  Instr In;
  std::string Error;
  size_t ReaderOffset;
};

std::string describe(const Bytes &B) {
  std::string S;
  char Buf[4];
  for (uint8_t X : B) {
    std::snprintf(Buf, sizeof(Buf), "%02x ", X);
    S += Buf;
  }
  return S;
}

// Decodes \p Code (after \p Lead bytes already consumed) both ways and
// compares. Returns false after the first difference.
bool agree(const Bytes &Code, size_t Lead, const char *Name) {
  Outcome O[2];
  for (int Slow = 0; Slow < 2; ++Slow) {
    ByteReader R(Code.data(), Code.size());
    R.advance(Lead);
    Outcome &Out = O[Slow];
    Out.In = poisoned();
    Out.Ok = Slow ? detail::decodeInstrSlow(R, Out.In, Out.Error)
                  : decodeInstr(R, Out.In, Out.Error);
    Out.ReaderOffset = R.offset();
  }
  const Outcome &F = O[0], &S = O[1];
  std::string What = std::string(Name) + " at " + std::to_string(Lead) + ": " +
                     describe(Bytes(Code.begin() + Lead, Code.end()));
  bool Same = F.Ok == S.Ok;
  EXPECT_EQ(F.Ok, S.Ok) << What << "(fast: " << F.Error << ", slow: " << S.Error << ")";
  if (!Same)
    return false;
  if (!F.Ok) {
    EXPECT_EQ(F.Error, S.Error) << What;
    return F.Error == S.Error;
  }
  EXPECT_EQ(F.ReaderOffset, S.ReaderOffset) << What;
  EXPECT_EQ(F.In.Offset, S.In.Offset) << What;
  EXPECT_EQ(F.In.Length, S.In.Length) << What;
  EXPECT_EQ(F.In.Key, S.In.Key) << What;
  EXPECT_EQ(F.In.Info, S.In.Info) << What;
  EXPECT_EQ(F.In.Index, S.In.Index) << What;
  EXPECT_EQ(F.In.Index2, S.In.Index2) << What;
  EXPECT_EQ(F.In.ConstValue, S.In.ConstValue) << What;
  EXPECT_EQ(F.In.BT.Kind, S.In.BT.Kind) << What;
  EXPECT_EQ(F.In.BT.Index, S.In.BT.Index) << What;
  EXPECT_EQ(F.In.TargetsOffset, S.In.TargetsOffset) << What;
  EXPECT_EQ(F.In.TargetCount, S.In.TargetCount) << What;
  EXPECT_EQ(F.In.Offset, Lead) << What;
  EXPECT_EQ(F.ReaderOffset, Lead + F.In.Length) << What;
  return F.ReaderOffset == S.ReaderOffset && F.In.Offset == S.In.Offset &&
         F.In.Length == S.In.Length && F.In.Key == S.In.Key && F.In.Info == S.In.Info &&
         F.In.Index == S.In.Index && F.In.Index2 == S.In.Index2 &&
         F.In.ConstValue == S.In.ConstValue && F.In.BT.Kind == S.In.BT.Kind &&
         F.In.BT.Index == S.In.BT.Index && F.In.TargetsOffset == S.In.TargetsOffset &&
         F.In.TargetCount == S.In.TargetCount;
}

TEST(DecodeDifferential, EveryOpcodeEveryImmediate) {
  const std::vector<Bytes> Imms = immediateCandidates();
  size_t Checked = 0, FastSingleByte = 0;
  for (const TableEntry &E : AllOpcodes) {
    ASSERT_NE(lookupOpcode(E.Prefix, E.Code), nullptr) << E.Name;
    // The opcode as an encoder writes it, and for prefixed opcodes also with
    // the secondary padded to one more byte (still a valid u32).
    std::vector<Bytes> Encodings;
    Bytes Op;
    if (E.Prefix == 0) {
      Op.push_back(static_cast<uint8_t>(E.Code));
      Encodings.push_back(Op);
    } else {
      Op.push_back(E.Prefix);
      writeULEB(Op, E.Code);
      Encodings.push_back(Op);
      Bytes Padded(Op.begin(), Op.end() - 1);
      Padded.push_back(Op.back() | 0x80);
      Padded.push_back(0x00);
      Encodings.push_back(Padded);
    }
    for (const Bytes &Enc : Encodings)
      for (const Bytes &Imm : Imms) {
        // Every other input after three nops: the offset is not always 0.
        size_t Lead = (Checked & 1) ? 3 : 0;
        {
          Bytes Code(Lead, 0x01);
          Code.insert(Code.end(), Enc.begin(), Enc.end());
          Code.insert(Code.end(), Imm.begin(), Imm.end());
          ASSERT_TRUE(agree(Code, Lead, E.Name)) << "stopping at the first difference";
          ++Checked;
          if (E.Prefix == 0)
            ++FastSingleByte;
        }
      }
  }
  // Every single-byte opcode (the ones the fast path handles) went through
  // all the candidates.
  EXPECT_GT(FastSingleByte, 190u * Imms.size());
  EXPECT_GT(Checked, 500u * Imms.size());
}

// The prefix bytes, unknown opcodes and an empty body fail identically.
TEST(DecodeDifferential, UnknownOpcodesAndPrefixes) {
  const std::vector<Bytes> Imms = immediateCandidates();
  for (unsigned B = 0; B < 256; ++B)
    for (size_t K = 0; K < Imms.size(); K += 7) {
      Bytes Code{static_cast<uint8_t>(B)};
      Code.insert(Code.end(), Imms[K].begin(), Imms[K].end());
      ASSERT_TRUE(agree(Code, 0, "byte"));
    }
  ASSERT_TRUE(agree({}, 0, "empty"));
}

} // namespace
