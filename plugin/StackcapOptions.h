//===- StackcapOptions.h - Command-line options of the plugin ---*- C++ -*-===//
//
// Part of stackcap. The options are `cl::opt`s, set with `-mllvm` (clang),
// `-Wl,-mllvm,...` (wasm-ld's LTO code generation) or `-C llvm-args=` (rustc).
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_PLUGIN_OPTIONS_H
#define STACKCAP_PLUGIN_OPTIONS_H

#include "llvm/Support/CommandLine.h"

namespace stackcap {

/// The limit used when none is given. Chains choose their own; this one allows
/// deep recursion of small frames while keeping a native stack bounded.
constexpr unsigned DefaultStackLimit = 65536;

extern llvm::cl::opt<unsigned> StackLimit;
extern llvm::cl::opt<bool> PrintCosts;
extern llvm::cl::opt<bool> DisableStackcap;
extern llvm::cl::opt<bool> LimitAtLink;

} // namespace stackcap

#endif
