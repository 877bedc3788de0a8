//===- placeholders.h - Immediates resolved after linking -------*- C++ -*-===//
//
// Part of stackcap. Two facts are unknown when some code is compiled and are
// written as fixed-width placeholders, resolved in place after linking by
// `stackcap-instrument --entries-only` (the wrappers run it):
//
//  * the limit, for code built once for every limit (the instrumented
//    runtime: libc, compiler-rt builtins, libc++, Rust sysroots);
//  * the cost of a function the linker synthesises (__wasm_call_ctors, called
//    by crt1's _start), which only exists in the linked module.
//
// Both values encode as 5-byte signed LEB128, the widest an i32.const takes,
// so the resolved value always fits in place as a padded LEB128 and no code
// moves (DWARF stays valid). An unresolved placeholder never verifies: no
// limit check passes and no cost is that large.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_PLACEHOLDERS_H
#define STACKCAP_PLACEHOLDERS_H

#include <cstdint>

namespace stackcap {

constexpr uint32_t LimitPlaceholder = 0x7fffffff;
constexpr uint32_t CostPlaceholder = 0x7ffffff0;

/// Functions wasm-ld synthesises, which compiled code may call.
inline bool isLinkerSynthesized(const char *Name, size_t Len) {
  static const char *const Names[] = {
      "__wasm_call_ctors",         "__wasm_init_memory",   "__wasm_apply_data_relocs",
      "__wasm_apply_global_relocs", "__wasm_apply_global_tls_relocs", "__wasm_init_tls",
  };
  for (const char *N : Names) {
    size_t I = 0;
    while (I < Len && N[I] && N[I] == Name[I])
      ++I;
    if (I == Len && N[I] == '\0')
      return true;
  }
  return false;
}

} // namespace stackcap

#endif
