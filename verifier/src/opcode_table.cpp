//===- opcode_table.cpp - Static description of every known opcode -------===//
//
// Part of stackcap. The table below lists every opcode the decoder knows, with
// the stack effect of each `Plain` instruction taken from its type in the core
// spec (or the proposal that defines it). Lookup goes through dense index
// arrays built at compile time, so it costs one bounds check and two loads.
//
//===----------------------------------------------------------------------===//

#include "stackcap/instr.h"

#include <cstddef>

namespace stackcap {
namespace {

using K = OpKind;
using I = ImmKind;

struct Entry {
  uint8_t Prefix;
  uint16_t Code;
  OpcodeInfo Info;
};

// Builders keep the table one line per opcode. Plain instructions without
// immediates are the common case, hence the defaulted ImmKind.
constexpr Entry op(uint16_t Code, const char *Name, uint8_t Pops, uint8_t Pushes,
                   ImmKind Imm = I::None) {
  return {0, Code, {Name, K::Plain, Imm, Pops, Pushes}};
}
constexpr Entry ctl(uint16_t Code, const char *Name, OpKind Kind, ImmKind Imm = I::None) {
  return {0, Code, {Name, Kind, Imm, 0, 0}};
}
constexpr Entry unsup(uint8_t Prefix, uint16_t Code, const char *Name, ImmKind Imm) {
  return {Prefix, Code, {Name, K::Unsupported, Imm, 0, 0}};
}
constexpr Entry fc(uint16_t Code, const char *Name, uint8_t Pops, uint8_t Pushes,
                   ImmKind Imm = I::None) {
  return {0xFC, Code, {Name, K::Plain, Imm, Pops, Pushes}};
}
constexpr Entry fd(uint16_t Code, const char *Name, uint8_t Pops, uint8_t Pushes,
                   ImmKind Imm = I::None) {
  return {0xFD, Code, {Name, K::Plain, Imm, Pops, Pushes}};
}
constexpr Entry fe(uint16_t Code, const char *Name, uint8_t Pops, uint8_t Pushes,
                   ImmKind Imm = I::MemArg) {
  return {0xFE, Code, {Name, K::Plain, Imm, Pops, Pushes}};
}
constexpr Entry gc(uint16_t Code, const char *Name) { return unsup(0xFB, Code, Name, I::Unknown); }

constexpr Entry Entries[] = {
    // Control (MVP, reference types, tail calls, exceptions, typed refs).
    ctl(0x00, "unreachable", K::Unreachable),
    op(0x01, "nop", 0, 0),
    ctl(0x02, "block", K::Block, I::BlockType),
    ctl(0x03, "loop", K::Loop, I::BlockType),
    ctl(0x04, "if", K::If, I::BlockType),
    ctl(0x05, "else", K::Else),
    unsup(0, 0x06, "try", I::BlockType),
    unsup(0, 0x07, "catch", I::FuncIdx), // tag index
    unsup(0, 0x08, "throw", I::FuncIdx), // tag index
    unsup(0, 0x09, "rethrow", I::LabelIdx),
    unsup(0, 0x0A, "throw_ref", I::None),
    ctl(0x0B, "end", K::End),
    ctl(0x0C, "br", K::Br, I::LabelIdx),
    ctl(0x0D, "br_if", K::BrIf, I::LabelIdx),
    ctl(0x0E, "br_table", K::BrTable, I::BrTable),
    ctl(0x0F, "return", K::Return),
    ctl(0x10, "call", K::Call, I::FuncIdx),
    ctl(0x11, "call_indirect", K::CallIndirect, I::CallIndirect),
    unsup(0, 0x12, "return_call", I::FuncIdx),
    unsup(0, 0x13, "return_call_indirect", I::CallIndirect),
    unsup(0, 0x14, "call_ref", I::TypeIdx),
    unsup(0, 0x15, "return_call_ref", I::TypeIdx),
    unsup(0, 0x18, "delegate", I::LabelIdx),
    unsup(0, 0x19, "catch_all", I::None),

    // Parametric.
    op(0x1A, "drop", 1, 0),
    ctl(0x1B, "select", K::Select),
    ctl(0x1C, "select", K::Select, I::SelectT),
    unsup(0, 0x1F, "try_table", I::TryTable),

    // Variables and tables.
    op(0x20, "local.get", 0, 1, I::LocalIdx),
    op(0x21, "local.set", 1, 0, I::LocalIdx),
    op(0x22, "local.tee", 1, 1, I::LocalIdx),
    op(0x23, "global.get", 0, 1, I::GlobalIdx),
    op(0x24, "global.set", 1, 0, I::GlobalIdx),
    op(0x25, "table.get", 1, 1, I::TableIdx),
    op(0x26, "table.set", 2, 0, I::TableIdx),

    // Memory.
    op(0x28, "i32.load", 1, 1, I::MemArg),
    op(0x29, "i64.load", 1, 1, I::MemArg),
    op(0x2A, "f32.load", 1, 1, I::MemArg),
    op(0x2B, "f64.load", 1, 1, I::MemArg),
    op(0x2C, "i32.load8_s", 1, 1, I::MemArg),
    op(0x2D, "i32.load8_u", 1, 1, I::MemArg),
    op(0x2E, "i32.load16_s", 1, 1, I::MemArg),
    op(0x2F, "i32.load16_u", 1, 1, I::MemArg),
    op(0x30, "i64.load8_s", 1, 1, I::MemArg),
    op(0x31, "i64.load8_u", 1, 1, I::MemArg),
    op(0x32, "i64.load16_s", 1, 1, I::MemArg),
    op(0x33, "i64.load16_u", 1, 1, I::MemArg),
    op(0x34, "i64.load32_s", 1, 1, I::MemArg),
    op(0x35, "i64.load32_u", 1, 1, I::MemArg),
    op(0x36, "i32.store", 2, 0, I::MemArg),
    op(0x37, "i64.store", 2, 0, I::MemArg),
    op(0x38, "f32.store", 2, 0, I::MemArg),
    op(0x39, "f64.store", 2, 0, I::MemArg),
    op(0x3A, "i32.store8", 2, 0, I::MemArg),
    op(0x3B, "i32.store16", 2, 0, I::MemArg),
    op(0x3C, "i64.store8", 2, 0, I::MemArg),
    op(0x3D, "i64.store16", 2, 0, I::MemArg),
    op(0x3E, "i64.store32", 2, 0, I::MemArg),
    op(0x3F, "memory.size", 0, 1, I::MemIdx),
    op(0x40, "memory.grow", 1, 1, I::MemIdx),

    // Constants.
    op(0x41, "i32.const", 0, 1, I::I32),
    op(0x42, "i64.const", 0, 1, I::I64),
    op(0x43, "f32.const", 0, 1, I::F32),
    op(0x44, "f64.const", 0, 1, I::F64),

    // i32 comparisons.
    op(0x45, "i32.eqz", 1, 1),
    op(0x46, "i32.eq", 2, 1),
    op(0x47, "i32.ne", 2, 1),
    op(0x48, "i32.lt_s", 2, 1),
    op(0x49, "i32.lt_u", 2, 1),
    op(0x4A, "i32.gt_s", 2, 1),
    op(0x4B, "i32.gt_u", 2, 1),
    op(0x4C, "i32.le_s", 2, 1),
    op(0x4D, "i32.le_u", 2, 1),
    op(0x4E, "i32.ge_s", 2, 1),
    op(0x4F, "i32.ge_u", 2, 1),
    // i64 comparisons.
    op(0x50, "i64.eqz", 1, 1),
    op(0x51, "i64.eq", 2, 1),
    op(0x52, "i64.ne", 2, 1),
    op(0x53, "i64.lt_s", 2, 1),
    op(0x54, "i64.lt_u", 2, 1),
    op(0x55, "i64.gt_s", 2, 1),
    op(0x56, "i64.gt_u", 2, 1),
    op(0x57, "i64.le_s", 2, 1),
    op(0x58, "i64.le_u", 2, 1),
    op(0x59, "i64.ge_s", 2, 1),
    op(0x5A, "i64.ge_u", 2, 1),
    // Float comparisons.
    op(0x5B, "f32.eq", 2, 1),
    op(0x5C, "f32.ne", 2, 1),
    op(0x5D, "f32.lt", 2, 1),
    op(0x5E, "f32.gt", 2, 1),
    op(0x5F, "f32.le", 2, 1),
    op(0x60, "f32.ge", 2, 1),
    op(0x61, "f64.eq", 2, 1),
    op(0x62, "f64.ne", 2, 1),
    op(0x63, "f64.lt", 2, 1),
    op(0x64, "f64.gt", 2, 1),
    op(0x65, "f64.le", 2, 1),
    op(0x66, "f64.ge", 2, 1),

    // i32 arithmetic.
    op(0x67, "i32.clz", 1, 1),
    op(0x68, "i32.ctz", 1, 1),
    op(0x69, "i32.popcnt", 1, 1),
    op(0x6A, "i32.add", 2, 1),
    op(0x6B, "i32.sub", 2, 1),
    op(0x6C, "i32.mul", 2, 1),
    op(0x6D, "i32.div_s", 2, 1),
    op(0x6E, "i32.div_u", 2, 1),
    op(0x6F, "i32.rem_s", 2, 1),
    op(0x70, "i32.rem_u", 2, 1),
    op(0x71, "i32.and", 2, 1),
    op(0x72, "i32.or", 2, 1),
    op(0x73, "i32.xor", 2, 1),
    op(0x74, "i32.shl", 2, 1),
    op(0x75, "i32.shr_s", 2, 1),
    op(0x76, "i32.shr_u", 2, 1),
    op(0x77, "i32.rotl", 2, 1),
    op(0x78, "i32.rotr", 2, 1),
    // i64 arithmetic.
    op(0x79, "i64.clz", 1, 1),
    op(0x7A, "i64.ctz", 1, 1),
    op(0x7B, "i64.popcnt", 1, 1),
    op(0x7C, "i64.add", 2, 1),
    op(0x7D, "i64.sub", 2, 1),
    op(0x7E, "i64.mul", 2, 1),
    op(0x7F, "i64.div_s", 2, 1),
    op(0x80, "i64.div_u", 2, 1),
    op(0x81, "i64.rem_s", 2, 1),
    op(0x82, "i64.rem_u", 2, 1),
    op(0x83, "i64.and", 2, 1),
    op(0x84, "i64.or", 2, 1),
    op(0x85, "i64.xor", 2, 1),
    op(0x86, "i64.shl", 2, 1),
    op(0x87, "i64.shr_s", 2, 1),
    op(0x88, "i64.shr_u", 2, 1),
    op(0x89, "i64.rotl", 2, 1),
    op(0x8A, "i64.rotr", 2, 1),
    // f32 arithmetic.
    op(0x8B, "f32.abs", 1, 1),
    op(0x8C, "f32.neg", 1, 1),
    op(0x8D, "f32.ceil", 1, 1),
    op(0x8E, "f32.floor", 1, 1),
    op(0x8F, "f32.trunc", 1, 1),
    op(0x90, "f32.nearest", 1, 1),
    op(0x91, "f32.sqrt", 1, 1),
    op(0x92, "f32.add", 2, 1),
    op(0x93, "f32.sub", 2, 1),
    op(0x94, "f32.mul", 2, 1),
    op(0x95, "f32.div", 2, 1),
    op(0x96, "f32.min", 2, 1),
    op(0x97, "f32.max", 2, 1),
    op(0x98, "f32.copysign", 2, 1),
    // f64 arithmetic.
    op(0x99, "f64.abs", 1, 1),
    op(0x9A, "f64.neg", 1, 1),
    op(0x9B, "f64.ceil", 1, 1),
    op(0x9C, "f64.floor", 1, 1),
    op(0x9D, "f64.trunc", 1, 1),
    op(0x9E, "f64.nearest", 1, 1),
    op(0x9F, "f64.sqrt", 1, 1),
    op(0xA0, "f64.add", 2, 1),
    op(0xA1, "f64.sub", 2, 1),
    op(0xA2, "f64.mul", 2, 1),
    op(0xA3, "f64.div", 2, 1),
    op(0xA4, "f64.min", 2, 1),
    op(0xA5, "f64.max", 2, 1),
    op(0xA6, "f64.copysign", 2, 1),

    // Conversions.
    op(0xA7, "i32.wrap_i64", 1, 1),
    op(0xA8, "i32.trunc_f32_s", 1, 1),
    op(0xA9, "i32.trunc_f32_u", 1, 1),
    op(0xAA, "i32.trunc_f64_s", 1, 1),
    op(0xAB, "i32.trunc_f64_u", 1, 1),
    op(0xAC, "i64.extend_i32_s", 1, 1),
    op(0xAD, "i64.extend_i32_u", 1, 1),
    op(0xAE, "i64.trunc_f32_s", 1, 1),
    op(0xAF, "i64.trunc_f32_u", 1, 1),
    op(0xB0, "i64.trunc_f64_s", 1, 1),
    op(0xB1, "i64.trunc_f64_u", 1, 1),
    op(0xB2, "f32.convert_i32_s", 1, 1),
    op(0xB3, "f32.convert_i32_u", 1, 1),
    op(0xB4, "f32.convert_i64_s", 1, 1),
    op(0xB5, "f32.convert_i64_u", 1, 1),
    op(0xB6, "f32.demote_f64", 1, 1),
    op(0xB7, "f64.convert_i32_s", 1, 1),
    op(0xB8, "f64.convert_i32_u", 1, 1),
    op(0xB9, "f64.convert_i64_s", 1, 1),
    op(0xBA, "f64.convert_i64_u", 1, 1),
    op(0xBB, "f64.promote_f32", 1, 1),
    op(0xBC, "i32.reinterpret_f32", 1, 1),
    op(0xBD, "i64.reinterpret_f64", 1, 1),
    op(0xBE, "f32.reinterpret_i32", 1, 1),
    op(0xBF, "f64.reinterpret_i64", 1, 1),

    // Sign extension.
    op(0xC0, "i32.extend8_s", 1, 1),
    op(0xC1, "i32.extend16_s", 1, 1),
    op(0xC2, "i64.extend8_s", 1, 1),
    op(0xC3, "i64.extend16_s", 1, 1),
    op(0xC4, "i64.extend32_s", 1, 1),

    // Reference types; the rest of this range belongs to typed function
    // references and GC, which the profile does not cover.
    op(0xD0, "ref.null", 0, 1, I::HeapType),
    op(0xD1, "ref.is_null", 1, 1),
    op(0xD2, "ref.func", 0, 1, I::FuncIdx),
    unsup(0, 0xD3, "ref.eq", I::None),
    unsup(0, 0xD4, "ref.as_non_null", I::None),
    unsup(0, 0xD5, "br_on_null", I::LabelIdx),
    unsup(0, 0xD6, "br_on_non_null", I::LabelIdx),

    // Stack switching.
    unsup(0, 0xE0, "cont.new", I::Unknown),
    unsup(0, 0xE1, "cont.bind", I::Unknown),
    unsup(0, 0xE2, "suspend", I::Unknown),
    unsup(0, 0xE3, "resume", I::Unknown),
    unsup(0, 0xE4, "resume_throw", I::Unknown),
    unsup(0, 0xE5, "resume_throw_ref", I::Unknown),
    unsup(0, 0xE6, "switch", I::Unknown),

    // 0xFB: GC. Named only; their immediates are never decoded.
    gc(0x00, "struct.new"),
    gc(0x01, "struct.new_default"),
    gc(0x02, "struct.get"),
    gc(0x03, "struct.get_s"),
    gc(0x04, "struct.get_u"),
    gc(0x05, "struct.set"),
    gc(0x06, "array.new"),
    gc(0x07, "array.new_default"),
    gc(0x08, "array.new_fixed"),
    gc(0x09, "array.new_data"),
    gc(0x0A, "array.new_elem"),
    gc(0x0B, "array.get"),
    gc(0x0C, "array.get_s"),
    gc(0x0D, "array.get_u"),
    gc(0x0E, "array.set"),
    gc(0x0F, "array.len"),
    gc(0x10, "array.fill"),
    gc(0x11, "array.copy"),
    gc(0x12, "array.init_data"),
    gc(0x13, "array.init_elem"),
    gc(0x14, "ref.test"),
    gc(0x15, "ref.test"), // nullable variant
    gc(0x16, "ref.cast"),
    gc(0x17, "ref.cast"), // nullable variant
    gc(0x18, "br_on_cast"),
    gc(0x19, "br_on_cast_fail"),
    gc(0x1A, "any.convert_extern"),
    gc(0x1B, "extern.convert_any"),
    gc(0x1C, "ref.i31"),
    gc(0x1D, "i31.get_s"),
    gc(0x1E, "i31.get_u"),

    // 0xFC: saturating truncation.
    fc(0x00, "i32.trunc_sat_f32_s", 1, 1),
    fc(0x01, "i32.trunc_sat_f32_u", 1, 1),
    fc(0x02, "i32.trunc_sat_f64_s", 1, 1),
    fc(0x03, "i32.trunc_sat_f64_u", 1, 1),
    fc(0x04, "i64.trunc_sat_f32_s", 1, 1),
    fc(0x05, "i64.trunc_sat_f32_u", 1, 1),
    fc(0x06, "i64.trunc_sat_f64_s", 1, 1),
    fc(0x07, "i64.trunc_sat_f64_u", 1, 1),
    // 0xFC: bulk memory and table operations.
    fc(0x08, "memory.init", 3, 0, I::DataIdxMemIdx),
    fc(0x09, "data.drop", 0, 0, I::DataIdx),
    fc(0x0A, "memory.copy", 3, 0, I::MemIdxMemIdx),
    fc(0x0B, "memory.fill", 3, 0, I::MemIdx),
    fc(0x0C, "table.init", 3, 0, I::ElemIdxTableIdx),
    fc(0x0D, "elem.drop", 0, 0, I::ElemIdx),
    fc(0x0E, "table.copy", 3, 0, I::TableIdxTableIdx),
    fc(0x0F, "table.grow", 2, 1, I::TableIdx),
    fc(0x10, "table.size", 0, 1, I::TableIdx),
    fc(0x11, "table.fill", 3, 0, I::TableIdx),
    // 0xFC: wide arithmetic (LLVM's +wide-arithmetic); two results each.
    fc(0x13, "i64.add128", 4, 2),
    fc(0x14, "i64.sub128", 4, 2),
    fc(0x15, "i64.mul_wide_s", 2, 2),
    fc(0x16, "i64.mul_wide_u", 2, 2),

    // 0xFD: SIMD memory.
    fd(0x00, "v128.load", 1, 1, I::MemArg),
    fd(0x01, "v128.load8x8_s", 1, 1, I::MemArg),
    fd(0x02, "v128.load8x8_u", 1, 1, I::MemArg),
    fd(0x03, "v128.load16x4_s", 1, 1, I::MemArg),
    fd(0x04, "v128.load16x4_u", 1, 1, I::MemArg),
    fd(0x05, "v128.load32x2_s", 1, 1, I::MemArg),
    fd(0x06, "v128.load32x2_u", 1, 1, I::MemArg),
    fd(0x07, "v128.load8_splat", 1, 1, I::MemArg),
    fd(0x08, "v128.load16_splat", 1, 1, I::MemArg),
    fd(0x09, "v128.load32_splat", 1, 1, I::MemArg),
    fd(0x0A, "v128.load64_splat", 1, 1, I::MemArg),
    fd(0x0B, "v128.store", 2, 0, I::MemArg),
    // Constants, shuffles, splats and lanes.
    fd(0x0C, "v128.const", 0, 1, I::V128),
    fd(0x0D, "i8x16.shuffle", 2, 1, I::Shuffle),
    fd(0x0E, "i8x16.swizzle", 2, 1),
    fd(0x0F, "i8x16.splat", 1, 1),
    fd(0x10, "i16x8.splat", 1, 1),
    fd(0x11, "i32x4.splat", 1, 1),
    fd(0x12, "i64x2.splat", 1, 1),
    fd(0x13, "f32x4.splat", 1, 1),
    fd(0x14, "f64x2.splat", 1, 1),
    fd(0x15, "i8x16.extract_lane_s", 1, 1, I::Lane),
    fd(0x16, "i8x16.extract_lane_u", 1, 1, I::Lane),
    fd(0x17, "i8x16.replace_lane", 2, 1, I::Lane),
    fd(0x18, "i16x8.extract_lane_s", 1, 1, I::Lane),
    fd(0x19, "i16x8.extract_lane_u", 1, 1, I::Lane),
    fd(0x1A, "i16x8.replace_lane", 2, 1, I::Lane),
    fd(0x1B, "i32x4.extract_lane", 1, 1, I::Lane),
    fd(0x1C, "i32x4.replace_lane", 2, 1, I::Lane),
    fd(0x1D, "i64x2.extract_lane", 1, 1, I::Lane),
    fd(0x1E, "i64x2.replace_lane", 2, 1, I::Lane),
    fd(0x1F, "f32x4.extract_lane", 1, 1, I::Lane),
    fd(0x20, "f32x4.replace_lane", 2, 1, I::Lane),
    fd(0x21, "f64x2.extract_lane", 1, 1, I::Lane),
    fd(0x22, "f64x2.replace_lane", 2, 1, I::Lane),
    // Comparisons.
    fd(0x23, "i8x16.eq", 2, 1),
    fd(0x24, "i8x16.ne", 2, 1),
    fd(0x25, "i8x16.lt_s", 2, 1),
    fd(0x26, "i8x16.lt_u", 2, 1),
    fd(0x27, "i8x16.gt_s", 2, 1),
    fd(0x28, "i8x16.gt_u", 2, 1),
    fd(0x29, "i8x16.le_s", 2, 1),
    fd(0x2A, "i8x16.le_u", 2, 1),
    fd(0x2B, "i8x16.ge_s", 2, 1),
    fd(0x2C, "i8x16.ge_u", 2, 1),
    fd(0x2D, "i16x8.eq", 2, 1),
    fd(0x2E, "i16x8.ne", 2, 1),
    fd(0x2F, "i16x8.lt_s", 2, 1),
    fd(0x30, "i16x8.lt_u", 2, 1),
    fd(0x31, "i16x8.gt_s", 2, 1),
    fd(0x32, "i16x8.gt_u", 2, 1),
    fd(0x33, "i16x8.le_s", 2, 1),
    fd(0x34, "i16x8.le_u", 2, 1),
    fd(0x35, "i16x8.ge_s", 2, 1),
    fd(0x36, "i16x8.ge_u", 2, 1),
    fd(0x37, "i32x4.eq", 2, 1),
    fd(0x38, "i32x4.ne", 2, 1),
    fd(0x39, "i32x4.lt_s", 2, 1),
    fd(0x3A, "i32x4.lt_u", 2, 1),
    fd(0x3B, "i32x4.gt_s", 2, 1),
    fd(0x3C, "i32x4.gt_u", 2, 1),
    fd(0x3D, "i32x4.le_s", 2, 1),
    fd(0x3E, "i32x4.le_u", 2, 1),
    fd(0x3F, "i32x4.ge_s", 2, 1),
    fd(0x40, "i32x4.ge_u", 2, 1),
    fd(0x41, "f32x4.eq", 2, 1),
    fd(0x42, "f32x4.ne", 2, 1),
    fd(0x43, "f32x4.lt", 2, 1),
    fd(0x44, "f32x4.gt", 2, 1),
    fd(0x45, "f32x4.le", 2, 1),
    fd(0x46, "f32x4.ge", 2, 1),
    fd(0x47, "f64x2.eq", 2, 1),
    fd(0x48, "f64x2.ne", 2, 1),
    fd(0x49, "f64x2.lt", 2, 1),
    fd(0x4A, "f64x2.gt", 2, 1),
    fd(0x4B, "f64x2.le", 2, 1),
    fd(0x4C, "f64x2.ge", 2, 1),
    // Bitwise.
    fd(0x4D, "v128.not", 1, 1),
    fd(0x4E, "v128.and", 2, 1),
    fd(0x4F, "v128.andnot", 2, 1),
    fd(0x50, "v128.or", 2, 1),
    fd(0x51, "v128.xor", 2, 1),
    fd(0x52, "v128.bitselect", 3, 1),
    fd(0x53, "v128.any_true", 1, 1),
    // Lane loads and stores, zero-extending loads.
    fd(0x54, "v128.load8_lane", 2, 1, I::MemArgLane),
    fd(0x55, "v128.load16_lane", 2, 1, I::MemArgLane),
    fd(0x56, "v128.load32_lane", 2, 1, I::MemArgLane),
    fd(0x57, "v128.load64_lane", 2, 1, I::MemArgLane),
    fd(0x58, "v128.store8_lane", 2, 0, I::MemArgLane),
    fd(0x59, "v128.store16_lane", 2, 0, I::MemArgLane),
    fd(0x5A, "v128.store32_lane", 2, 0, I::MemArgLane),
    fd(0x5B, "v128.store64_lane", 2, 0, I::MemArgLane),
    fd(0x5C, "v128.load32_zero", 1, 1, I::MemArg),
    fd(0x5D, "v128.load64_zero", 1, 1, I::MemArg),
    fd(0x5E, "f32x4.demote_f64x2_zero", 1, 1),
    fd(0x5F, "f64x2.promote_low_f32x4", 1, 1),
    // i8x16 arithmetic (interleaved with f32x4/f64x2 rounding).
    fd(0x60, "i8x16.abs", 1, 1),
    fd(0x61, "i8x16.neg", 1, 1),
    fd(0x62, "i8x16.popcnt", 1, 1),
    fd(0x63, "i8x16.all_true", 1, 1),
    fd(0x64, "i8x16.bitmask", 1, 1),
    fd(0x65, "i8x16.narrow_i16x8_s", 2, 1),
    fd(0x66, "i8x16.narrow_i16x8_u", 2, 1),
    fd(0x67, "f32x4.ceil", 1, 1),
    fd(0x68, "f32x4.floor", 1, 1),
    fd(0x69, "f32x4.trunc", 1, 1),
    fd(0x6A, "f32x4.nearest", 1, 1),
    fd(0x6B, "i8x16.shl", 2, 1),
    fd(0x6C, "i8x16.shr_s", 2, 1),
    fd(0x6D, "i8x16.shr_u", 2, 1),
    fd(0x6E, "i8x16.add", 2, 1),
    fd(0x6F, "i8x16.add_sat_s", 2, 1),
    fd(0x70, "i8x16.add_sat_u", 2, 1),
    fd(0x71, "i8x16.sub", 2, 1),
    fd(0x72, "i8x16.sub_sat_s", 2, 1),
    fd(0x73, "i8x16.sub_sat_u", 2, 1),
    fd(0x74, "f64x2.ceil", 1, 1),
    fd(0x75, "f64x2.floor", 1, 1),
    fd(0x76, "i8x16.min_s", 2, 1),
    fd(0x77, "i8x16.min_u", 2, 1),
    fd(0x78, "i8x16.max_s", 2, 1),
    fd(0x79, "i8x16.max_u", 2, 1),
    fd(0x7A, "f64x2.trunc", 1, 1),
    fd(0x7B, "i8x16.avgr_u", 2, 1),
    fd(0x7C, "i16x8.extadd_pairwise_i8x16_s", 1, 1),
    fd(0x7D, "i16x8.extadd_pairwise_i8x16_u", 1, 1),
    fd(0x7E, "i32x4.extadd_pairwise_i16x8_s", 1, 1),
    fd(0x7F, "i32x4.extadd_pairwise_i16x8_u", 1, 1),
    // i16x8 arithmetic.
    fd(0x80, "i16x8.abs", 1, 1),
    fd(0x81, "i16x8.neg", 1, 1),
    fd(0x82, "i16x8.q15mulr_sat_s", 2, 1),
    fd(0x83, "i16x8.all_true", 1, 1),
    fd(0x84, "i16x8.bitmask", 1, 1),
    fd(0x85, "i16x8.narrow_i32x4_s", 2, 1),
    fd(0x86, "i16x8.narrow_i32x4_u", 2, 1),
    fd(0x87, "i16x8.extend_low_i8x16_s", 1, 1),
    fd(0x88, "i16x8.extend_high_i8x16_s", 1, 1),
    fd(0x89, "i16x8.extend_low_i8x16_u", 1, 1),
    fd(0x8A, "i16x8.extend_high_i8x16_u", 1, 1),
    fd(0x8B, "i16x8.shl", 2, 1),
    fd(0x8C, "i16x8.shr_s", 2, 1),
    fd(0x8D, "i16x8.shr_u", 2, 1),
    fd(0x8E, "i16x8.add", 2, 1),
    fd(0x8F, "i16x8.add_sat_s", 2, 1),
    fd(0x90, "i16x8.add_sat_u", 2, 1),
    fd(0x91, "i16x8.sub", 2, 1),
    fd(0x92, "i16x8.sub_sat_s", 2, 1),
    fd(0x93, "i16x8.sub_sat_u", 2, 1),
    fd(0x94, "f64x2.nearest", 1, 1),
    fd(0x95, "i16x8.mul", 2, 1),
    fd(0x96, "i16x8.min_s", 2, 1),
    fd(0x97, "i16x8.min_u", 2, 1),
    fd(0x98, "i16x8.max_s", 2, 1),
    fd(0x99, "i16x8.max_u", 2, 1),
    fd(0x9B, "i16x8.avgr_u", 2, 1),
    fd(0x9C, "i16x8.extmul_low_i8x16_s", 2, 1),
    fd(0x9D, "i16x8.extmul_high_i8x16_s", 2, 1),
    fd(0x9E, "i16x8.extmul_low_i8x16_u", 2, 1),
    fd(0x9F, "i16x8.extmul_high_i8x16_u", 2, 1),
    // i32x4 arithmetic.
    fd(0xA0, "i32x4.abs", 1, 1),
    fd(0xA1, "i32x4.neg", 1, 1),
    fd(0xA3, "i32x4.all_true", 1, 1),
    fd(0xA4, "i32x4.bitmask", 1, 1),
    fd(0xA7, "i32x4.extend_low_i16x8_s", 1, 1),
    fd(0xA8, "i32x4.extend_high_i16x8_s", 1, 1),
    fd(0xA9, "i32x4.extend_low_i16x8_u", 1, 1),
    fd(0xAA, "i32x4.extend_high_i16x8_u", 1, 1),
    fd(0xAB, "i32x4.shl", 2, 1),
    fd(0xAC, "i32x4.shr_s", 2, 1),
    fd(0xAD, "i32x4.shr_u", 2, 1),
    fd(0xAE, "i32x4.add", 2, 1),
    fd(0xB1, "i32x4.sub", 2, 1),
    fd(0xB5, "i32x4.mul", 2, 1),
    fd(0xB6, "i32x4.min_s", 2, 1),
    fd(0xB7, "i32x4.min_u", 2, 1),
    fd(0xB8, "i32x4.max_s", 2, 1),
    fd(0xB9, "i32x4.max_u", 2, 1),
    fd(0xBA, "i32x4.dot_i16x8_s", 2, 1),
    fd(0xBC, "i32x4.extmul_low_i16x8_s", 2, 1),
    fd(0xBD, "i32x4.extmul_high_i16x8_s", 2, 1),
    fd(0xBE, "i32x4.extmul_low_i16x8_u", 2, 1),
    fd(0xBF, "i32x4.extmul_high_i16x8_u", 2, 1),
    // i64x2 arithmetic.
    fd(0xC0, "i64x2.abs", 1, 1),
    fd(0xC1, "i64x2.neg", 1, 1),
    fd(0xC3, "i64x2.all_true", 1, 1),
    fd(0xC4, "i64x2.bitmask", 1, 1),
    fd(0xC7, "i64x2.extend_low_i32x4_s", 1, 1),
    fd(0xC8, "i64x2.extend_high_i32x4_s", 1, 1),
    fd(0xC9, "i64x2.extend_low_i32x4_u", 1, 1),
    fd(0xCA, "i64x2.extend_high_i32x4_u", 1, 1),
    fd(0xCB, "i64x2.shl", 2, 1),
    fd(0xCC, "i64x2.shr_s", 2, 1),
    fd(0xCD, "i64x2.shr_u", 2, 1),
    fd(0xCE, "i64x2.add", 2, 1),
    fd(0xD1, "i64x2.sub", 2, 1),
    fd(0xD5, "i64x2.mul", 2, 1),
    fd(0xD6, "i64x2.eq", 2, 1),
    fd(0xD7, "i64x2.ne", 2, 1),
    fd(0xD8, "i64x2.lt_s", 2, 1),
    fd(0xD9, "i64x2.gt_s", 2, 1),
    fd(0xDA, "i64x2.le_s", 2, 1),
    fd(0xDB, "i64x2.ge_s", 2, 1),
    fd(0xDC, "i64x2.extmul_low_i32x4_s", 2, 1),
    fd(0xDD, "i64x2.extmul_high_i32x4_s", 2, 1),
    fd(0xDE, "i64x2.extmul_low_i32x4_u", 2, 1),
    fd(0xDF, "i64x2.extmul_high_i32x4_u", 2, 1),
    // f32x4 and f64x2 arithmetic.
    fd(0xE0, "f32x4.abs", 1, 1),
    fd(0xE1, "f32x4.neg", 1, 1),
    fd(0xE3, "f32x4.sqrt", 1, 1),
    fd(0xE4, "f32x4.add", 2, 1),
    fd(0xE5, "f32x4.sub", 2, 1),
    fd(0xE6, "f32x4.mul", 2, 1),
    fd(0xE7, "f32x4.div", 2, 1),
    fd(0xE8, "f32x4.min", 2, 1),
    fd(0xE9, "f32x4.max", 2, 1),
    fd(0xEA, "f32x4.pmin", 2, 1),
    fd(0xEB, "f32x4.pmax", 2, 1),
    fd(0xEC, "f64x2.abs", 1, 1),
    fd(0xED, "f64x2.neg", 1, 1),
    fd(0xEF, "f64x2.sqrt", 1, 1),
    fd(0xF0, "f64x2.add", 2, 1),
    fd(0xF1, "f64x2.sub", 2, 1),
    fd(0xF2, "f64x2.mul", 2, 1),
    fd(0xF3, "f64x2.div", 2, 1),
    fd(0xF4, "f64x2.min", 2, 1),
    fd(0xF5, "f64x2.max", 2, 1),
    fd(0xF6, "f64x2.pmin", 2, 1),
    fd(0xF7, "f64x2.pmax", 2, 1),
    // Vector conversions.
    fd(0xF8, "i32x4.trunc_sat_f32x4_s", 1, 1),
    fd(0xF9, "i32x4.trunc_sat_f32x4_u", 1, 1),
    fd(0xFA, "f32x4.convert_i32x4_s", 1, 1),
    fd(0xFB, "f32x4.convert_i32x4_u", 1, 1),
    fd(0xFC, "i32x4.trunc_sat_f64x2_s_zero", 1, 1),
    fd(0xFD, "i32x4.trunc_sat_f64x2_u_zero", 1, 1),
    fd(0xFE, "f64x2.convert_low_i32x4_s", 1, 1),
    fd(0xFF, "f64x2.convert_low_i32x4_u", 1, 1),
    // Relaxed SIMD.
    fd(0x100, "i8x16.relaxed_swizzle", 2, 1),
    fd(0x101, "i32x4.relaxed_trunc_f32x4_s", 1, 1),
    fd(0x102, "i32x4.relaxed_trunc_f32x4_u", 1, 1),
    fd(0x103, "i32x4.relaxed_trunc_f64x2_s_zero", 1, 1),
    fd(0x104, "i32x4.relaxed_trunc_f64x2_u_zero", 1, 1),
    fd(0x105, "f32x4.relaxed_madd", 3, 1),
    fd(0x106, "f32x4.relaxed_nmadd", 3, 1),
    fd(0x107, "f64x2.relaxed_madd", 3, 1),
    fd(0x108, "f64x2.relaxed_nmadd", 3, 1),
    fd(0x109, "i8x16.relaxed_laneselect", 3, 1),
    fd(0x10A, "i16x8.relaxed_laneselect", 3, 1),
    fd(0x10B, "i32x4.relaxed_laneselect", 3, 1),
    fd(0x10C, "i64x2.relaxed_laneselect", 3, 1),
    fd(0x10D, "f32x4.relaxed_min", 2, 1),
    fd(0x10E, "f32x4.relaxed_max", 2, 1),
    fd(0x10F, "f64x2.relaxed_min", 2, 1),
    fd(0x110, "f64x2.relaxed_max", 2, 1),
    fd(0x111, "i16x8.relaxed_q15mulr_s", 2, 1),
    fd(0x112, "i16x8.relaxed_dot_i8x16_i7x16_s", 2, 1),
    fd(0x113, "i32x4.relaxed_dot_i8x16_i7x16_add_s", 3, 1),

    // 0xFE: threads.
    fe(0x00, "memory.atomic.notify", 2, 1),
    fe(0x01, "memory.atomic.wait32", 3, 1),
    fe(0x02, "memory.atomic.wait64", 3, 1),
    fe(0x03, "atomic.fence", 0, 0, I::ZeroByte),
    fe(0x10, "i32.atomic.load", 1, 1),
    fe(0x11, "i64.atomic.load", 1, 1),
    fe(0x12, "i32.atomic.load8_u", 1, 1),
    fe(0x13, "i32.atomic.load16_u", 1, 1),
    fe(0x14, "i64.atomic.load8_u", 1, 1),
    fe(0x15, "i64.atomic.load16_u", 1, 1),
    fe(0x16, "i64.atomic.load32_u", 1, 1),
    fe(0x17, "i32.atomic.store", 2, 0),
    fe(0x18, "i64.atomic.store", 2, 0),
    fe(0x19, "i32.atomic.store8", 2, 0),
    fe(0x1A, "i32.atomic.store16", 2, 0),
    fe(0x1B, "i64.atomic.store8", 2, 0),
    fe(0x1C, "i64.atomic.store16", 2, 0),
    fe(0x1D, "i64.atomic.store32", 2, 0),
    fe(0x1E, "i32.atomic.rmw.add", 2, 1),
    fe(0x1F, "i64.atomic.rmw.add", 2, 1),
    fe(0x20, "i32.atomic.rmw8.add_u", 2, 1),
    fe(0x21, "i32.atomic.rmw16.add_u", 2, 1),
    fe(0x22, "i64.atomic.rmw8.add_u", 2, 1),
    fe(0x23, "i64.atomic.rmw16.add_u", 2, 1),
    fe(0x24, "i64.atomic.rmw32.add_u", 2, 1),
    fe(0x25, "i32.atomic.rmw.sub", 2, 1),
    fe(0x26, "i64.atomic.rmw.sub", 2, 1),
    fe(0x27, "i32.atomic.rmw8.sub_u", 2, 1),
    fe(0x28, "i32.atomic.rmw16.sub_u", 2, 1),
    fe(0x29, "i64.atomic.rmw8.sub_u", 2, 1),
    fe(0x2A, "i64.atomic.rmw16.sub_u", 2, 1),
    fe(0x2B, "i64.atomic.rmw32.sub_u", 2, 1),
    fe(0x2C, "i32.atomic.rmw.and", 2, 1),
    fe(0x2D, "i64.atomic.rmw.and", 2, 1),
    fe(0x2E, "i32.atomic.rmw8.and_u", 2, 1),
    fe(0x2F, "i32.atomic.rmw16.and_u", 2, 1),
    fe(0x30, "i64.atomic.rmw8.and_u", 2, 1),
    fe(0x31, "i64.atomic.rmw16.and_u", 2, 1),
    fe(0x32, "i64.atomic.rmw32.and_u", 2, 1),
    fe(0x33, "i32.atomic.rmw.or", 2, 1),
    fe(0x34, "i64.atomic.rmw.or", 2, 1),
    fe(0x35, "i32.atomic.rmw8.or_u", 2, 1),
    fe(0x36, "i32.atomic.rmw16.or_u", 2, 1),
    fe(0x37, "i64.atomic.rmw8.or_u", 2, 1),
    fe(0x38, "i64.atomic.rmw16.or_u", 2, 1),
    fe(0x39, "i64.atomic.rmw32.or_u", 2, 1),
    fe(0x3A, "i32.atomic.rmw.xor", 2, 1),
    fe(0x3B, "i64.atomic.rmw.xor", 2, 1),
    fe(0x3C, "i32.atomic.rmw8.xor_u", 2, 1),
    fe(0x3D, "i32.atomic.rmw16.xor_u", 2, 1),
    fe(0x3E, "i64.atomic.rmw8.xor_u", 2, 1),
    fe(0x3F, "i64.atomic.rmw16.xor_u", 2, 1),
    fe(0x40, "i64.atomic.rmw32.xor_u", 2, 1),
    fe(0x41, "i32.atomic.rmw.xchg", 2, 1),
    fe(0x42, "i64.atomic.rmw.xchg", 2, 1),
    fe(0x43, "i32.atomic.rmw8.xchg_u", 2, 1),
    fe(0x44, "i32.atomic.rmw16.xchg_u", 2, 1),
    fe(0x45, "i64.atomic.rmw8.xchg_u", 2, 1),
    fe(0x46, "i64.atomic.rmw16.xchg_u", 2, 1),
    fe(0x47, "i64.atomic.rmw32.xchg_u", 2, 1),
    fe(0x48, "i32.atomic.rmw.cmpxchg", 3, 1),
    fe(0x49, "i64.atomic.rmw.cmpxchg", 3, 1),
    fe(0x4A, "i32.atomic.rmw8.cmpxchg_u", 3, 1),
    fe(0x4B, "i32.atomic.rmw16.cmpxchg_u", 3, 1),
    fe(0x4C, "i64.atomic.rmw8.cmpxchg_u", 3, 1),
    fe(0x4D, "i64.atomic.rmw16.cmpxchg_u", 3, 1),
    fe(0x4E, "i64.atomic.rmw32.cmpxchg_u", 3, 1),
};

constexpr size_t NumEntries = sizeof(Entries) / sizeof(Entries[0]);

// Dense index arrays sized to one past the highest secondary opcode used in
// each space; slot value 0 means "unknown", else entry index + 1.
constexpr size_t SingleSize = 0x100;
constexpr size_t FBSize = 0x1F;
constexpr size_t FCSize = 0x17;
constexpr size_t FDSize = 0x114;
constexpr size_t FESize = 0x4F;

struct IndexTables {
  uint16_t Single[SingleSize] = {};
  uint16_t FB[FBSize] = {};
  uint16_t FC[FCSize] = {};
  uint16_t FD[FDSize] = {};
  uint16_t FE[FESize] = {};
};

// Any duplicate or out-of-range entry makes this non-constant and therefore a
// compile error: the throw is only reachable on a broken table.
constexpr void place(uint16_t *Slots, size_t Size, uint16_t Code, size_t Index) {
  if (Code >= Size || Slots[Code] != 0)
    throw "opcode table: duplicate or out-of-range entry";
  Slots[Code] = static_cast<uint16_t>(Index + 1);
}

constexpr IndexTables buildIndexTables() {
  IndexTables T;
  for (size_t N = 0; N < NumEntries; ++N) {
    const Entry &E = Entries[N];
    switch (E.Prefix) {
    case 0:
      place(T.Single, SingleSize, E.Code, N);
      break;
    case 0xFB:
      place(T.FB, FBSize, E.Code, N);
      break;
    case 0xFC:
      place(T.FC, FCSize, E.Code, N);
      break;
    case 0xFD:
      place(T.FD, FDSize, E.Code, N);
      break;
    case 0xFE:
      place(T.FE, FESize, E.Code, N);
      break;
    default:
      throw "opcode table: bad prefix";
    }
  }
  return T;
}

constexpr IndexTables Tables = buildIndexTables();

static_assert(NumEntries < 0xFFFF, "indices must fit in uint16_t");
// Prefix bytes must never be looked up as single-byte opcodes.
static_assert(Tables.Single[0xFB] == 0 && Tables.Single[0xFC] == 0 && Tables.Single[0xFD] == 0 &&
                  Tables.Single[0xFE] == 0,
              "prefix bytes are not opcodes");

inline const OpcodeInfo *at(const uint16_t *Slots, size_t Size, uint32_t Code) {
  if (Code >= Size || Slots[Code] == 0)
    return nullptr;
  return &Entries[Slots[Code] - 1].Info;
}

} // namespace

namespace detail {
namespace {
constexpr SingleByteOpcodeTable buildSingleByteTable() {
  SingleByteOpcodeTable T{};
  for (size_t Op = 0; Op < SingleSize; ++Op)
    T.Info[Op] = Tables.Single[Op] ? &Entries[Tables.Single[Op] - 1].Info : nullptr;
  return T;
}
} // namespace

// Constant-initialised: no guard and no start-up cost on the decoder's hot path.
extern const SingleByteOpcodeTable SingleByteOpcodes = buildSingleByteTable();
} // namespace detail

const OpcodeInfo *lookupOpcode(uint8_t Prefix, uint32_t Secondary) {
  switch (Prefix) {
  case 0:
    return at(Tables.Single, SingleSize, Secondary);
  case 0xFB:
    return at(Tables.FB, FBSize, Secondary);
  case 0xFC:
    return at(Tables.FC, FCSize, Secondary);
  case 0xFD:
    return at(Tables.FD, FDSize, Secondary);
  case 0xFE:
    return at(Tables.FE, FESize, Secondary);
  default:
    return nullptr;
  }
}

} // namespace stackcap
