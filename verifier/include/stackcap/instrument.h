//===- instrument.h - Reference post-link instrumenter ----------*- C++ -*-===//
//
// Part of stackcap. Does to a linked module what wasm-instrument 0.4's
// stack_limiter::inject does (spec section 2), extended to post-MVP code:
// a counter global appended after the module's globals, every call to a
// defined function wrapped, and thunks, appended after the module's functions
// in increasing order of the function they wrap, for every export, element
// segment entry, start function and ref.func of a defined function.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_INSTRUMENT_H
#define STACKCAP_INSTRUMENT_H

#include "stackcap/module.h"
#include "stackcap/wasm_writer.h"

#include <string>

namespace stackcap {

struct InstrumentOptions {
  /// Post-link completion of a module the compiler already instrumented: set
  /// the placeholders of placeholders.h (limit, costs of linker-made
  /// functions) in place, add
  /// thunks only for entry points that name a defined function which is not
  /// a thunk yet (functions the linker made, such as an exported
  /// __wasm_call_ctors), using the module's own counter and limit. Existing
  /// function bodies are copied byte for byte, so code offsets, and with them
  /// DWARF, stay valid. An export of the counter global (wasm-ld's
  /// --export-all makes one) is removed.
  bool EntriesOnly = false;
  /// EntriesOnly: the limit argument was given. Placeholder limits are then
  /// set to it; otherwise the module's own (non-placeholder) limit is used.
  bool LimitGiven = false;
};

struct InstrumentResult {
  bool Ok = false;
  bool Unsupported = false; // the input is valid but cannot be instrumented
  std::string Error;
  Bytes Output;
  uint32_t CounterGlobal = 0;
  uint32_t Limit = 0;
  uint32_t NumThunks = 0;
  uint64_t NumInstrumentedCalls = 0;
  bool DroppedDebugInfo = false;     // .debug_* sections were removed
  bool DroppedCounterExport = false; // EntriesOnly: an export of the counter was removed
  uint64_t NumResolved = 0;          // EntriesOnly: placeholder immediates set
};

/// \p Limit is the limit to instrument with; in EntriesOnly mode it is used
/// only when the module has no instrumentation yet.
InstrumentResult instrumentModule(const uint8_t *Data, size_t Size, uint32_t Limit,
                                  const InstrumentOptions &Opts = InstrumentOptions());

} // namespace stackcap

#endif
