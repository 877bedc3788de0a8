//===- wasm_writer.h - Emitting wasm binary encodings -----------*- C++ -*-===//
//
// Part of stackcap. Appends LEB128 numbers, sections and the `compat`
// instrumentation sequence (call_sequence.h) to a byte vector.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_WASM_WRITER_H
#define STACKCAP_WASM_WRITER_H

#include "stackcap/call_sequence.h"

#include <cstdint>
#include <vector>

namespace stackcap {

using Bytes = std::vector<uint8_t>;

inline void writeULEB(Bytes &Out, uint64_t V) {
  do {
    uint8_t B = V & 0x7f;
    V >>= 7;
    Out.push_back(V ? (B | 0x80) : B);
  } while (V);
}

inline void writeSLEB(Bytes &Out, int64_t V) {
  for (;;) {
    uint8_t B = V & 0x7f;
    V >>= 7; // arithmetic shift
    bool Done = (V == 0 && !(B & 0x40)) || (V == -1 && (B & 0x40));
    Out.push_back(Done ? B : (B | 0x80));
    if (Done)
      return;
  }
}

inline void append(Bytes &Out, const uint8_t *P, size_t N) { Out.insert(Out.end(), P, P + N); }

/// Section id, payload size, payload.
inline void writeSection(Bytes &Out, uint8_t Id, const Bytes &Payload) {
  Out.push_back(Id);
  writeULEB(Out, Payload.size());
  append(Out, Payload.data(), Payload.size());
}

/// Writes \p Steps[0, N) (call_sequence.h, lean.h) with the immediates \p V.
inline void writeSteps(Bytes &Out, const SeqStep *Steps, unsigned N, const SequenceValues &V) {
  for (unsigned K = 0; K < N; ++K) {
    const SeqStep &S = Steps[K];
    Out.push_back(opcodeByte(S.Opcode));
    switch (S.Imm) {
    case SeqImm::None:
      break;
    case SeqImm::Counter:
    case SeqImm::Callee:
      writeULEB(Out, seqImmValue(S.Imm, V));
      break;
    case SeqImm::Cost:
    case SeqImm::Limit:
      writeSLEB(Out, static_cast<int32_t>(seqImmValue(S.Imm, V)));
      break;
    case SeqImm::EmptyBlock:
      Out.push_back(EmptyBlockTypeByte);
      break;
    }
  }
}

/// Writes steps [Begin, End) of CountedCall (call_sequence.h) with the
/// immediates \p V.
inline void writeSequenceSteps(Bytes &Out, unsigned Begin, unsigned End,
                               const SequenceValues &V) {
  writeSteps(Out, CountedCall + Begin, End - Begin, V);
}

/// The 10 instructions of spec section 2 before the `call`.
inline void writePreamble(Bytes &Out, uint32_t Global, uint32_t Cost, uint32_t Limit) {
  SequenceValues V;
  V.Counter = Global;
  V.Cost = Cost;
  V.Limit = Limit;
  writeSequenceSteps(Out, 0, PreambleLength, V);
}

/// The 4 instructions of spec section 2 after the `call`.
inline void writePostamble(Bytes &Out, uint32_t Global, uint32_t Cost) {
  SequenceValues V;
  V.Counter = Global;
  V.Cost = Cost;
  writeSequenceSteps(Out, PostambleStart, CountedCallLength, V);
}

} // namespace stackcap

#endif
