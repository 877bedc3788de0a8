//===- stackcap-verify.cpp - Is a wasm module correctly stack-limited? ----===//
//
// Part of stackcap. Exit codes: 0 verified, 1 instrumentation wrong,
// 2 malformed or unsupported module (or unreadable file), 64 bad usage.
//
//===----------------------------------------------------------------------===//
#include "cli_common.h"

#include "stackcap/verify.h"

#include <cstdio>
#include <string>

using namespace stackcap;

static const char Usage[] =
    "usage: stackcap-verify [--limit N] [--json] [--max-errors N] FILE.wasm\n"
    "       stackcap-verify --print-costs FILE.wasm\n"
    "\n"
    "Checks that FILE.wasm is correctly stack-limited under profile compat\n"
    "(docs/verifier.md). FILE may be - for standard input.\n"
    "  --limit N       every check must use limit N (default: the module's own,\n"
    "                  which must be the same at every call)\n"
    "  --json          print a machine-readable report on standard output\n"
    "  --max-errors N  print at most N violations in full (default 20)\n"
    "  --print-costs   print 'INDEX COST NAME' for every defined function\n"
    "Exit status: 0 verified, 1 instrumentation wrong, 2 malformed or\n"
    "unsupported module, 64 bad usage.\n";

static std::string hex(uint32_t V) {
  char Buf[16];
  std::snprintf(Buf, sizeof(Buf), "0x%x", V);
  return Buf;
}

static std::string location(const Module &M, const Violation &V) {
  std::string S;
  if (V.Func != NoFunction)
    S = cli::printable(describeFunction(M, V.Func));
  else
    S = "module";
  if (V.Offset) {
    S += " at offset " + hex(V.Offset);
    if (V.Func != NoFunction && M.CodeSectionOffset && V.Offset >= M.CodeSectionOffset)
      S += " (code section +" + hex(V.Offset - M.CodeSectionOffset) + ")";
  }
  return S;
}

static int printCosts(const Module &M, const VerifyReport &R, const char *Path) {
  if (R.Malformed) {
    std::fprintf(stderr, "stackcap-verify: %s: %s module at offset 0x%x: %s\n", Path,
                 R.Decode.Unsupported ? "unsupported" : "malformed", R.Decode.Offset,
                 cli::printable(R.Decode.Message).c_str());
    return 2;
  }
  int Status = 0;
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F) {
    size_t I = F - M.NumImportedFuncs;
    std::string Name(M.funcName(F));
    std::string Cost = R.CostValid[I] ? std::to_string(R.Costs[I]) : "?";
    std::printf("%u %s %s\n", F, Cost.c_str(),
                Name.empty() ? "-" : cli::printable(Name).c_str());
    if (!R.CostValid[I])
      Status = 2;
  }
  if (Status)
    std::fprintf(stderr, "stackcap-verify: %s: some costs are unknown ('?'): the module uses "
                         "instructions outside the compat profile\n", Path);
  return Status;
}

static void printJson(const Module &M, const VerifyReport &R, const char *Path, int Status) {
  static const char *StatusNames[] = {"verified", "violations", "malformed"};
  std::string S = "{\n  \"file\": " + cli::jsonString(Path);
  S += ",\n  \"status\": " + cli::jsonString(R.Malformed && R.Decode.Unsupported
                                                  ? "unsupported"
                                                  : StatusNames[Status]);
  if (R.Malformed) {
    S += ",\n  \"error\": {\"offset\": " + std::to_string(R.Decode.Offset) +
         ", \"message\": " + cli::jsonString(R.Decode.Message) + "}\n}\n";
    std::fputs(S.c_str(), stdout);
    return;
  }
  S += ",\n  \"counter_global\": " + (R.HasCounter ? std::to_string(R.CounterGlobal) : "null");
  S += ",\n  \"limit\": " + (R.HasLimit ? std::to_string(R.Limit) : "null");
  S += ",\n  \"instrumented_calls\": " + std::to_string(R.NumInstrumentedCalls);
  S += ",\n  \"thunk_calls\": " + std::to_string(R.NumThunkCalls);
  S += ",\n  \"thunks\": [";
  bool First = true;
  for (size_t I = 0; I < R.ThunkTarget.size(); ++I) {
    if (R.ThunkTarget[I] == NoFunction)
      continue;
    S += First ? "\n    " : ",\n    ";
    First = false;
    S += "{\"function\": " + std::to_string(I + M.NumImportedFuncs) +
         ", \"wraps\": " + std::to_string(R.ThunkTarget[I]) + "}";
  }
  S += First ? "]" : "\n  ]";
  S += ",\n  \"violation_count\": " + std::to_string(R.NumViolations);
  S += ",\n  \"violations\": [";
  First = true;
  for (const Violation &V : R.Violations) {
    S += First ? "\n    " : ",\n    ";
    First = false;
    S += "{\"rule\": " + std::to_string(static_cast<int>(V.R));
    S += ", \"function\": " + (V.Func == NoFunction ? std::string("null") : std::to_string(V.Func));
    std::string Name = V.Func == NoFunction ? std::string() : std::string(M.funcName(V.Func));
    S += ", \"name\": " + (Name.empty() ? std::string("null") : cli::jsonString(Name));
    S += ", \"offset\": " + std::to_string(V.Offset);
    S += ", \"message\": " + cli::jsonString(V.Message) + "}";
  }
  S += First ? "]\n}\n" : "\n  ]\n}\n";
  std::fputs(S.c_str(), stdout);
}

int main(int Argc, char **Argv) {
  VerifyOptions Opts;
  bool Json = false, PrintCosts = false;
  uint32_t MaxErrors = 20;
  const char *Path = nullptr;
  for (int I = 1; I < Argc; ++I) {
    const char *A = Argv[I], *V;
    if (!std::strcmp(A, "--help") || !std::strcmp(A, "-h")) {
      std::fputs(Usage, stdout);
      return 0;
    } else if (!std::strcmp(A, "--json")) {
      Json = true;
    } else if (!std::strcmp(A, "--print-costs")) {
      PrintCosts = true;
    } else if (cli::optionValue(Argc, Argv, I, "--limit", V)) {
      if (!cli::parseU32(V, Opts.Limit)) {
        std::fprintf(stderr, "stackcap-verify: --limit needs a number from 0 to 4294967295\n");
        return cli::ExitUsage;
      }
      Opts.HasLimit = true;
    } else if (cli::optionValue(Argc, Argv, I, "--max-errors", V)) {
      if (!cli::parseU32(V, MaxErrors)) {
        std::fprintf(stderr, "stackcap-verify: --max-errors needs a number\n");
        return cli::ExitUsage;
      }
    } else if (A[0] == '-' && A[1] != '\0') {
      std::fprintf(stderr, "stackcap-verify: unknown option '%s'\n%s", A, Usage);
      return cli::ExitUsage;
    } else if (Path) {
      std::fprintf(stderr, "stackcap-verify: one module at a time\n%s", Usage);
      return cli::ExitUsage;
    } else {
      Path = A;
    }
  }
  if (!Path) {
    std::fputs(Usage, stderr);
    return cli::ExitUsage;
  }
  cli::FileBytes Bytes;
  std::string Error;
  if (!Bytes.open(Path, Error)) {
    std::fprintf(stderr, "stackcap-verify: %s\n", Error.c_str());
    return 2;
  }
  Module M;
  VerifyReport R;
  verifyModule(Bytes.data(), Bytes.size(), Opts, R, &M);
  if (PrintCosts)
    return printCosts(M, R, Path);

  int Status = R.Malformed ? 2 : R.verified() ? 0 : 1;
  if (Json) {
    printJson(M, R, Path, Status);
    return Status;
  }
  if (R.Malformed) {
    std::fprintf(stderr, "stackcap-verify: %s: %s module at offset 0x%x: %s\n", Path,
                 R.Decode.Unsupported ? "unsupported" : "malformed", R.Decode.Offset,
                 cli::printable(R.Decode.Message).c_str());
    return 2;
  }
  if (Status == 0) {
    std::printf("%s: verified: ", Path);
    if (R.HasCounter)
      std::printf("limit %u, counter global %u, %llu instrumented calls, %u thunks\n", R.Limit,
                  R.CounterGlobal, static_cast<unsigned long long>(R.NumInstrumentedCalls),
                  R.NumThunks);
    else
      std::printf("no defined function is called or entered\n");
    return 0;
  }
  std::printf("%s: NOT verified: %llu violation%s\n", Path,
              static_cast<unsigned long long>(R.NumViolations), R.NumViolations == 1 ? "" : "s");
  uint64_t Shown = 0;
  for (const Violation &V : R.Violations) {
    if (Shown == MaxErrors)
      break;
    ++Shown;
    std::printf("  %s: rule %d (%s): %s\n", location(M, V).c_str(), static_cast<int>(V.R),
                ruleTitle(V.R), cli::printable(V.Message).c_str());
  }
  if (R.NumViolations > Shown)
    std::printf("  ... and %llu more\n",
                static_cast<unsigned long long>(R.NumViolations - Shown));
  return 1;
}
