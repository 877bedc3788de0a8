//===- link_finish.h - What the link step does to a linked module -*- C++ -*-===//
//
// Part of stackcap. The pieces of stackcap-link-finish (docs/wrappers.md) that
// work on module bytes, free of processes and files:
//
//  * stack sizing: from the plugin's frame records (frame_records.h) and the
//    verifier's costs, the bytes of linear-memory stack that every call chain
//    the counter admits under a limit can use;
//  * finishing: completion (instrumentModule with EntriesOnly), removal of
//    the frame records, and compact LEB128 encodings where no debug
//    information describes code offsets.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_LINK_FINISH_H
#define STACKCAP_LINK_FINISH_H

#include <cstddef> // before wasm_writer.h, which uses size_t

#include "stackcap/wasm_writer.h"

#include <cstdint>
#include <string>
#include <unordered_map>
#include <vector>

namespace stackcap {

struct StackNeed {
  /// False when no bound exists: a function with variable-sized objects, or
  /// one without a frame record (built without this plugin version).
  bool Known = false;
  bool HasRecords = false; // the module carries a stackcap.frames section
  uint64_t Bytes = 0;      // the bound, a multiple of 16, when Known
  // The function of the largest frame-to-cost ratio, which decides the bound.
  std::string WorstFunction;
  uint32_t WorstFrame = 0, WorstCost = 0;
  uint32_t LargestFrame = 0;
  std::vector<std::string> Dynamic;  // functions with variable-sized objects
  std::vector<std::string> Unknown;  // functions without a record
  std::string Error;                 // the module could not be analysed
  /// The largest limit whose chains fit in \p Bytes of stack (0 if none).
  uint64_t limitFitting(uint64_t Bytes) const;
};

/// Under \p Limit, the sum of the costs of the live frames is at most Limit,
/// so their linear-memory bytes are at most
///   Limit * max(frame / cost) + the largest frame, rounded up to 16,
/// over the defined functions of the linked module at \p Data (thunks and
/// functions the linker makes have no frame).
/// With \p Lean, the frames of profile lean are the costs.
StackNeed computeStackNeed(const uint8_t *Data, size_t Size, uint32_t Limit, bool Lean = false);

struct FinishResult {
  bool Ok = false;
  std::string Error;
  Bytes Output;
  bool Compacted = false;    // LEB128 immediates re-encoded minimally
  bool KeptPadding = false;  // not compacted: debug information or relocations present
  std::string PaddingReason;
  uint64_t NumResolved = 0;  // placeholders set
  uint32_t NumThunks = 0;    // thunks added for linker-made entries
  uint32_t NumDemoted = 0;   // lean: checked functions made covered
};

/// Completes a linked module (instrumentModule, EntriesOnly, with \p Limit),
/// removes the stackcap.frames section and, unless \p KeepPadding or DWARF,
/// a source map or relocations describe code offsets, re-encodes the LEB128
/// immediates of the code minimally. The caller verifies the result.
FinishResult finishLinkedModule(const uint8_t *Data, size_t Size, uint32_t Limit,
                                bool KeepPadding = false);

/// Profile lean (docs/spec/lean.md): removes the stackcap.frames section,
/// writes \p Limit into the counter's initialiser, removes the sequences of
/// checked functions that the linked module shows need none (not entry
/// points, not in or called from a cycle; only when the code may move), sets every reservation
/// that the linked module needs and the compiler could not know (functions
/// the linker makes, code compiled without stackcap: covered by their
/// callers) and compacts as finishLinkedModule does. The caller verifies.
FinishResult finishLeanModule(const uint8_t *Data, size_t Size, uint32_t Limit,
                              bool KeepPadding = false);

/// Re-encodes the index, constant and memarg immediates of every function
/// body of \p Data minimally (the 5-byte paddings relocations leave).
/// Returns false, leaving \p Out empty, where it cannot (with the reason).
/// With \p Consts, the i32.const at each file offset it names gets the
/// value it maps to instead of its own.
bool compactCode(const uint8_t *Data, size_t Size, Bytes &Out, std::string &Why,
                 const std::unordered_map<uint32_t, int32_t> *Consts = nullptr);

/// \p Data without the custom sections named \p Name.
Bytes withoutCustomSection(const uint8_t *Data, size_t Size, const char *Name);

} // namespace stackcap

#endif
