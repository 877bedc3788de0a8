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

struct InstrumentResult {
  bool Ok = false;
  bool Unsupported = false; // the input is valid but cannot be instrumented
  std::string Error;
  Bytes Output;
  uint32_t CounterGlobal = 0;
  uint32_t NumThunks = 0;
  uint64_t NumInstrumentedCalls = 0;
};

InstrumentResult instrumentModule(const uint8_t *Data, size_t Size, uint32_t Limit);

} // namespace stackcap

#endif
