//===- sequence_match.h - Decoded instructions against a sequence -*- C++ -*-===//
//
// Part of stackcap. Matches decoded instructions against a sequence of
// SeqSteps (call_sequence.h for compat's counted call, lean.h for lean's
// entry and release): the opcodes, an empty block type, and one value for
// each kind of immediate (the counter in every global.get/set, the cost in
// each of its i32.consts).
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_SEQUENCE_MATCH_H
#define STACKCAP_SEQUENCE_MATCH_H

#include "stackcap/call_sequence.h"
#include "stackcap/instr.h"

namespace stackcap {

/// Matches \p W[0, N) against \p Steps[0, N); the immediates go to \p V.
inline bool matchSteps(const Instr *const *W, const SeqStep *Steps, unsigned N,
                       SequenceValues &V) {
  for (unsigned K = 0; K < N; ++K)
    if (W[K]->Key != Steps[K].Opcode)
      return false;
  bool Seen[static_cast<unsigned>(SeqImm::Callee) + 1] = {}; // per SeqImm kind
  SequenceValues Found;
  for (unsigned K = 0; K < N; ++K) {
    const Instr &I = *W[K];
    SeqImm Imm = Steps[K].Imm;
    uint32_t Value = 0;
    switch (Imm) {
    case SeqImm::None:
      continue;
    case SeqImm::EmptyBlock:
      if (I.BT.Kind != BlockType::Empty)
        return false;
      continue;
    case SeqImm::Counter:
    case SeqImm::Callee:
      Value = I.Index;
      break;
    case SeqImm::Cost:
    case SeqImm::Limit:
      Value = static_cast<uint32_t>(I.ConstValue);
      break;
    }
    bool &Had = Seen[static_cast<unsigned>(Imm)];
    uint32_t &Slot = Imm == SeqImm::Counter ? Found.Counter
                     : Imm == SeqImm::Cost  ? Found.Cost
                     : Imm == SeqImm::Limit ? Found.Limit
                                            : Found.Callee;
    if (Had && Slot != Value)
      return false;
    Had = true;
    Slot = Value;
  }
  V = Found;
  return true;
}

} // namespace stackcap

#endif
