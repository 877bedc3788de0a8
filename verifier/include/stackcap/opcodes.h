//===- opcodes.h - Opcode numbers -------------------------------*- C++ -*-===//
//
// Part of stackcap. The numbers of opcodes.def as constants, and the few
// encoding bytes around them. Header-only and free of exceptions and
// allocation, for the compiler plugin as much as the verifier.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_OPCODES_H
#define STACKCAP_OPCODES_H

#include <cstdint>

namespace stackcap {

/// Encodes a possibly prefixed opcode into one number: single-byte opcodes as
/// themselves, prefixed ones as (Prefix << 24) | Secondary.
constexpr uint32_t opcodeKey(uint8_t Prefix, uint32_t Secondary) {
  return (static_cast<uint32_t>(Prefix) << 24) | (Secondary & 0xffffffu);
}

/// Every opcode of stackcap/opcodes.def as its opcodeKey: `I.Key ==
/// op::I32Add`, `case op::Call:`.
namespace op {
enum Opcode : uint32_t {
#define STACKCAP_OPCODE(Prefix, Code, Enum, Name, Kind, Imm, Pops, Pushes)                       \
  Enum = opcodeKey(Prefix, Code),
#include "stackcap/opcodes.def"
};
} // namespace op

/// The byte that encodes a single-byte opcode (\p Key < 0x100).
constexpr uint8_t opcodeByte(uint32_t Key) { return static_cast<uint8_t>(Key); }

/// The prefix bytes of the multi-byte opcode spaces (opcodes.def's Prefix).
namespace prefix {
constexpr uint8_t GC = 0xFB;      // GC (named only)
constexpr uint8_t Misc = 0xFC;    // saturating truncation, bulk memory, wide arithmetic
constexpr uint8_t SIMD = 0xFD;    // SIMD and relaxed SIMD
constexpr uint8_t Threads = 0xFE; // atomics
} // namespace prefix

/// The block type of a block without parameters or results.
constexpr uint8_t EmptyBlockType = 0x40;

/// Value types that encode in a single byte and that the profile accepts in
/// block and `select t` types: i32, i64, f32, f64, v128, funcref, externref.
constexpr bool isSingleByteValType(uint8_t B) {
  return (B >= 0x7B && B <= 0x7F) || B == 0x70 || B == 0x6F;
}

} // namespace stackcap

#endif
