//===- stackcap-verify.cpp - Is a wasm module correctly stack-limited? ----===//
//
// Part of stackcap. Exit codes: 0 verified, 1 instrumentation wrong,
// 2 malformed or unsupported module (or unreadable file), 64 bad usage; with
// several files, the worst of them.
//
//===----------------------------------------------------------------------===//
#include "cli_common.h"
#include "link_map.h"

#include "stackcap/compiler.h"
#include "stackcap/demangle.h"
#include "stackcap/lean.h"
#include "stackcap/verify.h"
#include "stackcap/version_info.h"

#include <cstdarg>
#include <cstdio>
#include <string>
#include <vector>

using namespace stackcap;

static const char Usage[] =
    "usage: stackcap-verify [--profile P] [--limit N] [--json] [--max-errors N]\n"
    "                       [--link-map FILE] [--no-demangle] [--report] FILE.wasm...\n"
    "       stackcap-verify [--profile P] --print-costs [--json] [--no-demangle] FILE.wasm...\n"
    "       stackcap-verify --version\n"
    "\n"
    "Checks that each FILE.wasm is correctly stack-limited under a profile\n"
    "(docs/verifier.md). FILE may be - for standard input.\n"
    "  --profile P       compat (the default; docs/spec/compat.md) or lean\n"
    "                    (docs/spec/lean.md)\n"
    "  --limit N         every check must use limit N (default: the module's own,\n"
    "                    which must be the same at every call)\n"
    "  --json            print a machine-readable report on standard output\n"
    "  --max-errors N    print at most N lines of violations (default 20)\n"
    "  --link-map FILE   wasm-ld -Map=FILE output: name the object that defined\n"
    "                    a function that is called uninstrumented\n"
    "  --no-demangle     print Rust symbols as they are in the name section\n"
    "  --report          (lean) for every export: its static worst case, or the\n"
    "                    recursions that make it unbounded and the depth allowed\n"
    "  --print-costs     print 'INDEX COST NAME' for every defined function (lean:\n"
    "                    'INDEX FRAME checked|covered|free RESERVATION|SUBTREE NAME')\n"
    "  --version         print the stackcap version and the profiles\n"
    "Exit status: 0 verified, 1 instrumentation wrong, 2 malformed or\n"
    "unsupported module or unreadable file, 64 bad usage; with several files,\n"
    "the worst of them.\n";

namespace {

constexpr int ExitVerified = 0, ExitViolations = 1, ExitMalformed = 2;

struct Options {
  VerifyOptions Verify;
  bool Lean = false; // --profile lean
  bool Json = false;
  bool PrintCosts = false;
  bool Report = false; // --report (profile lean)
  uint32_t MaxErrors = 20;
  bool HasLinkMap = false;
  cli::LinkMap Map;
  std::vector<const char *> Paths;
};

std::string hex(uint32_t V) {
  char Buf[16];
  std::snprintf(Buf, sizeof(Buf), "0x%x", V);
  return Buf;
}

std::string displayName(const Options &O, std::string_view Name) {
  return O.Verify.Demangle ? demangleSymbol(Name) : std::string(Name);
}

std::string location(const Module &M, const Violation &V, bool Demangle) {
  std::string S;
  if (V.Func != NoFunction)
    S = cli::printable(describeFunction(M, V.Func, Demangle));
  else
    S = "module";
  if (V.Offset) {
    S += " at offset " + hex(V.Offset);
    if (V.Func != NoFunction && M.CodeSectionOffset && V.Offset >= M.CodeSectionOffset)
      S += " (code section +" + hex(V.Offset - M.CodeSectionOffset) + ")";
  }
  return S;
}

/// The objects the link map says define the callee of an uninstrumented call.
const std::vector<std::string> *definedIn(const Options &O, const Module &M,
                                          const Violation &V) {
  if (!O.HasLinkMap || V.Callee == NoFunction)
    return nullptr;
  std::string_view Name = M.funcName(V.Callee);
  return Name.empty() ? nullptr : O.Map.definedIn(Name);
}


/// Everything known about one file, for the text and JSON reports.
struct FileReport {
  const char *Path;
  bool Unreadable = false;
  std::string IoError;
  cli::FileBytes Bytes; // what M points into
  Module M;
  VerifyReport R;
  LeanReport L; // --profile lean: R holds only the decode result
  int Status = ExitVerified;

  bool malformed() const { return Unreadable || R.Malformed; }
  const char *statusName(bool Costs) const {
    if (Unreadable)
      return "unreadable";
    if (R.Malformed)
      return R.Decode.Unsupported ? "unsupported" : "malformed";
    if (Costs)
      return Status == ExitVerified ? "costs" : "unknown_costs";
    return Status == ExitVerified ? "verified" : "violations";
  }
};

/// Reads and verifies one file. An empty file is a malformed module of its
/// own kind; a missing path or a directory is unreadable.
void run(const Options &O, FileReport &F) {
  cli::FileBytes &Bytes = F.Bytes;
  if (!Bytes.open(F.Path, F.IoError)) {
    F.Unreadable = true;
    F.Status = ExitMalformed;
    return;
  }
  if (Bytes.size() == 0) {
    F.R = VerifyReport();
    F.R.Malformed = true;
    F.R.Decode.Offset = 0;
    F.R.Decode.Message = "empty file, not a wasm module";
    F.Status = ExitMalformed;
    return;
  }
  if (O.Lean) {
    verifyLean(Bytes.data(), Bytes.size(), O.Verify, F.L, &F.M);
    F.R.Malformed = F.L.Malformed;
    F.R.Decode = F.L.Decode;
    if (F.L.Malformed) {
      F.Status = ExitMalformed;
    } else if (O.PrintCosts) {
      F.Status = ExitVerified;
      for (const LeanFunction &LF : F.L.Functions)
        if (!LF.FrameValid)
          F.Status = ExitMalformed;
    } else {
      F.Status = F.L.verified() ? ExitVerified : ExitViolations;
    }
    return;
  }
  verifyModule(Bytes.data(), Bytes.size(), O.Verify, F.R, &F.M);
  if (F.R.Malformed) {
    F.Status = ExitMalformed;
  } else if (O.PrintCosts) {
    F.Status = ExitVerified;
    for (uint8_t Valid : F.R.CostValid)
      if (!Valid)
        F.Status = ExitMalformed;
  } else {
    F.Status = F.R.verified() ? ExitVerified : ExitViolations;
  }
}

void printDecodeError(const FileReport &F) {
  if (F.Unreadable) {
    std::fprintf(stderr, "stackcap-verify: %s\n", cli::printable(F.IoError).c_str());
    return;
  }
  std::fprintf(stderr, "stackcap-verify: %s: %s module at offset 0x%x: %s\n",
               cli::printable(F.Path).c_str(),
               F.R.Decode.Unsupported ? "unsupported" : "malformed", F.R.Decode.Offset,
               cli::printable(F.R.Decode.Message).c_str());
}

void printCostsText(const Options &O, const FileReport &F, bool Header) {
  if (Header)
    std::printf("# %s\n", cli::printable(F.Path).c_str());
  if (F.malformed()) {
    printDecodeError(F);
    return;
  }
  const Module &M = F.M;
  if (O.Lean) {
    for (uint32_t Fn = M.NumImportedFuncs; Fn < M.numFuncs(); ++Fn) {
      const LeanFunction &LF = F.L.Functions[Fn - M.NumImportedFuncs];
      std::string Name = displayName(O, M.funcName(Fn));
      std::printf("%u %s %s %s %s\n", Fn, LF.FrameValid ? std::to_string(LF.Frame).c_str() : "?",
                  LF.Checked ? "checked" : LF.FreeEntry ? "free" : "covered",
                  LF.RequiredValid ? std::to_string(LF.Required).c_str() : "?",
                  Name.empty() ? "-" : cli::printable(Name).c_str());
    }
    if (F.Status)
      std::fprintf(stderr, "stackcap-verify: %s: some frames are unknown ('?'): the module uses "
                           "instructions outside the lean profile\n",
                   cli::printable(F.Path).c_str());
    return;
  }
  for (uint32_t Fn = M.NumImportedFuncs; Fn < M.numFuncs(); ++Fn) {
    size_t I = Fn - M.NumImportedFuncs;
    std::string Name = displayName(O, M.funcName(Fn));
    std::string Cost = F.R.CostValid[I] ? std::to_string(F.R.Costs[I]) : "?";
    std::printf("%u %s %s\n", Fn, Cost.c_str(),
                Name.empty() ? "-" : cli::printable(Name).c_str());
  }
  if (F.Status)
    std::fprintf(stderr, "stackcap-verify: %s: some costs are unknown ('?'): the module uses "
                         "instructions outside the compat profile\n",
                 cli::printable(F.Path).c_str());
}

void printLeanReportText(const Options &O, const FileReport &F) {
  const LeanReport &L = F.L;
  const Module &M = F.M;
  std::string Path = cli::printable(F.Path);
  if (F.Status == ExitVerified) {
    std::printf("%s: verified: profile lean, ", Path.c_str());
    if (L.HasCounter)
      std::printf("limit %u, counter global %u, %u checked functions, %zu covered%s\n", L.Limit,
                  L.CounterGlobal, L.NumChecked, L.Functions.size() - L.NumChecked,
                  L.NumFree ? (" (" + std::to_string(L.NumFree) + " free entries, worst case " +
                               std::to_string(L.FreeBound) + ")").c_str()
                            : "");
    else
      std::printf("no function reserves (%zu covered%s)\n", L.Functions.size(),
                  L.NumFree ? (", " + std::to_string(L.NumFree) + " free entries, worst case " +
                               std::to_string(L.FreeBound))
                                  .c_str()
                            : "");
    if (O.Report)
      for (const LeanExportBound &B : leanExportBounds(M, L)) {
        std::string Who = "export \"" + cli::printable(B.Name) + "\" (" +
                          cli::printable(describeFunction(M, B.Func, O.Verify.Demangle)) + ")";
        if (B.Bounded) {
          std::printf("  %s: bounded: worst case %llu of the limit %u\n", Who.c_str(),
                      static_cast<unsigned long long>(B.WorstCase), L.Limit);
          continue;
        }
        std::printf("  %s: unbounded: it reaches %zu recursion%s\n", Who.c_str(), B.Cycles.size(),
                    B.Cycles.size() == 1 ? "" : "s");
        for (const LeanCycle &Cy : B.Cycles) {
          std::string Fs;
          for (uint32_t Fn : Cy.Functions)
            Fs += (Fs.empty() ? "" : ", ") + cli::printable(describeFunction(M, Fn, O.Verify.Demangle));
          std::printf("    through %s: each call reserves at least %u, so at most %llu nested "
                      "calls under the limit %u\n",
                      Fs.c_str(), Cy.MinReservation, static_cast<unsigned long long>(Cy.MaxDepth),
                      L.Limit);
        }
      }
    return;
  }
  std::printf("%s: NOT verified (profile lean): %llu violation%s\n", Path.c_str(),
              static_cast<unsigned long long>(L.NumViolations), L.NumViolations == 1 ? "" : "s");
  uint64_t Shown = 0;
  for (const LeanViolation &V : L.Violations) {
    if (Shown == O.MaxErrors)
      break;
    ++Shown;
    Violation Where{Rule::Decode, V.Func, V.Offset, std::string(), NoFunction};
    std::printf("  %s: rule %d (%s): %s\n", location(M, Where, O.Verify.Demangle).c_str(),
                static_cast<int>(V.R), leanRuleTitle(V.R), cli::printable(V.Message).c_str());
  }
  if (L.NumViolations > Shown)
    std::printf("  ... and %llu more\n", static_cast<unsigned long long>(L.NumViolations - Shown));
}

void printReportText(const Options &O, const FileReport &F) {
  if (F.malformed()) {
    printDecodeError(F);
    return;
  }
  if (O.Lean) {
    printLeanReportText(O, F);
    return;
  }
  const VerifyReport &R = F.R;
  const Module &M = F.M;
  std::string Path = cli::printable(F.Path);
  if (F.Status == ExitVerified) {
    std::printf("%s: verified: ", Path.c_str());
    if (R.HasCounter)
      std::printf("limit %u, counter global %u, %llu instrumented calls, %u thunks\n", R.Limit,
                  R.CounterGlobal, static_cast<unsigned long long>(R.NumInstrumentedCalls),
                  R.NumThunks);
    else
      std::printf("no defined function is called or entered\n");
    return;
  }
  std::printf("%s: NOT verified: %llu violation%s\n", Path.c_str(),
              static_cast<unsigned long long>(R.NumViolations), R.NumViolations == 1 ? "" : "s");
  // A run of violations with the same rule and message (a wrong limit at
  // every call, say) is one line: the first place, and how many more.
  uint64_t Lines = 0, Covered = 0;
  const std::vector<Violation> &Vs = R.Violations;
  for (size_t I = 0; I < Vs.size() && Lines < O.MaxErrors; ++Lines) {
    const Violation &V = Vs[I];
    size_t Run = 1;
    while (I + Run < Vs.size() && Vs[I + Run].R == V.R && Vs[I + Run].Message == V.Message)
      ++Run;
    std::string Loc = location(M, V, O.Verify.Demangle);
    if (Run > 1)
      Loc += " and " + std::to_string(Run - 1) + " more place" + (Run == 2 ? "" : "s");
    std::string Msg = V.Message;
    if (const std::vector<std::string> *Objs = definedIn(O, M, V))
      Msg += " (it was linked from " + cli::LinkMap::joinObjects(*Objs) + ")";
    std::printf("  %s: rule %d (%s): %s\n", Loc.c_str(), static_cast<int>(V.R), ruleTitle(V.R),
                cli::printable(Msg).c_str());
    I += Run;
    Covered += Run;
  }
  if (R.NumViolations > Covered)
    std::printf("  ... and %llu more\n",
                static_cast<unsigned long long>(R.NumViolations - Covered));
}

std::string jsonVerifier(const Options &O) {
  return std::string("{\"version\": ") + cli::jsonString(versionNumber()) +
         ", \"git\": " + cli::jsonString(gitRevision()) +
         ", \"profile\": " + cli::jsonString(O.Lean ? "lean" : "compat") + "}";
}

std::string jsonName(const std::string &Name) {
  return Name.empty() ? std::string("null") : cli::jsonString(Name);
}

/// The lean part of a file's JSON report.
std::string jsonLean(const Options &O, const FileReport &F, const std::string &In) {
  const LeanReport &L = F.L;
  const Module &M = F.M;
  std::string S = ",\n" + In + "  \"profile\": \"lean\"";
  S += ",\n" + In + "  \"counter_global\": " +
       (L.HasCounter ? std::to_string(L.CounterGlobal) : "null");
  S += ",\n" + In + "  \"limit\": " + (L.HasCounter || L.Limit ? std::to_string(L.Limit) : "null");
  S += ",\n" + In + "  \"free_entries\": " + std::to_string(L.NumFree);
  S += ",\n" + In + "  \"free_bound\": " + std::to_string(L.FreeBound);
  S += ",\n" + In + "  \"functions\": [";
  for (uint32_t Fn = M.NumImportedFuncs; Fn < M.numFuncs(); ++Fn) {
    const LeanFunction &LF = L.Functions[Fn - M.NumImportedFuncs];
    std::string Name(M.funcName(Fn));
    S += Fn == M.NumImportedFuncs ? "\n" : ",\n";
    S += In + "    {\"index\": " + std::to_string(Fn) +
         ", \"frame\": " + (LF.FrameValid ? std::to_string(LF.Frame) : std::string("null")) +
         ", \"checked\": " + (LF.Checked ? "true" : "false") +
         (LF.FreeEntry ? ", \"free\": true" : "") +
         ", \"" + (LF.Checked ? "reservation" : "subtree") + "\": " +
         (LF.RequiredValid ? std::to_string(LF.Required) : std::string("null")) +
         ", \"name\": " + jsonName(Name) +
         ", \"demangled\": " + jsonName(Name.empty() ? Name : displayName(O, Name)) + "}";
  }
  S += M.numFuncs() > M.NumImportedFuncs ? "\n" + In + "  ]" : "]";
  if (O.PrintCosts)
    return S;
  if (O.Report && L.verified()) {
    S += ",\n" + In + "  \"exports\": [";
    bool FirstB = true;
    for (const LeanExportBound &B : leanExportBounds(M, L)) {
      S += FirstB ? "\n" : ",\n";
      FirstB = false;
      S += In + "    {\"name\": " + cli::jsonString(B.Name) + ", \"function\": " +
           std::to_string(B.Func) + ", \"bounded\": " + (B.Bounded ? "true" : "false");
      if (B.Bounded) {
        S += ", \"worst_case\": " + std::to_string(B.WorstCase) + "}";
        continue;
      }
      S += ", \"cycles\": [";
      for (size_t K = 0; K < B.Cycles.size(); ++K) {
        const LeanCycle &Cy = B.Cycles[K];
        S += std::string(K ? ", " : "") + "{\"functions\": [";
        for (size_t J = 0; J < Cy.Functions.size(); ++J)
          S += (J ? ", " : "") + std::to_string(Cy.Functions[J]);
        S += "], \"min_reservation\": " + std::to_string(Cy.MinReservation) +
             ", \"max_depth\": " + std::to_string(Cy.MaxDepth) + "}";
      }
      S += "]}";
    }
    S += FirstB ? "]" : "\n" + In + "  ]";
  }
  S += ",\n" + In + "  \"violation_count\": " + std::to_string(L.NumViolations);
  S += ",\n" + In + "  \"violations\": [";
  bool First = true;
  for (const LeanViolation &V : L.Violations) {
    S += First ? "\n" : ",\n";
    First = false;
    std::string Name = V.Func == NoFunction ? std::string() : std::string(M.funcName(V.Func));
    S += In + "    {\"rule\": " + std::to_string(static_cast<int>(V.R)) + ", \"function\": " +
         (V.Func == NoFunction ? std::string("null") : std::to_string(V.Func)) +
         ", \"name\": " + jsonName(Name) + ", \"offset\": " + std::to_string(V.Offset) +
         ", \"message\": " + cli::jsonString(V.Message) + "}";
  }
  S += First ? "]" : "\n" + In + "  ]";
  return S;
}

/// One file's report as a JSON object, its lines indented by \p In, without
/// the closing brace (the caller may add fields).
std::string jsonFile(const Options &O, const FileReport &F, const std::string &In) {
  std::string S = "{\n" + In + "  \"file\": " + cli::jsonString(F.Path);
  S += ",\n" + In + "  \"status\": " + cli::jsonString(F.statusName(O.PrintCosts));
  if (F.Unreadable) {
    S += ",\n" + In + "  \"error\": {\"offset\": null, \"message\": " +
         cli::jsonString(F.IoError) + "}";
    return S;
  }
  const VerifyReport &R = F.R;
  const Module &M = F.M;
  if (R.Malformed) {
    S += ",\n" + In + "  \"error\": {\"offset\": " + std::to_string(R.Decode.Offset) +
         ", \"message\": " + cli::jsonString(R.Decode.Message) + "}";
    return S;
  }
  if (O.Lean)
    return S + jsonLean(O, F, In);
  if (O.PrintCosts) {
    S += ",\n" + In + "  \"functions\": [";
    for (uint32_t Fn = M.NumImportedFuncs; Fn < M.numFuncs(); ++Fn) {
      size_t I = Fn - M.NumImportedFuncs;
      std::string Name(M.funcName(Fn));
      S += Fn == M.NumImportedFuncs ? "\n" : ",\n";
      S += In + "    {\"index\": " + std::to_string(Fn) + ", \"cost\": " +
           (R.CostValid[I] ? std::to_string(R.Costs[I]) : std::string("null")) +
           ", \"name\": " + jsonName(Name) +
           ", \"demangled\": " + jsonName(Name.empty() ? Name : displayName(O, Name)) + "}";
    }
    S += M.numFuncs() > M.NumImportedFuncs ? "\n" + In + "  ]" : "]";
    return S;
  }
  S += ",\n" + In + "  \"counter_global\": " +
       (R.HasCounter ? std::to_string(R.CounterGlobal) : "null");
  S += ",\n" + In + "  \"limit\": " + (R.HasLimit ? std::to_string(R.Limit) : "null");
  S += ",\n" + In + "  \"instrumented_calls\": " + std::to_string(R.NumInstrumentedCalls);
  S += ",\n" + In + "  \"thunk_calls\": " + std::to_string(R.NumThunkCalls);
  S += ",\n" + In + "  \"thunks\": [";
  bool First = true;
  for (size_t I = 0; I < R.ThunkTarget.size(); ++I) {
    if (R.ThunkTarget[I] == NoFunction)
      continue;
    S += First ? "\n" : ",\n";
    First = false;
    S += In + "    {\"function\": " + std::to_string(I + M.NumImportedFuncs) +
         ", \"wraps\": " + std::to_string(R.ThunkTarget[I]) + "}";
  }
  S += First ? "]" : "\n" + In + "  ]";
  S += ",\n" + In + "  \"violation_count\": " + std::to_string(R.NumViolations);
  S += ",\n" + In + "  \"violations\": [";
  First = true;
  for (const Violation &V : R.Violations) {
    S += First ? "\n" : ",\n";
    First = false;
    S += In + "    {\"rule\": " + std::to_string(static_cast<int>(V.R));
    S += ", \"function\": " + (V.Func == NoFunction ? std::string("null") : std::to_string(V.Func));
    std::string Name = V.Func == NoFunction ? std::string() : std::string(M.funcName(V.Func));
    S += ", \"name\": " + jsonName(Name);
    S += ", \"offset\": " + std::to_string(V.Offset);
    S += ", \"message\": " + cli::jsonString(V.Message);
    if (V.Callee != NoFunction) {
      S += ", \"callee\": " + std::to_string(V.Callee);
      if (const std::vector<std::string> *Objs = definedIn(O, M, V)) {
        S += ", \"defined_in\": [";
        for (size_t K = 0; K < Objs->size(); ++K)
          S += (K ? ", " : "") + cli::jsonString((*Objs)[K]);
        S += "]";
      }
    }
    S += "}";
  }
  S += First ? "]" : "\n" + In + "  ]";
  return S;
}

STACKCAP_PRINTF(1, 2) int usageError(const char *Fmt, ...) {
  std::fprintf(stderr, "stackcap-verify: ");
  va_list Ap;
  va_start(Ap, Fmt);
  std::vfprintf(stderr, Fmt, Ap);
  va_end(Ap);
  std::fprintf(stderr, "\n%s", Usage);
  return cli::ExitUsage;
}

} // namespace

int main(int Argc, char **Argv) {
  Options O;
  const char *LinkMapPath = nullptr;
  bool HasMaxErrors = false, Stdin = false;
  for (int I = 1; I < Argc; ++I) {
    const char *A = Argv[I], *V;
    if (cli::answersHelpOrVersion(A, Usage)) {
      return 0;
    } else if (!std::strcmp(A, "--json")) {
      O.Json = true;
    } else if (!std::strcmp(A, "--report")) {
      O.Report = true;
    } else if (!std::strcmp(A, "--print-costs")) {
      O.PrintCosts = true;
    } else if (cli::optionValue(Argc, Argv, I, "--profile", V)) {
      if (V && !std::strcmp(V, "lean"))
        O.Lean = true;
      else if (!V || std::strcmp(V, "compat"))
        return usageError("--profile takes compat or lean, not '%s'", V ? V : "");
    } else if (!std::strcmp(A, "--no-demangle")) {
      O.Verify.Demangle = false;
    } else if (cli::optionValue(Argc, Argv, I, "--limit", V)) {
      if (!cli::parseU32(V, O.Verify.Limit)) {
        std::fprintf(stderr, "stackcap-verify: --limit needs a number from 0 to 4294967295\n");
        return cli::ExitUsage;
      }
      O.Verify.HasLimit = true;
    } else if (cli::optionValue(Argc, Argv, I, "--max-errors", V)) {
      if (!cli::parseU32(V, O.MaxErrors)) {
        std::fprintf(stderr, "stackcap-verify: --max-errors needs a number\n");
        return cli::ExitUsage;
      }
      HasMaxErrors = true;
    } else if (cli::optionValue(Argc, Argv, I, "--link-map", V)) {
      if (!V || !*V) {
        std::fprintf(stderr, "stackcap-verify: --link-map needs a file name\n");
        return cli::ExitUsage;
      }
      LinkMapPath = V;
    } else if (A[0] == '-' && A[1] != '\0') {
      return usageError("unknown option '%s'", A);
    } else {
      if (!std::strcmp(A, "-")) {
        if (Stdin)
          return usageError("standard input (-) can be read only once");
        Stdin = true;
      }
      O.Paths.push_back(A);
    }
  }
  if (O.Paths.empty()) {
    std::fputs(Usage, stderr);
    return cli::ExitUsage;
  }
  // --print-costs checks nothing: options that change checks or their report
  // would be silently ignored.
  if (O.PrintCosts) {
    if (O.Verify.HasLimit)
      return usageError("--print-costs does not take %s", "--limit");
    if (HasMaxErrors)
      return usageError("--print-costs does not take %s", "--max-errors");
    if (LinkMapPath)
      return usageError("--print-costs does not take %s", "--link-map");
  }
  if (O.Lean && LinkMapPath)
    return usageError("--profile lean does not take %s", "--link-map");
  if (O.Report && !O.Lean)
    return usageError("--report needs %s (compat bounds every call by its own check)",
                      "--profile lean");
  if (O.Report && O.PrintCosts)
    return usageError("--report does not take %s", "--print-costs");
  if (LinkMapPath) {
    std::vector<uint8_t> Text;
    std::string Error;
    if (!cli::readFile(LinkMapPath, Text, Error)) {
      std::fprintf(stderr, "stackcap-verify: --link-map: %s\n", Error.c_str());
      return ExitMalformed;
    }
    if (!O.Map.parse(std::string_view(reinterpret_cast<const char *>(Text.data()), Text.size()))) {
      std::fprintf(stderr, "stackcap-verify: --link-map: %s is not a wasm-ld link map\n",
                   LinkMapPath);
      return ExitMalformed;
    }
    O.HasLinkMap = true;
  }

  int Worst = ExitVerified;
  bool Several = O.Paths.size() > 1;
  std::string Json;
  if (O.Json && Several)
    Json = "{\n  \"verifier\": " + jsonVerifier(O) + ",\n  \"files\": [";
  for (size_t I = 0; I < O.Paths.size(); ++I) {
    FileReport F;
    F.Path = O.Paths[I];
    run(O, F);
    if (F.Status > Worst)
      Worst = F.Status;
    if (O.Json) {
      if (Several) {
        Json += (I ? ",\n    " : "\n    ") + jsonFile(O, F, "    ") + "\n    }";
      } else {
        Json = jsonFile(O, F, "") + ",\n  \"verifier\": " + jsonVerifier(O) + "\n}\n";
      }
    } else if (O.PrintCosts) {
      printCostsText(O, F, Several);
    } else {
      printReportText(O, F);
    }
  }
  if (O.Json) {
    if (Several)
      Json += "\n  ],\n  \"exit_status\": " + std::to_string(Worst) + "\n}\n";
    std::fputs(Json.c_str(), stdout);
  }
  return Worst;
}
