//===- instr.h - One decoded wasm instruction -------------------*- C++ -*-===//
//
// Part of stackcap. Decoding of single instructions from a function body:
// opcode, immediates and the static facts the cost model needs. Every
// instruction LLVM 22 can emit for wasm32 decodes fully; tail-call, exception,
// GC and stack-switching opcodes decode far enough to be named and rejected.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_INSTR_H
#define STACKCAP_INSTR_H

#include "stackcap/byte_reader.h"
#include "stackcap/compiler.h"
#include "stackcap/opcodes.h"

#include <cstdint>
#include <string>

namespace stackcap {

/// How an instruction acts on the operand and control stacks. Everything that
/// is not control flow, a call or `select` is `Plain`, with fixed pop and push
/// counts taken from its type in the core spec.
enum class OpKind : uint8_t {
  Plain,
  Block,
  Loop,
  If,
  Else,
  End,
  Unreachable,
  Br,
  BrIf,
  BrTable,
  Return,
  Call,         // Index = function index
  CallIndirect, // Index = type index, Index2 = table index
  Select,       // both `select` and `select t`
  Unsupported,  // outside profile `compat` (rule 6); see Instr::Name
};

/// Shape of an instruction's immediates.
enum class ImmKind : uint8_t {
  None,
  BlockType,    // s33: BlockType
  LabelIdx,     // Index
  BrTable,      // vec(labelidx) labelidx: TargetsOffset/TargetCount, Index = default
  FuncIdx,      // Index
  CallIndirect, // typeidx tableidx: Index, Index2
  LocalIdx,     // Index
  GlobalIdx,    // Index
  TableIdx,     // Index
  TypeIdx,      // Index (call_ref, return_call_ref ...)
  MemArg,       // align (with multi-memory bit 6 memidx), offset
  MemArgLane,   // memarg then one lane byte
  MemIdx,       // one memory index (memory.size, memory.grow)
  I32,          // ConstValue
  I64,          // ConstValue
  F32,          // 4 raw bytes
  F64,          // 8 raw bytes
  V128,         // 16 raw bytes
  Shuffle,      // 16 lane bytes
  Lane,         // one lane byte
  SelectT,      // vec(valtype)
  HeapType,     // s33 heap type (ref.null)
  DataIdxMemIdx,   // memory.init: dataidx memidx
  DataIdx,         // data.drop
  MemIdxMemIdx,    // memory.copy
  ElemIdxTableIdx, // table.init: elemidx tableidx
  ElemIdx,         // elem.drop
  TableIdxTableIdx,// table.copy
  ZeroByte,        // atomic.fence: one 0x00 byte
  TryTable,        // try_table: blocktype vec(catch)
  Unknown,         // immediates not understood: decoding of the body stops
};

/// Static description of one opcode (see lookupOpcode).
struct OpcodeInfo {
  const char *Name; // text-format mnemonic, e.g. "i32.add"
  OpKind Kind;
  ImmKind Imm;
  uint8_t Pops;   // operands consumed, for Plain
  uint8_t Pushes; // results produced, for Plain
};

/// Returns the description of the opcode, or nullptr when it is not a known
/// opcode at all. \p Prefix is 0 for single-byte opcodes, else 0xFB, 0xFC,
/// 0xFD or 0xFE with \p Secondary the u32 that follows it.
const OpcodeInfo *lookupOpcode(uint8_t Prefix, uint32_t Secondary);

/// Block type immediate: the empty type, one value type, or a type index.
struct BlockType {
  enum Form : uint8_t { Empty, Value, TypeIndex } Kind = Empty;
  uint32_t Index = 0; // type index for TypeIndex
};

/// One decoded instruction.
struct Instr {
  uint32_t Offset = 0;  // of the first opcode byte, relative to the reader's start
  uint32_t Length = 0;  // encoded size in bytes, immediates included
  uint32_t Key = 0;     // opcodeKey(prefix, secondary)
  const OpcodeInfo *Info = nullptr;
  uint32_t Index = 0;   // first index immediate (see ImmKind)
  uint32_t Index2 = 0;  // second index immediate
  int64_t ConstValue = 0; // i32.const / i64.const value
  BlockType BT;         // for Block, Loop, If (and try_table)
  uint32_t TargetsOffset = 0; // br_table: offset of the target vector's first entry
  uint32_t TargetCount = 0;   // br_table: number of non-default targets

  OpKind kind() const { return Info->Kind; }
  const char *name() const { return Info->Name; }
};

namespace detail {
/// Descriptions of the single-byte opcodes (nullptr where unknown, and for
/// the prefix bytes), indexed by the opcode byte.
struct SingleByteOpcodeTable {
  const OpcodeInfo *Info[256];
};
extern const SingleByteOpcodeTable SingleByteOpcodes;

/// The general decoder behind decodeInstr: every opcode, every immediate
/// encoding, and the error messages.
bool decodeInstrSlow(ByteReader &R, Instr &Out, std::string &Error);
} // namespace detail

/// Decodes one instruction at the reader's position. On success fills \p Out
/// and advances past it. On failure returns false with a one-line reason in
/// \p Error; the reader may be left anywhere. An `Unsupported` opcode whose
/// immediates are `Unknown` decodes successfully with Length covering only
/// the opcode: the caller must stop decoding that body.
///
/// Inline fast path: the single-byte opcodes that make up most of any body,
/// with no immediate or with immediates that each fit in one byte, decode
/// here without a call; everything else (and every error) goes to
/// detail::decodeInstrSlow, which produces exactly the same result.
STACKCAP_ALWAYS_INLINE bool decodeInstr(ByteReader &R, Instr &Out, std::string &Error) {
  // A failed reader has nothing remaining, so this also excludes failure.
  const size_t Rem = R.remaining();
  if (Rem != 0) {
    const uint8_t *P = R.position();
    const OpcodeInfo *Info = detail::SingleByteOpcodes.Info[P[0]];
    if (Info) {
      uint32_t Len = 0, Index = 0;
      int64_t Const = 0;
      BlockType::Form BTKind = BlockType::Empty;
      switch (Info->Imm) {
      case ImmKind::None:
        Len = 1;
        break;
      case ImmKind::LabelIdx:
      case ImmKind::FuncIdx:
      case ImmKind::LocalIdx:
      case ImmKind::GlobalIdx:
      case ImmKind::TableIdx:
      case ImmKind::TypeIdx:
      case ImmKind::MemIdx:
        // One- and two-byte LEB128 (never the last byte of a u32, so no
        // unused-bit checks apply).
        if (Rem >= 2 && P[1] < 0x80) {
          Index = P[1];
          Len = 2;
        } else if (Rem >= 3 && P[2] < 0x80) {
          Index = uint32_t(P[1] & 0x7f) | uint32_t(P[2]) << 7;
          Len = 3;
        }
        break;
      case ImmKind::I32:
      case ImmKind::I64:
        if (Rem >= 2 && P[1] < 0x80) {
          Const = (P[1] & 0x40) ? int64_t(P[1]) - 0x80 : int64_t(P[1]);
          Len = 2;
        } else if (Rem >= 3 && P[2] < 0x80) {
          int64_t V = int64_t(P[1] & 0x7f) | int64_t(P[2]) << 7;
          Const = (P[2] & 0x40) ? V - 0x4000 : V;
          Len = 3;
        }
        break;
      case ImmKind::MemArg:
        // Alignment without the memory-index bit, and a one- or two-byte
        // offset.
        if (Rem >= 3 && P[1] < 0x40) {
          if (P[2] < 0x80)
            Len = 3;
          else if (Rem >= 4 && P[3] < 0x80)
            Len = 4;
        }
        break;
      case ImmKind::BlockType:
        if (Rem >= 2) {
          uint8_t B = P[1];
          if (B == EmptyBlockType) {
            Len = 2;
          } else if (isSingleByteValType(B)) {
            BTKind = BlockType::Value;
            Len = 2;
          }
        }
        break;
      default:
        break;
      }
      if (Len) {
        Out.Offset = static_cast<uint32_t>(R.offset());
        Out.Length = Len;
        Out.Key = P[0];
        Out.Info = Info;
        Out.Index = Index;
        Out.Index2 = 0;
        Out.ConstValue = Const;
        Out.BT.Kind = BTKind;
        Out.BT.Index = 0;
        Out.TargetsOffset = 0;
        Out.TargetCount = 0;
        R.advance(Len);
        return true;
      }
    }
  }
  return detail::decodeInstrSlow(R, Out, Error);
}

/// Calls \p F(uint32_t Depth) for each non-default br_table target of \p In,
/// which was decoded from a reader whose start is \p Base (decodeInstr already
/// checked that the targets are well-formed).
template <typename Fn>
void forEachBrTableTarget(const uint8_t *Base, const Instr &In, Fn F) {
  ByteReader R(Base + In.TargetsOffset, In.Offset + In.Length - In.TargetsOffset);
  for (uint32_t I = 0; I < In.TargetCount; ++I) {
    uint32_t Depth = 0;
    if (!R.readU32(Depth))
      return; // cannot happen: decodeInstr read these
    F(Depth);
  }
}

} // namespace stackcap

#endif
