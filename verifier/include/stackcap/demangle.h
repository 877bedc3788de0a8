//===- demangle.h - Readable names for Rust symbols -------------*- C++ -*-===//
//
// Part of stackcap. wasm-ld writes C++ names into the name section already
// demangled (unless --no-demangle), but leaves Rust symbols mangled: both
// rustc's legacy scheme (`_ZN...17h<hash>E`, the default of rustc 1.96) and
// v0 (`_R...`, -C symbol-mangling-version=v0, which the stackcap sysroots use
// for core). The verifier demangles those itself for its diagnostics and
// --print-costs.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_DEMANGLE_H
#define STACKCAP_DEMANGLE_H

#include <string>
#include <string_view>

namespace stackcap {

/// The readable form of a Rust symbol, or \p Name unchanged when it is not
/// one this demangler understands completely (C++ names, plain names, and
/// v0 symbols with punycode identifiers or a mangling version other than 0).
///
/// - legacy: `_ZN3foo3barE`-style paths whose last component is the hash
///   `h` + 16 hex digits: the hash is dropped, `$LT$`, `$GT$`, `$u20$`, ...
///   are decoded and `..` becomes `::` (`<lib::Foo<u32> as lib::Tr>::go`).
/// - v0: the full grammar (paths, generic arguments, impls, closures, types,
///   constants, backreferences), printed as rustc-demangle's alternate form
///   does: no crate disambiguators, no instantiating crate.
/// A suffix after the symbol (`.llvm.123`, `.stackcap_body`) is kept as
/// ` (.suffix)`, the way LLVM's demangler prints C++ names with one.
std::string demangleSymbol(std::string_view Name);

} // namespace stackcap

#endif
