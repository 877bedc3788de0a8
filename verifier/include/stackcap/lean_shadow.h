//===- lean_shadow.h - Profile lean's soundness, executed -------*- C++ -*-===//
//
// Part of stackcap; a test instrument, not part of what a chain runs.
// Profile lean's guarantee (docs/spec/lean.md, section 5) is that the sum of
// the naive VM's frames of the active functions never exceeds what the
// counter has reserved, LIMIT - counter. shadowLeanModule adds an exact
// account of that sum to a lean module, so that running the module checks
// the guarantee on every call it makes:
//
//  * a new mutable i32 global S, starting at 0, holds the sum of frame(f)
//    over the active functions;
//  * every function adds its frame(f) on entry (a checked function after its
//    entry sequence, once its reservation is made), then traps with an
//    integer division by zero, a trap the counter code never raises, when
//    S + counter > LIMIT;
//  * every function takes frame(f) off again when it exits: its body is
//    wrapped in a block, each `return` becomes a branch out of that block.
//
// The shadowed module behaves as the lean module did (output, exit status,
// the depth of a stack-limit trap) unless the guarantee fails.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_LEAN_SHADOW_H
#define STACKCAP_LEAN_SHADOW_H

#include <cstddef> // before wasm_writer.h, which uses size_t

#include "stackcap/wasm_writer.h"

#include <cstdint>
#include <string>

namespace stackcap {

struct ShadowResult {
  bool Ok = false;
  std::string Error;
  Bytes Output;
  uint32_t ShadowGlobal = 0;
  uint32_t NumFunctions = 0; // function bodies that got the account
};

/// Adds the shadow account to the lean module at \p Data. Unless
/// \p Unverified, the module must verify under profile lean (the shadow of
/// a module that does not is meaningless, except to test the shadow).
ShadowResult shadowLeanModule(const uint8_t *Data, size_t Size, bool Unverified = false);

} // namespace stackcap

#endif
