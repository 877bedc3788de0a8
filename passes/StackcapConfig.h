//===- StackcapConfig.h - What the stackcap passes are told -----*- C++ -*-===//
//
// Part of stackcap. The passes never read command-line options: the plugin
// fills one StackcapConfig from its `cl::opt`s (plugin/StackcapOptions.cpp,
// like SanitizerCoverage's OverrideFromCL) and hands it to every create*Pass.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_PASSES_CONFIG_H
#define STACKCAP_PASSES_CONFIG_H

#include <string>
#include <vector>

namespace stackcap {

/// The limit used when none is given. Chains choose their own; this one allows
/// deep recursion of small frames while keeping a native stack bounded.
constexpr unsigned DefaultStackLimit = 65536;

/// The stack-limit profiles (docs/spec/compat.md, docs/spec/lean.md).
enum class StackcapProfile { Compat, Lean };

struct StackcapConfig {
  /// compat: counted calls and thunks; lean: reservations in checked
  /// functions only, no thunks.
  StackcapProfile Profile = StackcapProfile::Compat;
  /// The limit every counted call checks (`i32.const LIMIT`, compared unsigned).
  unsigned Limit = DefaultStackLimit;
  /// Write the limit as the placeholder the link step sets (placeholders.h)
  /// instead of Limit.
  bool LimitAtLink = false;
  /// Also print every function's cost remark as a `stackcap-cost: NAME COST`
  /// line on stderr, whatever the host's remark filter.
  bool PrintCosts = false;
  /// For tests only: machine opcodes to treat as missing from the
  /// WebAssembly backend (WasmMachineInfo).
  std::vector<std::string> TestMissingOpcodes;
};

/// The configuration of a pass that LLVM creates by name through the legacy
/// PassRegistry (`llc -run-pass=`, `-stop-before=` ...), which can only call a
/// default constructor. The plugin installs \p Get (which reads its options
/// at that time) when it registers the passes; until then the defaults above
/// apply.
void setRegisteredPassConfig(StackcapConfig (*Get)());
StackcapConfig registeredPassConfig();

} // namespace stackcap

#endif
