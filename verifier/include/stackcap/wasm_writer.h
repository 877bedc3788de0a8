//===- wasm_writer.h - Emitting wasm binary encodings -----------*- C++ -*-===//
//
// Part of stackcap. Appends LEB128 numbers, sections and the `compat`
// instrumentation sequence to a byte vector.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_WASM_WRITER_H
#define STACKCAP_WASM_WRITER_H

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

/// The 10 instructions of spec section 2 before the `call`.
inline void writePreamble(Bytes &Out, uint32_t Global, uint32_t Cost, uint32_t Limit) {
  Out.push_back(0x23); writeULEB(Out, Global);                          // global.get G
  Out.push_back(0x41); writeSLEB(Out, static_cast<int32_t>(Cost));      // i32.const c
  Out.push_back(0x6a);                                                  // i32.add
  Out.push_back(0x24); writeULEB(Out, Global);                          // global.set G
  Out.push_back(0x23); writeULEB(Out, Global);                          // global.get G
  Out.push_back(0x41); writeSLEB(Out, static_cast<int32_t>(Limit));     // i32.const LIMIT
  Out.push_back(0x4b);                                                  // i32.gt_u
  Out.push_back(0x04); Out.push_back(0x40);                             // if (empty)
  Out.push_back(0x00);                                                  // unreachable
  Out.push_back(0x0b);                                                  // end
}

/// The 4 instructions of spec section 2 after the `call`.
inline void writePostamble(Bytes &Out, uint32_t Global, uint32_t Cost) {
  Out.push_back(0x23); writeULEB(Out, Global);                          // global.get G
  Out.push_back(0x41); writeSLEB(Out, static_cast<int32_t>(Cost));      // i32.const c
  Out.push_back(0x6b);                                                  // i32.sub
  Out.push_back(0x24); writeULEB(Out, Global);                          // global.set G
}

} // namespace stackcap

#endif
