//===- instr_decode_test.cpp - Tests of the instruction decoder -----------===//

#include "stackcap/instr.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <vector>

using namespace stackcap;

namespace {

using Bytes = std::vector<uint8_t>;

struct Result {
  bool Ok = false;
  Instr In;
  std::string Error;
  size_t ReaderOffset = 0;
};

// Decodes from a heap buffer of exactly the input's size, so that the
// sanitizer builds catch any read past the end.
Result decode(const Bytes &Code) {
  std::unique_ptr<uint8_t[]> Copy(new uint8_t[Code.size() ? Code.size() : 1]);
  if (!Code.empty())
    std::memcpy(Copy.get(), Code.data(), Code.size());
  ByteReader R(Copy.get(), Code.size());
  Result Res;
  Res.Ok = decodeInstr(R, Res.In, Res.Error);
  Res.ReaderOffset = R.offset();
  return Res;
}

Bytes cat(Bytes A, const Bytes &B) {
  A.insert(A.end(), B.begin(), B.end());
  return A;
}

Bytes repeat(uint8_t Byte, size_t N) { return Bytes(N, Byte); }

// Expects a successful decode of the whole input as a Plain instruction.
void expectPlain(const Bytes &Code, const char *Name, int Pops, int Pushes) {
  SCOPED_TRACE(Name);
  Result Res = decode(Code);
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_STREQ(Res.In.name(), Name);
  EXPECT_EQ(Res.In.kind(), OpKind::Plain);
  EXPECT_EQ(Res.In.Info->Pops, Pops);
  EXPECT_EQ(Res.In.Info->Pushes, Pushes);
  EXPECT_EQ(Res.In.Length, Code.size());
  EXPECT_EQ(Res.ReaderOffset, Code.size());
}

// Expects the decode to fail with a message that contains \p Substring
// (which must say something: an empty one would match any message).
void expectError(const Bytes &Code, const char *Substring) {
  ASSERT_NE(Substring, nullptr);
  ASSERT_NE(*Substring, '\0') << "expectError needs the expected message";
  Result Res = decode(Code);
  EXPECT_FALSE(Res.Ok);
  EXPECT_FALSE(Res.Error.empty());
  EXPECT_NE(Res.Error.find(Substring), std::string::npos) << Res.Error;
}

TEST(InstrDecode, MvpNumeric) {
  expectPlain({0x6A}, "i32.add", 2, 1);
  expectPlain({0x45}, "i32.eqz", 1, 1);
  expectPlain({0x7C}, "i64.add", 2, 1);
  expectPlain({0x91}, "f32.sqrt", 1, 1);
  expectPlain({0xA6}, "f64.copysign", 2, 1);
  expectPlain({0xA7}, "i32.wrap_i64", 1, 1);
  expectPlain({0xBF}, "f64.reinterpret_i64", 1, 1);
  expectPlain({0x01}, "nop", 0, 0);
  expectPlain({0x1A}, "drop", 1, 0);
  Result Res = decode({0x6A});
  EXPECT_EQ(Res.In.Key, 0x6Au);
  EXPECT_EQ(Res.In.Offset, 0u);
}

TEST(InstrDecode, VariablesAndMemorySize) {
  expectPlain({0x20, 0x03}, "local.get", 0, 1);
  expectPlain({0x21, 0x03}, "local.set", 1, 0);
  expectPlain({0x22, 0x03}, "local.tee", 1, 1);
  expectPlain({0x23, 0x00}, "global.get", 0, 1);
  expectPlain({0x24, 0x00}, "global.set", 1, 0);
  expectPlain({0x3F, 0x00}, "memory.size", 0, 1);
  expectPlain({0x40, 0x00}, "memory.grow", 1, 1);
  Result Res = decode({0x20, 0xE5, 0x8E, 0x26});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.Index, 624485u);
  Res = decode({0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.Index, 0xFFFFFFFFu);
}

TEST(InstrDecode, Constants) {
  Result Res = decode({0x41, 0x7F});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.ConstValue, -1);
  Res = decode({0x41, 0x80, 0x80, 0x80, 0x80, 0x78});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.ConstValue, INT32_MIN);
  Res = decode({0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x07});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.ConstValue, INT32_MAX);
  // Padded but within five bytes is allowed.
  Res = decode({0x41, 0x85, 0x80, 0x80, 0x80, 0x00});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.ConstValue, 5);
  EXPECT_EQ(Res.In.Length, 6u);

  Res = decode(cat({0x42}, cat(repeat(0x80, 9), {0x7F})));
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_EQ(Res.In.ConstValue, INT64_MIN);
  Res = decode(cat({0x42}, cat(repeat(0xFF, 9), {0x00})));
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_EQ(Res.In.ConstValue, INT64_MAX);

  expectPlain({0x43, 0, 0, 0x80, 0x3F}, "f32.const", 0, 1);
  expectPlain({0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F}, "f64.const", 0, 1);
}

TEST(InstrDecode, OverlongAndInvalidLEB) {
  // Six bytes for a u32 / s32.
  expectError({0x20, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, "malformed");
  expectError({0x41, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, "malformed");
  // Unused bits of the last byte set.
  expectError({0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, "malformed");
  expectError({0x10, 0x80, 0x80, 0x80, 0x80, 0x10}, "malformed");
  // s32 whose unused bits disagree with the sign bit.
  expectError({0x41, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, "malformed");
  expectError({0x41, 0x80, 0x80, 0x80, 0x80, 0x70}, "malformed");
  // s64 with eleven bytes, and with bad bits in the tenth.
  expectError(cat({0x42}, cat(repeat(0x80, 10), {0x00})), "malformed");
  expectError(cat({0x42}, cat(repeat(0x80, 9), {0x02})), "malformed");
  // Memarg offset is u64: ten bytes allowed, eleven not.
  expectPlain(cat({0x28, 0x02}, cat(repeat(0xFF, 9), {0x01})), "i32.load", 1, 1);
  expectError(cat({0x28, 0x02}, cat(repeat(0xFF, 9), {0x03})), "malformed");
  expectError(cat({0x28, 0x02}, cat(repeat(0x80, 10), {0x00})), "malformed");
  // Prefixed secondary opcode: padded is fine, overlong is not.
  Result Res =
      decode({0xFD, 0x8C, 0x80, 0x80, 0x80, 0x00, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0, 0});
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_STREQ(Res.In.name(), "v128.const");
  EXPECT_EQ(Res.In.Length, 22u);
  expectError({0xFD, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, "malformed");
  expectError({0xFC, 0x80, 0x80, 0x80, 0x80, 0x10}, "malformed");
}

TEST(InstrDecode, MemArg) {
  expectPlain({0x28, 0x02, 0x10}, "i32.load", 1, 1);
  expectPlain({0x36, 0x02, 0x00}, "i32.store", 2, 0);
  expectPlain({0x37, 0x03, 0x08}, "i64.store", 2, 0);
  expectPlain({0x3E, 0x02, 0x00}, "i64.store32", 2, 0);
  expectPlain({0x35, 0x02, 0x00}, "i64.load32_u", 1, 1);
  Result Res = decode({0x28, 0x02, 0x10});
  EXPECT_EQ(Res.In.Index, 0u);
  // Bit 6 of the alignment announces a memory index.
  Res = decode({0x28, 0x42, 0x01, 0x08});
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_EQ(Res.In.Index, 1u);
  EXPECT_EQ(Res.In.Length, 4u);
  Res = decode({0x36, 0x40, 0x83, 0x01, 0x00});
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_EQ(Res.In.Index, 131u);
  expectError({0x28, 0x42, 0x01}, "end of code");
  // Alignment fields of 128 and above are malformed.
  expectError({0x28, 0x80, 0x01, 0x00}, "malformed");
}

TEST(InstrDecode, BlockTypes) {
  Result Res = decode({0x02, 0x40});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.kind(), OpKind::Block);
  EXPECT_EQ(Res.In.BT.Kind, BlockType::Empty);
  EXPECT_EQ(Res.In.Length, 2u);
  for (uint8_t T : {0x7F, 0x7E, 0x7D, 0x7C, 0x7B, 0x70, 0x6F}) {
    Res = decode({0x03, T});
    ASSERT_TRUE(Res.Ok) << int(T);
    EXPECT_EQ(Res.In.kind(), OpKind::Loop);
    EXPECT_EQ(Res.In.BT.Kind, BlockType::Value);
  }
  Res = decode({0x04, 0x00});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.kind(), OpKind::If);
  EXPECT_EQ(Res.In.BT.Kind, BlockType::TypeIndex);
  EXPECT_EQ(Res.In.BT.Index, 0u);
  Res = decode({0x02, 0x3F});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.BT.Kind, BlockType::TypeIndex);
  EXPECT_EQ(Res.In.BT.Index, 63u);
  // 64 needs two bytes because 0x40 alone is the empty type.
  Res = decode({0x02, 0xC0, 0x00});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.BT.Kind, BlockType::TypeIndex);
  EXPECT_EQ(Res.In.BT.Index, 64u);
  EXPECT_EQ(Res.In.Length, 3u);
  // Largest s33 type index.
  Res = decode({0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F});
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_EQ(Res.In.BT.Index, 0xFFFFFFFFu);
  // Sign bit set in the fifth byte without its sign extension: not an s33.
  expectError({0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x1F}, "malformed block type of block");
  // A padded -1: negative, not a type index.
  expectError({0x02, 0xFF, 0xFF, 0xFF, 0xFF, 0x7F}, "unsupported block type 0xff in block");
  expectError({0x02, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, "malformed");
  // Negative values other than the single-byte forms.
  expectError({0x02, 0x60}, "block type");
  expectError({0x02, 0xC0, 0x7F}, "block type");
  expectError({0x02, 0x63, 0x00}, "block type");
  expectError({0x02}, "end of code");
}

TEST(InstrDecode, ControlKinds) {
  struct {
    Bytes Code;
    OpKind Kind;
    const char *Name;
  } Cases[] = {
      {{0x00}, OpKind::Unreachable, "unreachable"},
      {{0x05}, OpKind::Else, "else"},
      {{0x0B}, OpKind::End, "end"},
      {{0x0C, 0x02}, OpKind::Br, "br"},
      {{0x0D, 0x00}, OpKind::BrIf, "br_if"},
      {{0x0F}, OpKind::Return, "return"},
      {{0x10, 0x07}, OpKind::Call, "call"},
      {{0x11, 0x02, 0x01}, OpKind::CallIndirect, "call_indirect"},
      {{0x1B}, OpKind::Select, "select"},
      {{0x1C, 0x01, 0x7F}, OpKind::Select, "select"},
  };
  for (const auto &C : Cases) {
    SCOPED_TRACE(C.Name);
    Result Res = decode(C.Code);
    ASSERT_TRUE(Res.Ok) << Res.Error;
    EXPECT_EQ(Res.In.kind(), C.Kind);
    EXPECT_STREQ(Res.In.name(), C.Name);
    EXPECT_EQ(Res.In.Length, C.Code.size());
    EXPECT_EQ(Res.In.Info->Pops, 0);
    EXPECT_EQ(Res.In.Info->Pushes, 0);
  }
  Result Res = decode({0x10, 0x07});
  EXPECT_EQ(Res.In.Index, 7u);
  Res = decode({0x11, 0x02, 0x01});
  EXPECT_EQ(Res.In.Index, 2u);
  EXPECT_EQ(Res.In.Index2, 1u);
}

TEST(InstrDecode, BrTable) {
  // A nop first, so the instruction does not start at offset 0.
  Bytes Code = {0x01, 0x0E, 0x03, 0x00, 0x81, 0x01, 0x02, 0x05, 0x0B};
  ByteReader R(Code.data(), Code.size());
  Instr In;
  std::string Error;
  ASSERT_TRUE(decodeInstr(R, In, Error));
  ASSERT_TRUE(decodeInstr(R, In, Error)) << Error;
  EXPECT_EQ(In.kind(), OpKind::BrTable);
  EXPECT_EQ(In.Offset, 1u);
  EXPECT_EQ(In.Length, 7u);
  EXPECT_EQ(In.TargetCount, 3u);
  EXPECT_EQ(In.TargetsOffset, 3u);
  EXPECT_EQ(In.Index, 5u);
  std::vector<uint32_t> Targets;
  forEachBrTableTarget(Code.data(), In, [&](uint32_t D) { Targets.push_back(D); });
  EXPECT_EQ(Targets, (std::vector<uint32_t>{0, 129, 2}));
  ASSERT_TRUE(decodeInstr(R, In, Error));
  EXPECT_EQ(In.kind(), OpKind::End);
  EXPECT_TRUE(R.atEnd());

  // Only a default target.
  Result Res = decode({0x0E, 0x00, 0x04});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.TargetCount, 0u);
  EXPECT_EQ(Res.In.Index, 4u);

  // Counts beyond the remaining bytes are rejected before any target is read.
  expectError({0x0E, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F, 0x00}, "count");
  expectError({0x0E, 0x03, 0x00, 0x00}, "count");
  // Count fits but the default is missing.
  expectError({0x0E, 0x02, 0x00, 0x00}, "end of code");
  expectError({0x0E, 0x01, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00, 0x00}, "malformed");
}

TEST(InstrDecode, SelectT) {
  Result Res = decode({0x1C, 0x01, 0x7B});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.kind(), OpKind::Select);
  EXPECT_EQ(Res.In.Length, 3u);
  expectError({0x1C, 0x05, 0x7F}, "count");
  expectError({0x1C, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, "count");
  expectError({0x1C, 0x01, 0x40}, "value type");
  expectError({0x1C, 0x01}, "end of code");
}

TEST(InstrDecode, ReferenceTypes) {
  expectPlain({0xD0, 0x70}, "ref.null", 0, 1);
  expectPlain({0xD0, 0x6F}, "ref.null", 0, 1);
  expectPlain({0xD1}, "ref.is_null", 1, 1);
  expectPlain({0xD2, 0x04}, "ref.func", 0, 1);
  Result Res = decode({0xD2, 0x04});
  EXPECT_EQ(Res.In.Index, 4u);
  expectError({0xD0}, "end of code");
  expectError({0xD0, 0x80, 0x80, 0x80, 0x80, 0x80, 0x00}, "malformed");
}

TEST(InstrDecode, TableOps) {
  expectPlain({0x25, 0x00}, "table.get", 1, 1);
  expectPlain({0x26, 0x01}, "table.set", 2, 0);
  expectPlain({0xFC, 0x0F, 0x00}, "table.grow", 2, 1);
  expectPlain({0xFC, 0x10, 0x00}, "table.size", 0, 1);
  expectPlain({0xFC, 0x11, 0x00}, "table.fill", 3, 0);
  expectPlain({0xFC, 0x0C, 0x02, 0x01}, "table.init", 3, 0);
  expectPlain({0xFC, 0x0D, 0x02}, "elem.drop", 0, 0);
  expectPlain({0xFC, 0x0E, 0x00, 0x01}, "table.copy", 3, 0);
  Result Res = decode({0xFC, 0x0C, 0x02, 0x01});
  EXPECT_EQ(Res.In.Index, 2u);
  EXPECT_EQ(Res.In.Index2, 1u);
  EXPECT_EQ(Res.In.Key, opcodeKey(0xFC, 0x0C));
}

TEST(InstrDecode, BulkMemory) {
  expectPlain({0xFC, 0x08, 0x03, 0x00}, "memory.init", 3, 0);
  expectPlain({0xFC, 0x09, 0x03}, "data.drop", 0, 0);
  expectPlain({0xFC, 0x0A, 0x00, 0x00}, "memory.copy", 3, 0);
  expectPlain({0xFC, 0x0B, 0x00}, "memory.fill", 3, 0);
  Result Res = decode({0xFC, 0x0A, 0x01, 0x02});
  ASSERT_TRUE(Res.Ok);
  EXPECT_EQ(Res.In.Index, 1u);
  EXPECT_EQ(Res.In.Index2, 2u);
}

TEST(InstrDecode, SaturatingTruncationAndSignExtension) {
  expectPlain({0xFC, 0x00}, "i32.trunc_sat_f32_s", 1, 1);
  expectPlain({0xFC, 0x07}, "i64.trunc_sat_f64_u", 1, 1);
  expectPlain({0xC0}, "i32.extend8_s", 1, 1);
  expectPlain({0xC1}, "i32.extend16_s", 1, 1);
  expectPlain({0xC2}, "i64.extend8_s", 1, 1);
  expectPlain({0xC3}, "i64.extend16_s", 1, 1);
  expectPlain({0xC4}, "i64.extend32_s", 1, 1);
}

TEST(InstrDecode, Simd) {
  expectPlain(cat({0xFD, 0x0C}, repeat(0xAB, 16)), "v128.const", 0, 1);
  expectPlain(cat({0xFD, 0x0D}, repeat(0x1F, 16)), "i8x16.shuffle", 2, 1);
  expectPlain({0xFD, 0x00, 0x04, 0x00}, "v128.load", 1, 1);
  expectPlain({0xFD, 0x0B, 0x04, 0x10}, "v128.store", 2, 0);
  expectPlain({0xFD, 0x5D, 0x03, 0x00}, "v128.load64_zero", 1, 1);
  expectPlain({0xFD, 0x0F}, "i8x16.splat", 1, 1);
  expectPlain({0xFD, 0x15, 0x0F}, "i8x16.extract_lane_s", 1, 1);
  expectPlain({0xFD, 0x17, 0x03}, "i8x16.replace_lane", 2, 1);
  expectPlain({0xFD, 0x21, 0x01}, "f64x2.extract_lane", 1, 1);
  expectPlain({0xFD, 0x52}, "v128.bitselect", 3, 1);
  expectPlain({0xFD, 0x53}, "v128.any_true", 1, 1);
  expectPlain({0xFD, 0x6B}, "i8x16.shl", 2, 1);
  expectPlain({0xFD, 0x94, 0x01}, "f64x2.nearest", 1, 1);
  expectPlain({0xFD, 0xAE, 0x01}, "i32x4.add", 2, 1);
  expectPlain({0xFD, 0xFF, 0x01}, "f64x2.convert_low_i32x4_u", 1, 1);
  expectPlain({0xFD, 0x54, 0x00, 0x00, 0x0F}, "v128.load8_lane", 2, 1);
  expectPlain({0xFD, 0x5B, 0x03, 0x08, 0x01}, "v128.store64_lane", 2, 0);
  // Relaxed SIMD.
  expectPlain({0xFD, 0x80, 0x02}, "i8x16.relaxed_swizzle", 2, 1);
  expectPlain({0xFD, 0x85, 0x02}, "f32x4.relaxed_madd", 3, 1);
  expectPlain({0xFD, 0x89, 0x02}, "i8x16.relaxed_laneselect", 3, 1);
  expectPlain({0xFD, 0x93, 0x02}, "i32x4.relaxed_dot_i8x16_i7x16_add_s", 3, 1);

  Result Res = decode({0xFD, 0x15, 0x0F});
  EXPECT_EQ(Res.In.Index, 15u);
  EXPECT_EQ(Res.In.Key, opcodeKey(0xFD, 0x15));
  Res = decode({0xFD, 0x56, 0x42, 0x02, 0x10, 0x03});
  ASSERT_TRUE(Res.Ok) << Res.Error;
  EXPECT_STREQ(Res.In.name(), "v128.load32_lane");
  EXPECT_EQ(Res.In.Index, 2u);
  EXPECT_EQ(Res.In.Index2, 3u);
  Res = decode({0xFD, 0x85, 0x02});
  EXPECT_EQ(Res.In.Key, opcodeKey(0xFD, 0x105));
  expectError(cat({0xFD, 0x0C}, repeat(0, 15)), "end of code");
}

TEST(InstrDecode, Atomics) {
  expectPlain({0xFE, 0x00, 0x02, 0x00}, "memory.atomic.notify", 2, 1);
  expectPlain({0xFE, 0x01, 0x02, 0x00}, "memory.atomic.wait32", 3, 1);
  expectPlain({0xFE, 0x02, 0x03, 0x00}, "memory.atomic.wait64", 3, 1);
  expectPlain({0xFE, 0x03, 0x00}, "atomic.fence", 0, 0);
  expectPlain({0xFE, 0x10, 0x02, 0x00}, "i32.atomic.load", 1, 1);
  expectPlain({0xFE, 0x18, 0x03, 0x00}, "i64.atomic.store", 2, 0);
  expectPlain({0xFE, 0x1E, 0x02, 0x04}, "i32.atomic.rmw.add", 2, 1);
  expectPlain({0xFE, 0x47, 0x02, 0x00}, "i64.atomic.rmw32.xchg_u", 2, 1);
  expectPlain({0xFE, 0x48, 0x02, 0x00}, "i32.atomic.rmw.cmpxchg", 3, 1);
  expectPlain({0xFE, 0x4E, 0x02, 0x00}, "i64.atomic.rmw32.cmpxchg_u", 3, 1);
  expectError({0xFE, 0x03, 0x01}, "atomic.fence");
  expectError({0xFE, 0x03}, "end of code");
}

TEST(InstrDecode, UnknownOpcodes) {
  expectError({0x27}, "unknown opcode 0x27");
  expectError({0x16}, "unknown opcode 0x16");
  expectError({0xC5}, "unknown opcode 0xc5");
  expectError({0xFF}, "unknown opcode 0xff");
  expectError({0xFD, 0xFF, 0x03}, "unknown opcode 0xfd 0x1ff");
  expectError({0xFD, 0xA2, 0x01}, "unknown opcode 0xfd 0xa2");
  expectError({0xFC, 0x12}, "unknown opcode 0xfc 0x12");
  expectError({0xFE, 0x04}, "unknown opcode 0xfe 0x4");
  expectError({0xFE, 0x4F}, "unknown opcode 0xfe 0x4f");
  expectError({0xFB, 0x7F}, "unknown opcode 0xfb 0x7f");
  expectError({0xFD, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F}, "unknown opcode 0xfd 0xffffffff");
  expectError({}, "end of code");
  expectError({0xFD}, "end of code");
  expectError({0xFD, 0x80}, "end of code");
}

TEST(InstrDecode, UnsupportedAreNamed) {
  struct {
    Bytes Code;
    const char *Name;
  } Cases[] = {
      {{0x12, 0x05}, "return_call"},
      {{0x13, 0x01, 0x00}, "return_call_indirect"},
      {{0x14, 0x02}, "call_ref"},
      {{0x15, 0x02}, "return_call_ref"},
      {{0x06, 0x40}, "try"},
      {{0x07, 0x00}, "catch"},
      {{0x08, 0x00}, "throw"},
      {{0x09, 0x01}, "rethrow"},
      {{0x18, 0x00}, "delegate"},
      {{0x19}, "catch_all"},
      {{0x0A}, "throw_ref"},
      {{0x1F, 0x40, 0x02, 0x00, 0x01, 0x00, 0x02, 0x01}, "try_table"},
      {{0x1F, 0x7F, 0x02, 0x01, 0x00, 0x00, 0x03, 0x00}, "try_table"},
      {{0xD3}, "ref.eq"},
      {{0xD4}, "ref.as_non_null"},
      {{0xD5, 0x00}, "br_on_null"},
      {{0xD6, 0x01}, "br_on_non_null"},
  };
  for (const auto &C : Cases) {
    SCOPED_TRACE(C.Name);
    Result Res = decode(C.Code);
    ASSERT_TRUE(Res.Ok) << Res.Error;
    EXPECT_EQ(Res.In.kind(), OpKind::Unsupported);
    EXPECT_STREQ(Res.In.name(), C.Name);
    EXPECT_EQ(Res.In.Length, C.Code.size());
  }
  Result Res = decode({0x12, 0x05});
  EXPECT_EQ(Res.In.Index, 5u);

  // Immediates not understood: Length covers the opcode only.
  struct {
    Bytes Code;
    const char *Name;
    uint32_t Length;
  } Opaque[] = {
      {{0xFB, 0x00, 0x01}, "struct.new", 2}, {{0xFB, 0x1E}, "i31.get_u", 2},
      {{0xFB, 0x9C, 0x00}, "ref.i31", 3},    {{0xE0, 0x01}, "cont.new", 1},
      {{0xE3, 0x01, 0x00}, "resume", 1},     {{0xE6, 0x00, 0x00}, "switch", 1},
  };
  for (const auto &C : Opaque) {
    SCOPED_TRACE(C.Name);
    Result Res = decode(C.Code);
    ASSERT_TRUE(Res.Ok) << Res.Error;
    EXPECT_EQ(Res.In.kind(), OpKind::Unsupported);
    EXPECT_EQ(Res.In.Info->Imm, ImmKind::Unknown);
    EXPECT_STREQ(Res.In.name(), C.Name);
    EXPECT_EQ(Res.In.Length, C.Length);
    EXPECT_EQ(Res.ReaderOffset, C.Length);
  }

  expectError({0x1F, 0x40, 0x01, 0x04, 0x00}, "catch kind");
  expectError({0x1F, 0x40, 0x7F, 0x00}, "count");
}

// Every proper prefix of a valid instruction must fail cleanly.
TEST(InstrDecode, TruncationAtEveryByte) {
  const Bytes Valid[] = {
      {0x41, 0x80, 0x80, 0x80, 0x80, 0x78},
      cat({0x42}, cat(repeat(0x80, 9), {0x7F})),
      {0x43, 0, 0, 0x80, 0x3F},
      {0x44, 0, 0, 0, 0, 0, 0, 0xF0, 0x3F},
      {0x20, 0xFF, 0xFF, 0xFF, 0xFF, 0x0F},
      {0x02, 0xC0, 0x00},
      {0x02, 0x80, 0x80, 0x80, 0x80, 0x00},
      {0x0E, 0x02, 0x81, 0x01, 0x00, 0x83, 0x01},
      {0x10, 0x80, 0x01},
      {0x11, 0x81, 0x01, 0x82, 0x01},
      {0x1C, 0x02, 0x7F, 0x7E},
      {0x28, 0x42, 0x81, 0x01, 0x80, 0x80, 0x04},
      {0x3F, 0x00},
      {0xD0, 0x70},
      {0xFC, 0x08, 0x81, 0x01, 0x00},
      {0xFC, 0x0E, 0x01, 0x02},
      {0xFC, 0x87, 0x80, 0x00},
      cat({0xFD, 0x0C}, repeat(1, 16)),
      cat({0xFD, 0x0D}, repeat(2, 16)),
      {0xFD, 0x54, 0x40, 0x01, 0x00, 0x07},
      {0xFD, 0x1D, 0x01},
      {0xFD, 0x93, 0x02},
      {0xFE, 0x03, 0x00},
      {0xFE, 0x48, 0x02, 0x80, 0x01},
      {0x12, 0x90, 0x01},
      {0x1F, 0x40, 0x02, 0x00, 0x01, 0x00, 0x02, 0x01},
      {0xFB, 0x81, 0x00},
  };
  for (const Bytes &Code : Valid) {
    Result Full = decode(Code);
    ASSERT_TRUE(Full.Ok) << Full.Error << " (opcode 0x" << std::hex << int(Code[0]) << ")";
    EXPECT_EQ(Full.In.Length, Code.size());
    for (size_t Len = 0; Len < Code.size(); ++Len) {
      Bytes Prefix(Code.begin(), Code.begin() + Len);
      Result Res = decode(Prefix);
      EXPECT_FALSE(Res.Ok) << "prefix of length " << Len << " of " << Full.In.name();
      EXPECT_NE(Res.Error.find("end of code"), std::string::npos)
          << Full.In.name() << " at " << Len << ": " << Res.Error;
      EXPECT_LE(Res.ReaderOffset, Len);
    }
  }
}

TEST(InstrDecode, SequenceOffsets) {
  // i32.const 1; i32.const 2; i32.add; drop; end
  Bytes Code = {0x41, 0x01, 0x41, 0x82, 0x00, 0x6A, 0x1A, 0x0B};
  ByteReader R(Code.data(), Code.size());
  Instr In;
  std::string Error;
  std::vector<std::pair<uint32_t, uint32_t>> Seen;
  while (!R.atEnd()) {
    ASSERT_TRUE(decodeInstr(R, In, Error)) << Error;
    Seen.emplace_back(In.Offset, In.Length);
  }
  EXPECT_EQ(Seen,
            (std::vector<std::pair<uint32_t, uint32_t>>{{0, 2}, {2, 3}, {5, 1}, {6, 1}, {7, 1}}));
}

const uint8_t Prefixes[] = {0, 0xFB, 0xFC, 0xFD, 0xFE};

TEST(OpcodeTable, EntriesAreConsistent) {
  size_t Counts[5] = {};
  for (size_t P = 0; P < 5; ++P) {
    for (uint32_t Code = 0; Code < 0x400; ++Code) {
      const OpcodeInfo *Info = lookupOpcode(Prefixes[P], Code);
      if (!Info)
        continue;
      ++Counts[P];
      SCOPED_TRACE(testing::Message() << std::hex << int(Prefixes[P]) << " " << Code);
      ASSERT_NE(Info->Name, nullptr);
      EXPECT_GT(std::strlen(Info->Name), 0u);
      EXPECT_EQ(lookupOpcode(Prefixes[P], Code), Info);
      switch (Info->Kind) {
      case OpKind::Plain:
        EXPECT_LE(Info->Pops, 4);
        EXPECT_LE(Info->Pushes, 2);
        EXPECT_NE(Info->Imm, ImmKind::BlockType);
        EXPECT_NE(Info->Imm, ImmKind::LabelIdx);
        EXPECT_NE(Info->Imm, ImmKind::BrTable);
        EXPECT_NE(Info->Imm, ImmKind::CallIndirect);
        EXPECT_NE(Info->Imm, ImmKind::SelectT);
        EXPECT_NE(Info->Imm, ImmKind::TryTable);
        EXPECT_NE(Info->Imm, ImmKind::Unknown);
        break;
      case OpKind::Block:
      case OpKind::Loop:
      case OpKind::If:
        EXPECT_EQ(Info->Imm, ImmKind::BlockType);
        break;
      case OpKind::Br:
      case OpKind::BrIf:
        EXPECT_EQ(Info->Imm, ImmKind::LabelIdx);
        break;
      case OpKind::BrTable:
        EXPECT_EQ(Info->Imm, ImmKind::BrTable);
        break;
      case OpKind::Call:
        EXPECT_EQ(Info->Imm, ImmKind::FuncIdx);
        break;
      case OpKind::CallIndirect:
        EXPECT_EQ(Info->Imm, ImmKind::CallIndirect);
        break;
      case OpKind::Select:
        EXPECT_TRUE(Info->Imm == ImmKind::None || Info->Imm == ImmKind::SelectT);
        break;
      case OpKind::Else:
      case OpKind::End:
      case OpKind::Unreachable:
      case OpKind::Return:
        EXPECT_EQ(Info->Imm, ImmKind::None);
        break;
      case OpKind::Unsupported:
        break;
      }
      if (Info->Kind != OpKind::Plain) {
        EXPECT_EQ(Info->Pops, 0);
        EXPECT_EQ(Info->Pushes, 0);
      }
      if (Prefixes[P] == 0) {
        EXPECT_LT(Code, 0x100u);
      }
      // Only single-byte opcodes are control flow, calls or select.
      if (Prefixes[P] != 0) {
        EXPECT_TRUE(Info->Kind == OpKind::Plain || Info->Kind == OpKind::Unsupported);
      }
      if (Prefixes[P] == 0xFB) {
        EXPECT_EQ(Info->Kind, OpKind::Unsupported);
      }
    }
  }
  // Final SIMD (236) plus relaxed SIMD (20); threads: 3 wait/notify, fence,
  // 7 loads, 7 stores, 6 x 7 read-modify-write, 7 cmpxchg.
  EXPECT_EQ(Counts[3], 256u);
  EXPECT_EQ(Counts[4], 67u);
  EXPECT_EQ(Counts[2], 22u);
  for (uint8_t P = 0xFB; P <= 0xFE && P >= 0xFB; ++P)
    EXPECT_EQ(lookupOpcode(0, P), nullptr);
  EXPECT_EQ(lookupOpcode(0x01, 0), nullptr);
  EXPECT_EQ(lookupOpcode(0xFF, 0), nullptr);
  EXPECT_EQ(lookupOpcode(0, 0xFFFFFFFFu), nullptr);
  EXPECT_EQ(lookupOpcode(0xFD, 0xFFFFFFFFu), nullptr);
}

// Every known opcode decodes when followed by zero bytes, which form a valid
// (minimal) immediate of every kind.
TEST(OpcodeTable, EveryEntryDecodes) {
  for (uint8_t P : Prefixes) {
    for (uint32_t Code = 0; Code < 0x400; ++Code) {
      const OpcodeInfo *Info = lookupOpcode(P, Code);
      if (!Info)
        continue;
      Bytes Enc;
      if (P) {
        Enc.push_back(P);
        uint32_t V = Code;
        do {
          uint8_t B = V & 0x7F;
          V >>= 7;
          Enc.push_back(V ? (B | 0x80) : B);
        } while (V);
      } else {
        Enc.push_back(static_cast<uint8_t>(Code));
      }
      size_t OpLen = Enc.size();
      Enc.resize(OpLen + 24, 0);
      Result Res = decode(Enc);
      SCOPED_TRACE(Info->Name);
      ASSERT_TRUE(Res.Ok) << Res.Error;
      EXPECT_EQ(Res.In.Info, Info);
      EXPECT_EQ(Res.In.Key, opcodeKey(P, Code));
      EXPECT_GE(Res.In.Length, OpLen);
      if (Info->Imm == ImmKind::None || Info->Imm == ImmKind::Unknown) {
        EXPECT_EQ(Res.In.Length, OpLen);
      }
    }
  }
}

TEST(OpcodeTable, NamedLookups) {
  const OpcodeInfo *Info = lookupOpcode(0xFD, 0x113);
  ASSERT_NE(Info, nullptr);
  EXPECT_STREQ(Info->Name, "i32x4.relaxed_dot_i8x16_i7x16_add_s");
  Info = lookupOpcode(0, 0x1C);
  ASSERT_NE(Info, nullptr);
  EXPECT_EQ(Info->Kind, OpKind::Select);
  EXPECT_EQ(Info->Imm, ImmKind::SelectT);
  Info = lookupOpcode(0xFC, 0x0A);
  ASSERT_NE(Info, nullptr);
  EXPECT_STREQ(Info->Name, "memory.copy");
  EXPECT_EQ(Info->Pops, 3);
  EXPECT_EQ(Info->Pushes, 0);
}

} // namespace
