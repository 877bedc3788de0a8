//===- DriverCheck.h - Detect post-link rewriting by the clang driver -*- C++ -*-===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_PLUGIN_DRIVER_CHECK_H
#define STACKCAP_PLUGIN_DRIVER_CHECK_H

#include <string>

namespace stackcap {

/// When the compiler driver that runs this process will link the module and
/// then run wasm-opt on it (clang does so at -O1 and above whenever wasm-opt
/// is on PATH), returns an error message saying what to do; else "".
/// Computed once per process.
const std::string &postLinkRewriteHazard();

} // namespace stackcap

#endif
