//===- StackcapOptions.h - Command-line options of the plugin ---*- C++ -*-===//
//
// Part of stackcap. The options are `cl::opt`s, set with `-mllvm` (clang),
// `-Wl,-mllvm,...` (wasm-ld's LTO code generation) or `-C llvm-args=` (rustc).
// They are private to StackcapOptions.cpp: the passes receive them as one
// StackcapConfig, filled in here.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_PLUGIN_OPTIONS_H
#define STACKCAP_PLUGIN_OPTIONS_H

#include "StackcapConfig.h"

#include "llvm/ADT/StringRef.h"

namespace stackcap {

/// The configuration the command line asks for: StackcapConfig's defaults,
/// overridden by every option given.
StackcapConfig configFromCommandLine();

/// -stackcap-disable: the plugin adds no pass.
bool stackcapDisabled();

/// -stackcap-test-missing-pass (tests only): behave as if LLVM had no pass
/// named \p Name.
bool testPassMissing(llvm::StringRef Name);

} // namespace stackcap

#endif
