//===- stackcap_verify.hpp - C++ classes over the C API ---------*- C++ -*-===//
//
// Part of stackcap. Header-only: everything here calls the C API of
// stackcap_verify.h, so it works with the shared library
// (libstackcap_verify.so, which exports only the C API) as with the static
// one. C++17; nothing throws but std::bad_alloc from std::string and
// std::vector.
//
//   stackcap::Report R = stackcap::verify(bytes, 65536);   // or verify(bytes)
//   if (!R.verified())
//     for (const stackcap::ViolationInfo &V : R.violations())
//       std::cerr << V.FunctionName << ": rule " << V.Rule << ": " << V.Message;
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_VERIFY_HPP
#define STACKCAP_VERIFY_HPP

#include "stackcap/stackcap_verify.h"

#include <cstdint>
#include <optional>
#include <string>
#include <utility>
#include <vector>

namespace stackcap {

/// One violation of a rule of spec section 3.
struct ViolationInfo {
  uint32_t Rule = 0;
  std::string RuleTitle;
  uint32_t Function = UINT32_MAX; ///< function index; UINT32_MAX: module-level
  std::string FunctionName;       ///< from the name section; "" when none
  uint32_t Offset = 0;            ///< byte offset in the module
  uint32_t Callee = UINT32_MAX;   ///< rule 3: the uninstrumented callee
  std::string Message;
};

/// The outcome of stackcap_verify; owns the C report.
class Report {
public:
  Report() = default;
  explicit Report(stackcap_report *R, int Status) : R(R), Status(Status) {}
  Report(Report &&O) noexcept : R(std::exchange(O.R, nullptr)), Status(O.Status) {}
  Report &operator=(Report &&O) noexcept {
    if (this != &O) {
      stackcap_report_free(R);
      R = std::exchange(O.R, nullptr);
      Status = O.Status;
    }
    return *this;
  }
  Report(const Report &) = delete;
  Report &operator=(const Report &) = delete;
  ~Report() { stackcap_report_free(R); }

  /// STACKCAP_VERIFIED, STACKCAP_VIOLATIONS, STACKCAP_MALFORMED or STACKCAP_ERROR.
  int status() const { return Status; }
  bool verified() const { return Status == STACKCAP_VERIFIED; }
  bool malformed() const { return Status == STACKCAP_MALFORMED; }
  /// For a malformed module: why, and where.
  std::string error() const { return R ? stackcap_report_error(R) : "out of memory or bad arguments"; }
  uint32_t errorOffset() const { return stackcap_report_error_offset(R); }
  std::optional<uint32_t> counterGlobal() const {
    if (!stackcap_report_has_counter(R))
      return std::nullopt;
    return stackcap_report_counter_global(R);
  }
  uint32_t limit() const { return stackcap_report_limit(R); }
  uint64_t instrumentedCalls() const { return stackcap_report_instrumented_calls(R); }
  uint32_t thunks() const { return stackcap_report_thunks(R); }
  uint64_t violationCount() const { return stackcap_report_violation_count(R); }
  /// The violations kept in full (the first 1000).
  std::vector<ViolationInfo> violations() const {
    std::vector<ViolationInfo> Out;
    size_t N = stackcap_report_violations_kept(R);
    Out.reserve(N);
    for (size_t I = 0; I < N; ++I) {
      ViolationInfo V;
      const char *Msg = "";
      if (!stackcap_report_violation(R, I, &V.Rule, &V.Function, &V.Offset, &Msg))
        break;
      V.Message = Msg;
      V.RuleTitle = stackcap_rule_title(V.Rule);
      V.FunctionName = stackcap_report_violation_function_name(R, I);
      V.Callee = stackcap_report_violation_callee(R, I);
      Out.push_back(std::move(V));
    }
    return Out;
  }
  std::string functionName(uint32_t Func) const { return stackcap_report_function_name(R, Func); }
  uint32_t functionCount() const { return stackcap_report_function_count(R); }
  uint32_t importedFunctions() const { return stackcap_report_imported_functions(R); }
  /// cost(f) of defined function \p Func, when known.
  std::optional<uint32_t> cost(uint32_t Func) const {
    uint32_t C = 0;
    if (!stackcap_report_cost(R, Func, &C))
      return std::nullopt;
    return C;
  }
  const stackcap_report *get() const { return R; }

private:
  stackcap_report *R = nullptr;
  int Status = STACKCAP_ERROR;
};

/// Verifies \p Size bytes at \p Data against \p Limit, or against the
/// module's own limit when none is given.
inline Report verify(const uint8_t *Data, size_t Size,
                     std::optional<uint32_t> Limit = std::nullopt) {
  stackcap_report *R = nullptr;
  uint32_t L = Limit.value_or(0);
  int Status = stackcap_verify(Data, Size, Limit ? &L : nullptr, &R);
  return Report(R, Status);
}
inline Report verify(const std::vector<uint8_t> &Module,
                     std::optional<uint32_t> Limit = std::nullopt) {
  return verify(Module.data(), Module.size(), Limit);
}

/// The library's version ("0.1.0"), version line and profiles.
inline std::string version() { return stackcap_version(); }
inline std::string versionLine() { return stackcap_version_line(); }
inline std::vector<std::string> profiles() {
  std::vector<std::string> Out;
  for (size_t I = 0, N = stackcap_profile_count(); I < N; ++I)
    Out.emplace_back(stackcap_profile_name(I));
  return Out;
}

} // namespace stackcap

#endif
