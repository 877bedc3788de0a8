//===- verify.h - Checking the `compat` stack-limit rules -------*- C++ -*-===//
//
// Part of stackcap. Decides whether a module is correctly stack-limited
// (section 3 of shared/spec/stack-limit-compat.md) and computes every defined
// function's cost on its body without the instrumentation sequences.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_VERIFY_H
#define STACKCAP_VERIFY_H

#include "stackcap/module.h"

#include <cstdint>
#include <string>
#include <vector>

namespace stackcap {

/// The rules of spec section 3, numbered as there.
enum class Rule : uint8_t {
  Decode = 1,        // the module decodes completely and is linked
  Counter = 2,       // one counter global, defined, mutable i32 = 0, not exported
  CallSequence = 3,  // every call to a defined function is wrapped or calls a thunk
  CounterAccess = 4, // the counter is touched only inside sequences
  EntryPoint = 5,    // exports, tables, start and ref.func name imports or thunks
  Unsupported = 6,   // no tail calls, call_ref, exceptions or stack switching
};

const char *ruleTitle(Rule R);

constexpr uint32_t NoFunction = UINT32_MAX;

struct Violation {
  Rule R;
  uint32_t Func = NoFunction; // function index, or NoFunction for module-level
  uint32_t Offset = 0;        // file offset of the offending instruction or field
  std::string Message;
  // For an uninstrumented call (rule 3): the defined function called, whose
  // object was probably compiled without stackcap. NoFunction otherwise.
  uint32_t Callee = NoFunction;
};

struct VerifyOptions {
  bool HasLimit = false; // when false, the limit is read from the module
  uint32_t Limit = 0;
  size_t MaxViolations = 1000; // kept in full; the rest are only counted
  bool Demangle = true; // Rust symbols in messages (see demangle.h)
};

/// One instrumentation sequence found around a `call`.
struct InstrumentedCall {
  uint32_t Caller;
  uint32_t Offset; // file offset of the `call`
  uint32_t Callee;
  uint32_t Cost;   // the `c` immediate
  uint32_t Limit;  // the LIMIT immediate
  uint32_t Global; // the global the sequence uses
  // File offsets of the three i32.const instructions: the cost before the
  // call, the limit, the cost after it (see placeholders.h).
  uint32_t CostAt, LimitAt, PostCostAt;
};

struct VerifyReport {
  // Decoding: a malformed or unsupported module is not verified at all.
  bool Malformed = false;
  DecodeError Decode;

  // Per defined function (index - NumImportedFuncs).
  std::vector<uint32_t> Costs;
  std::vector<uint8_t> CostValid;
  std::vector<uint32_t> ThunkTarget; // NoFunction where the function is no thunk
  uint32_t NumThunks = 0;

  bool HasCounter = false;
  uint32_t CounterGlobal = 0;
  bool HasLimit = false;
  uint32_t Limit = 0;
  uint64_t NumInstrumentedCalls = 0;
  uint64_t NumThunkCalls = 0; // plain calls to thunks

  std::vector<Violation> Violations; // the first MaxViolations
  uint64_t NumViolations = 0;

  bool verified() const { return !Malformed && NumViolations == 0; }
};

/// Analyses a decoded module: costs of all defined functions, and the rules.
/// \p Calls, when non-null, receives every instrumentation sequence found.
void analyzeModule(const Module &M, const VerifyOptions &Opts, VerifyReport &Report,
                   std::vector<InstrumentedCall> *Calls = nullptr);

/// Decodes and analyses \p Size bytes.
void verifyModule(const uint8_t *Data, size_t Size, const VerifyOptions &Opts,
                  VerifyReport &Report, Module *Decoded = nullptr);

/// "func 12 ($name)" or "func 12" where the module names none. The name is
/// demangled (demangle.h) unless \p Demangle is false.
std::string describeFunction(const Module &M, uint32_t Func, bool Demangle = true);

} // namespace stackcap

#endif
