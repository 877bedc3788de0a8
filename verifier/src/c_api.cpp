//===- c_api.cpp - C API of the stackcap verifier -------------------------===//
//
// Part of stackcap. Every entry point catches all exceptions (out of memory
// above all): nothing may unwind into a C caller. A report holds the result
// of one profile: compat (VerifyReport) or lean (LeanReport); the queries
// answer from the one that was checked.
//
//===----------------------------------------------------------------------===//
#include "stackcap/stackcap_verify.h"

#include "stackcap/demangle.h"
#include "stackcap/instrument.h"
#include "stackcap/lean.h"
#include "stackcap/verify.h"
#include "stackcap/version.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

using namespace stackcap;

struct stackcap_report {
  int Status = STACKCAP_ERROR;
  bool Lean = false; // profile lean: LeanRep holds the result, Report is unused
  uint32_t NumImportedFuncs = 0;
  uint32_t NumFuncs = 0;
  VerifyReport Report;
  LeanReport LeanRep;
  // Function names from the name section (demangled), by function index:
  // the module's bytes are the caller's, so the report keeps copies.
  std::vector<std::string> Names;
};

namespace {

// The profiles the C API verifies, in the order stackcap_profile_name
// numbers them. As one space-separated string they are the build's list
// (version.h, from CMake's STACKCAP_PROFILES), which must name the same:
// checked at compile time.
const char *const ProfileNames[] = {"compat", "lean"};
constexpr size_t NumProfiles = sizeof(ProfileNames) / sizeof(ProfileNames[0]);
const char ProfileList[] = STACKCAP_PROFILES;
constexpr bool sameWords(const char *A, const char *B) {
  return *A == *B && (*A == '\0' || sameWords(A + 1, B + 1));
}
static_assert(sameWords(STACKCAP_PROFILES, "compat lean"),
              "CMake's STACKCAP_PROFILES and the C API's ProfileNames disagree");

/// The profile named \p Name (NULL: compat); false for an unknown one.
bool parseProfile(const char *Name, bool &Lean) {
  if (!Name || !std::strcmp(Name, "compat")) {
    Lean = false;
    return true;
  }
  if (!std::strcmp(Name, "lean")) {
    Lean = true;
    return true;
  }
  return false;
}

const char *nameOf(const stackcap_report *r, uint32_t Func) {
  if (!r || Func >= r->Names.size())
    return "";
  return r->Names[Func].c_str();
}

} // namespace

extern "C" {

int stackcap_verify_profile(const uint8_t *bytes, size_t len, const char *profile,
                            const uint32_t *limit, stackcap_report **report) {
  if (report)
    *report = nullptr;
  bool Lean = false;
  if ((!bytes && len) || !parseProfile(profile, Lean))
    return STACKCAP_ERROR;
  try {
    // Owned here until handed out: freed if verification throws.
    std::unique_ptr<stackcap_report> R(new stackcap_report());
    VerifyOptions Opts;
    if (limit) {
      Opts.HasLimit = true;
      Opts.Limit = *limit;
    }
    Module M;
    static const uint8_t Empty[1] = {0};
    bool Malformed, Verified;
    R->Lean = Lean;
    if (Lean) {
      verifyLean(bytes ? bytes : Empty, len, Opts, R->LeanRep, &M);
      Malformed = R->LeanRep.Malformed;
      Verified = R->LeanRep.verified();
    } else {
      verifyModule(bytes ? bytes : Empty, len, Opts, R->Report, &M);
      Malformed = R->Report.Malformed;
      Verified = R->Report.verified();
    }
    R->NumImportedFuncs = M.NumImportedFuncs;
    if (!Malformed) {
      R->NumFuncs = M.numFuncs();
      R->Names.resize(M.FuncNames.size());
      for (size_t F = 0; F < M.FuncNames.size(); ++F)
        if (!M.FuncNames[F].empty())
          R->Names[F] = demangleSymbol(M.FuncNames[F]);
    } else {
      R->NumImportedFuncs = 0;
    }
    R->Status = Malformed ? STACKCAP_MALFORMED : Verified ? STACKCAP_VERIFIED : STACKCAP_VIOLATIONS;
    int Status = R->Status;
    if (report)
      *report = R.release();
    return Status;
  } catch (...) {
    return STACKCAP_ERROR;
  }
}

int stackcap_verify(const uint8_t *bytes, size_t len, const uint32_t *limit,
                    stackcap_report **report) {
  return stackcap_verify_profile(bytes, len, "compat", limit, report);
}

const char *stackcap_report_profile(const stackcap_report *r) {
  return r ? ProfileNames[r->Lean ? 1 : 0] : "";
}

int stackcap_report_status(const stackcap_report *r) { return r ? r->Status : STACKCAP_ERROR; }

// The decode result, the same for both profiles.
static bool malformed(const stackcap_report *r) {
  return r->Lean ? r->LeanRep.Malformed : r->Report.Malformed;
}
static const DecodeError &decodeError(const stackcap_report *r) {
  return r->Lean ? r->LeanRep.Decode : r->Report.Decode;
}

const char *stackcap_report_error(const stackcap_report *r) {
  return r && malformed(r) ? decodeError(r).Message.c_str() : "";
}

uint32_t stackcap_report_error_offset(const stackcap_report *r) {
  return r && malformed(r) ? decodeError(r).Offset : 0;
}

int stackcap_report_has_counter(const stackcap_report *r) {
  return r && (r->Lean ? r->LeanRep.HasCounter : r->Report.HasCounter);
}

uint32_t stackcap_report_counter_global(const stackcap_report *r) {
  if (!stackcap_report_has_counter(r))
    return 0;
  return r->Lean ? r->LeanRep.CounterGlobal : r->Report.CounterGlobal;
}

uint32_t stackcap_report_limit(const stackcap_report *r) {
  if (!r)
    return 0;
  return r->Lean ? r->LeanRep.Limit : r->Report.Limit;
}

uint64_t stackcap_report_instrumented_calls(const stackcap_report *r) {
  return r && !r->Lean ? r->Report.NumInstrumentedCalls : 0;
}

uint32_t stackcap_report_thunks(const stackcap_report *r) {
  return r && !r->Lean ? r->Report.NumThunks : 0;
}

uint64_t stackcap_report_violation_count(const stackcap_report *r) {
  if (!r)
    return 0;
  return r->Lean ? r->LeanRep.NumViolations : r->Report.NumViolations;
}

size_t stackcap_report_violations_kept(const stackcap_report *r) {
  if (!r)
    return 0;
  return r->Lean ? r->LeanRep.Violations.size() : r->Report.Violations.size();
}

int stackcap_report_violation(const stackcap_report *r, size_t i, uint32_t *rule,
                              uint32_t *func, uint32_t *offset, const char **message) {
  if (i >= stackcap_report_violations_kept(r))
    return 0;
  uint32_t Rule, Func, Offset;
  const std::string *Message;
  if (r->Lean) {
    const LeanViolation &V = r->LeanRep.Violations[i];
    Rule = static_cast<uint32_t>(V.R);
    Func = V.Func;
    Offset = V.Offset;
    Message = &V.Message;
  } else {
    const Violation &V = r->Report.Violations[i];
    Rule = static_cast<uint32_t>(V.R);
    Func = V.Func;
    Offset = V.Offset;
    Message = &V.Message;
  }
  if (rule)
    *rule = Rule;
  if (func)
    *func = Func;
  if (offset)
    *offset = Offset;
  if (message)
    *message = Message->c_str();
  return 1;
}

const char *stackcap_report_violation_function_name(const stackcap_report *r, size_t i) {
  if (i >= stackcap_report_violations_kept(r))
    return "";
  return nameOf(r, r->Lean ? r->LeanRep.Violations[i].Func : r->Report.Violations[i].Func);
}

uint32_t stackcap_report_violation_callee(const stackcap_report *r, size_t i) {
  // Lean has no rule for uninstrumented calls: a call to a covered function
  // is how lean works.
  if (i >= stackcap_report_violations_kept(r) || r->Lean)
    return UINT32_MAX;
  return r->Report.Violations[i].Callee;
}

const char *stackcap_report_function_name(const stackcap_report *r, uint32_t func) {
  return nameOf(r, func);
}

uint32_t stackcap_report_function_count(const stackcap_report *r) { return r ? r->NumFuncs : 0; }

uint32_t stackcap_report_imported_functions(const stackcap_report *r) {
  return r ? r->NumImportedFuncs : 0;
}

int stackcap_report_cost(const stackcap_report *r, uint32_t func, uint32_t *cost) {
  // cost(f) is compat's; a lean report answers stackcap_report_lean_function.
  if (!r || r->Lean || func < r->NumImportedFuncs)
    return 0;
  size_t I = func - r->NumImportedFuncs;
  if (I >= r->Report.Costs.size() || !r->Report.CostValid[I])
    return 0;
  if (cost)
    *cost = r->Report.Costs[I];
  return 1;
}

uint32_t stackcap_report_checked_functions(const stackcap_report *r) {
  return r && r->Lean && !r->LeanRep.Malformed ? r->LeanRep.NumChecked : 0;
}

int stackcap_report_lean_function(const stackcap_report *r, uint32_t func, uint32_t *frame,
                                  int *checked, uint64_t *reservation) {
  if (!r || !r->Lean || r->LeanRep.Malformed || func < r->NumImportedFuncs)
    return 0;
  size_t I = func - r->NumImportedFuncs;
  if (I >= r->LeanRep.Functions.size())
    return 0;
  const LeanFunction &F = r->LeanRep.Functions[I];
  if (!F.FrameValid || !F.RequiredValid)
    return 0;
  if (frame)
    *frame = F.Frame;
  if (checked)
    *checked = F.Checked ? 1 : 0;
  if (reservation)
    *reservation = F.Required;
  return 1;
}

void stackcap_report_free(stackcap_report *r) { delete r; }

static char *copyString(const std::string &S) {
  char *P = static_cast<char *>(std::malloc(S.size() + 1));
  if (P)
    std::memcpy(P, S.c_str(), S.size() + 1);
  return P;
}

int stackcap_instrument(const uint8_t *bytes, size_t len, uint32_t limit, uint8_t **out,
                        size_t *out_len, char **error) {
  if (out)
    *out = nullptr;
  if (out_len)
    *out_len = 0;
  if (error)
    *error = nullptr;
  if ((!bytes && len) || !out || !out_len)
    return STACKCAP_ERROR;
  try {
    static const uint8_t Empty[1] = {0};
    InstrumentResult Res = instrumentModule(bytes ? bytes : Empty, len, limit);
    if (!Res.Ok) {
      if (error)
        *error = copyString(Res.Error);
      return STACKCAP_MALFORMED;
    }
    uint8_t *P = static_cast<uint8_t *>(std::malloc(Res.Output.size() ? Res.Output.size() : 1));
    if (!P)
      return STACKCAP_ERROR;
    std::memcpy(P, Res.Output.data(), Res.Output.size());
    *out = P;
    *out_len = Res.Output.size();
    return STACKCAP_VERIFIED;
  } catch (...) {
    return STACKCAP_ERROR;
  }
}

void stackcap_free(void *p) { std::free(p); }

int stackcap_api_version(void) { return STACKCAP_VERIFY_API_VERSION; }

const char *stackcap_profiles(void) { return ProfileList; }

size_t stackcap_profile_count(void) { return NumProfiles; }

const char *stackcap_profile_name(size_t i) { return i < NumProfiles ? ProfileNames[i] : nullptr; }

int stackcap_has_profile(const char *name) {
  bool Lean;
  return name && parseProfile(name, Lean);
}

const char *stackcap_rule_title(uint32_t rule) {
  if (rule < static_cast<uint32_t>(Rule::Decode) || rule > static_cast<uint32_t>(Rule::Unsupported))
    return "";
  return ruleTitle(static_cast<Rule>(rule));
}

const char *stackcap_profile_rule_title(const char *profile, uint32_t rule) {
  bool Lean;
  if (!parseProfile(profile, Lean))
    return "";
  if (!Lean)
    return stackcap_rule_title(rule);
  if (rule < static_cast<uint32_t>(LeanRule::Decode) ||
      rule > static_cast<uint32_t>(LeanRule::Unsupported))
    return "";
  return leanRuleTitle(static_cast<LeanRule>(rule));
}

} // extern "C"
