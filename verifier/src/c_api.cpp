//===- c_api.cpp - C API of the stackcap verifier -------------------------===//
//
// Part of stackcap. Every entry point catches all exceptions (out of memory
// above all): nothing may unwind into a C caller.
//
//===----------------------------------------------------------------------===//
#include "stackcap/stackcap_verify.h"

#include "stackcap/demangle.h"
#include "stackcap/instrument.h"
#include "stackcap/verify.h"
#include "stackcap/version_info.h"

#include <cstdlib>
#include <cstring>
#include <memory>
#include <new>
#include <string>
#include <vector>

using namespace stackcap;

struct stackcap_report {
  int Status = STACKCAP_ERROR;
  uint32_t NumImportedFuncs = 0;
  uint32_t NumFuncs = 0;
  VerifyReport Report;
  // Function names from the name section (demangled), by function index:
  // the module's bytes are the caller's, so the report keeps copies.
  std::vector<std::string> Names;
};

namespace {

// The profiles, split once from the space-separated list.
const std::vector<std::string> &profileList() {
  static const std::vector<std::string> List = [] {
    std::vector<std::string> L;
    std::string All = profiles(), Cur;
    for (char C : All) {
      if (C == ' ') {
        if (!Cur.empty())
          L.push_back(Cur);
        Cur.clear();
      } else {
        Cur += C;
      }
    }
    if (!Cur.empty())
      L.push_back(Cur);
    return L;
  }();
  return List;
}

const char *nameOf(const stackcap_report *r, uint32_t Func) {
  if (!r || Func >= r->Names.size())
    return "";
  return r->Names[Func].c_str();
}

} // namespace

extern "C" {

int stackcap_verify(const uint8_t *bytes, size_t len, const uint32_t *limit,
                    stackcap_report **report) {
  if (report)
    *report = nullptr;
  if (!bytes && len)
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
    verifyModule(bytes ? bytes : Empty, len, Opts, R->Report, &M);
    R->NumImportedFuncs = M.NumImportedFuncs;
    if (!R->Report.Malformed) {
      R->NumFuncs = M.numFuncs();
      R->Names.resize(M.FuncNames.size());
      for (size_t F = 0; F < M.FuncNames.size(); ++F)
        if (!M.FuncNames[F].empty())
          R->Names[F] = demangleSymbol(M.FuncNames[F]);
    } else {
      R->NumImportedFuncs = 0;
    }
    R->Status = R->Report.Malformed      ? STACKCAP_MALFORMED
                : R->Report.verified()   ? STACKCAP_VERIFIED
                                         : STACKCAP_VIOLATIONS;
    int Status = R->Status;
    if (report)
      *report = R.release();
    return Status;
  } catch (...) {
    return STACKCAP_ERROR;
  }
}

int stackcap_report_status(const stackcap_report *r) { return r ? r->Status : STACKCAP_ERROR; }

const char *stackcap_report_error(const stackcap_report *r) {
  return r && r->Report.Malformed ? r->Report.Decode.Message.c_str() : "";
}

uint32_t stackcap_report_error_offset(const stackcap_report *r) {
  return r && r->Report.Malformed ? r->Report.Decode.Offset : 0;
}

int stackcap_report_has_counter(const stackcap_report *r) { return r && r->Report.HasCounter; }

uint32_t stackcap_report_counter_global(const stackcap_report *r) {
  return r && r->Report.HasCounter ? r->Report.CounterGlobal : 0;
}

uint32_t stackcap_report_limit(const stackcap_report *r) { return r ? r->Report.Limit : 0; }

uint64_t stackcap_report_instrumented_calls(const stackcap_report *r) {
  return r ? r->Report.NumInstrumentedCalls : 0;
}

uint32_t stackcap_report_thunks(const stackcap_report *r) { return r ? r->Report.NumThunks : 0; }

uint64_t stackcap_report_violation_count(const stackcap_report *r) {
  return r ? r->Report.NumViolations : 0;
}

size_t stackcap_report_violations_kept(const stackcap_report *r) {
  return r ? r->Report.Violations.size() : 0;
}

int stackcap_report_violation(const stackcap_report *r, size_t i, uint32_t *rule,
                              uint32_t *func, uint32_t *offset, const char **message) {
  if (!r || i >= r->Report.Violations.size())
    return 0;
  const Violation &V = r->Report.Violations[i];
  if (rule)
    *rule = static_cast<uint32_t>(V.R);
  if (func)
    *func = V.Func;
  if (offset)
    *offset = V.Offset;
  if (message)
    *message = V.Message.c_str();
  return 1;
}

const char *stackcap_report_violation_function_name(const stackcap_report *r, size_t i) {
  if (!r || i >= r->Report.Violations.size())
    return "";
  return nameOf(r, r->Report.Violations[i].Func);
}

uint32_t stackcap_report_violation_callee(const stackcap_report *r, size_t i) {
  if (!r || i >= r->Report.Violations.size())
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
  if (!r || func < r->NumImportedFuncs)
    return 0;
  size_t I = func - r->NumImportedFuncs;
  if (I >= r->Report.Costs.size() || !r->Report.CostValid[I])
    return 0;
  if (cost)
    *cost = r->Report.Costs[I];
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

const char *stackcap_profiles(void) { return profiles(); }

size_t stackcap_profile_count(void) {
  try {
    return profileList().size();
  } catch (...) {
    return 0;
  }
}

const char *stackcap_profile_name(size_t i) {
  try {
    const std::vector<std::string> &L = profileList();
    return i < L.size() ? L[i].c_str() : nullptr;
  } catch (...) {
    return nullptr;
  }
}

int stackcap_has_profile(const char *name) {
  if (!name)
    return 0;
  try {
    for (const std::string &P : profileList())
      if (P == name)
        return 1;
  } catch (...) {
  }
  return 0;
}

const char *stackcap_rule_title(uint32_t rule) {
  if (rule < static_cast<uint32_t>(Rule::Decode) || rule > static_cast<uint32_t>(Rule::Unsupported))
    return "";
  return ruleTitle(static_cast<Rule>(rule));
}

} // extern "C"
