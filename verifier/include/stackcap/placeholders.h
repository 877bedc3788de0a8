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

#include <cstddef>
#include <cstdint>

namespace stackcap {

constexpr uint32_t LimitPlaceholder = 0x7fffffff;
constexpr uint32_t CostPlaceholder = 0x7ffffff0;

/// What the link step knows about a function no object of the program
/// compiles with the plugin.
enum class LinkerFunctionRole : uint8_t {
  /// wasm-ld writes its body and compiled code may call it: its cost is a
  /// placeholder (CostPlaceholder), and it keeps no linear-memory frame.
  Synthesized,
  /// wasm-ld writes its body as the module's start function; no code calls it.
  StartFunction,
  /// wasm-ld's command exports call it; the C library defines it.
  CalledByLinker,
};

struct LinkerFunction {
  const char *Name;
  LinkerFunctionRole Role;
};

/// The one list of functions of a linked module that the linker makes or
/// calls on its own. test/lit/plugin/Inputs/check-costs.py reads the names
/// from this table: keep one entry a line, in this form.
constexpr LinkerFunction LinkerFunctions[] = {
    {"__wasm_call_ctors", LinkerFunctionRole::Synthesized},
    {"__wasm_init_memory", LinkerFunctionRole::Synthesized},
    {"__wasm_apply_data_relocs", LinkerFunctionRole::Synthesized},
    {"__wasm_apply_global_relocs", LinkerFunctionRole::Synthesized},
    {"__wasm_apply_global_tls_relocs", LinkerFunctionRole::Synthesized},
    {"__wasm_init_tls", LinkerFunctionRole::Synthesized},
    {"__wasm_start", LinkerFunctionRole::StartFunction},
    {"__wasm_call_dtors", LinkerFunctionRole::CalledByLinker},
};

/// The suffix of the wrappers wasm-ld makes around exported functions of a
/// command (`_start.command_export`); they keep no linear-memory frame.
constexpr const char CommandExportSuffix[] = ".command_export";

/// Functions wasm-ld synthesises, which compiled code may call
/// (LinkerFunctionRole::Synthesized).
inline bool isLinkerSynthesized(const char *Name, size_t Len) {
  for (const LinkerFunction &F : LinkerFunctions) {
    if (F.Role != LinkerFunctionRole::Synthesized)
      continue;
    const char *N = F.Name;
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
