//===- call_sequence.h - The counted call and the thunk ---------*- C++ -*-===//
//
// Part of stackcap. The one description of the instrumentation sequence of
// spec section 2 (wasm-instrument 0.4's instrument_call!): the writer
// (wasm_writer.h) emits from it, the verifier (verify.cpp) matches decoded
// instructions against it, and the tests read it. Header-only, constexpr, no
// exceptions and no allocation, so that the compiler plugin can build its
// MachineInstrs from the same steps.
//
//   global.get G  i32.const c  i32.add  global.set G        ; pre-call add
//   global.get G  i32.const LIMIT  i32.gt_u                 ; check
//   if (empty)  unreachable  end                            ; trap
//   call F
//   global.get G  i32.const c  i32.sub  global.set G        ; post-call sub
//
// A thunk (spec section 3) is a function without locals whose body forwards
// its parameters in order (`local.get 0` ... `local.get N-1`), then is this
// sequence calling the function it wraps, then `end`.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_CALL_SEQUENCE_H
#define STACKCAP_CALL_SEQUENCE_H

#include "stackcap/opcodes.h"

#include <cstdint>

namespace stackcap {

/// What the immediate of one step of the sequence is.
enum class SeqImm : uint8_t {
  None,
  Counter,    // u32 global index of the counter; the same in every step
  Cost,       // i32.const of the callee's cost (its u32 as an s32); the same twice
  Limit,      // i32.const of the limit (its u32 as an s32)
  EmptyBlock, // the empty block type, one byte 0x40
  Callee,     // u32 function index (the last kind)
};

/// One instruction of the sequence: its opcode (op::X, all single-byte) and
/// its immediate.
struct SeqStep {
  uint32_t Opcode;
  SeqImm Imm;
};

/// The 15 instructions of a counted call, in order.
constexpr SeqStep CountedCall[] = {
    {op::GlobalGet, SeqImm::Counter}, {op::I32Const, SeqImm::Cost},
    {op::I32Add, SeqImm::None},       {op::GlobalSet, SeqImm::Counter},
    {op::GlobalGet, SeqImm::Counter}, {op::I32Const, SeqImm::Limit},
    {op::I32GtU, SeqImm::None},       {op::If, SeqImm::EmptyBlock},
    {op::Unreachable, SeqImm::None},  {op::End, SeqImm::None},
    {op::Call, SeqImm::Callee},
    {op::GlobalGet, SeqImm::Counter}, {op::I32Const, SeqImm::Cost},
    {op::I32Sub, SeqImm::None},       {op::GlobalSet, SeqImm::Counter},
};

constexpr unsigned CountedCallLength = sizeof(CountedCall) / sizeof(CountedCall[0]);
/// The preamble: the steps before the call.
constexpr unsigned PreambleLength = 10;
/// Where the call is.
constexpr unsigned CallStep = PreambleLength;
/// The postamble: the steps after the call.
constexpr unsigned PostambleStart = CallStep + 1;
constexpr unsigned PostambleLength = CountedCallLength - PostambleStart;

/// The block type byte of SeqImm::EmptyBlock.
constexpr uint8_t EmptyBlockTypeByte = EmptyBlockType;

/// The values of the immediates of one counted call.
struct SequenceValues {
  uint32_t Counter = 0;
  uint32_t Cost = 0;
  uint32_t Limit = 0;
  uint32_t Callee = 0;
};

/// The value an immediate of kind \p K takes (0 for None and EmptyBlock).
constexpr uint32_t seqImmValue(SeqImm K, const SequenceValues &V) {
  switch (K) {
  case SeqImm::Counter: return V.Counter;
  case SeqImm::Cost: return V.Cost;
  case SeqImm::Limit: return V.Limit;
  case SeqImm::Callee: return V.Callee;
  case SeqImm::None:
  case SeqImm::EmptyBlock: break;
  }
  return 0;
}

/// The first step at or after \p From whose immediate is of kind \p K
/// (CountedCallLength if none is).
constexpr unsigned seqStepOf(SeqImm K, unsigned From = 0) {
  for (unsigned I = From; I < CountedCallLength; ++I)
    if (CountedCall[I].Imm == K)
      return I;
  return CountedCallLength;
}

/// The thunk's shape around its counted call: no local declarations, and
/// each parameter K forwarded by `local.get K`; the body ends with `end`.
constexpr uint32_t ThunkLocalGroups = 0;
constexpr uint32_t ThunkForwardOpcode = op::LocalGet;
constexpr uint32_t ThunkEndOpcode = op::End;

namespace detail {
constexpr bool countedCallIsWellFormed() {
  for (unsigned K = 0; K < CountedCallLength; ++K)
    if (CountedCall[K].Opcode >= 0x100) // all single-byte: opcodeByte applies
      return false;
  return CountedCall[CallStep].Opcode == op::Call &&
         CountedCall[CallStep].Imm == SeqImm::Callee && PostambleLength == 4 &&
         seqStepOf(SeqImm::Cost) < PreambleLength && seqStepOf(SeqImm::Limit) < PreambleLength &&
         seqStepOf(SeqImm::Cost, PostambleStart) < CountedCallLength;
}
static_assert(countedCallIsWellFormed(), "call_sequence.h: malformed counted call");
} // namespace detail

} // namespace stackcap

#endif
