//===- stackcap-instrument.cpp - Reference post-link instrumenter ---------===//
//
// Part of stackcap. Exit codes: 0 written, 2 malformed or unsupported input
// (or I/O failure), 64 bad usage.
//
//===----------------------------------------------------------------------===//
#include "cli_common.h"

#include "stackcap/instrument.h"
#include "stackcap/lean_shadow.h"

#include <cstdio>

using namespace stackcap;

static const char Usage[] =
    "usage: stackcap-instrument --limit N IN.wasm -o OUT.wasm\n"
    "       stackcap-instrument --entries-only [--limit N] IN.wasm -o OUT.wasm\n"
    "\n"
    "Instruments a linked module the way wasm-instrument 0.4's stack limiter\n"
    "does (profile compat, docs/verifier.md): a counter global, every call to a\n"
    "defined function wrapped with the callee's cost, thunks for exports, table\n"
    "entries, the start function and ref.func.\n"
    "\n"
    "--entries-only completes a module the stackcap compiler plugin built: it\n"
    "sets the placeholders written for the link step (the limit of code built\n"
    "for every limit, the costs of functions the linker makes) to --limit N\n"
    "and the real costs, and adds thunks for entry points the linker made (an exported\n"
    "__wasm_call_ctors, for example), with the module's own counter and limit,\n"
    "and copies every existing function body byte for byte (DWARF stays valid).\n"
    "\n"
    "--lean-shadow (a test instrument) adds to a module that verifies under\n"
    "profile lean an exact account of the sum of its active frames, which traps\n"
    "with an integer division by zero if that sum ever exceeds what the counter\n"
    "has reserved (docs/spec/lean.md, section 5). --unverified shadows a module\n"
    "that does not verify, to test the shadow itself.\n";

int main(int Argc, char **Argv) {
  uint32_t Limit = 0;
  bool HasLimit = false;
  InstrumentOptions Opts;
  bool Shadow = false, Unverified = false;
  const char *In = nullptr, *Out = nullptr;
  for (int I = 1; I < Argc; ++I) {
    const char *A = Argv[I], *V;
    if (cli::answersHelpOrVersion(A, Usage)) {
      return 0;
    } else if (cli::optionValue(Argc, Argv, I, "--limit", V)) {
      if (!cli::parseU32(V, Limit)) {
        std::fprintf(stderr, "stackcap-instrument: --limit needs a number from 0 to 4294967295\n");
        return cli::ExitUsage;
      }
      HasLimit = true;
    } else if (!std::strcmp(A, "--entries-only")) {
      Opts.EntriesOnly = true;
    } else if (!std::strcmp(A, "--lean-shadow")) {
      Shadow = true;
    } else if (!std::strcmp(A, "--unverified")) {
      Unverified = true;
    } else if (cli::optionValue(Argc, Argv, I, "-o", V)) {
      if (!V) {
        std::fprintf(stderr, "stackcap-instrument: -o needs a file name\n");
        return cli::ExitUsage;
      }
      Out = V;
    } else if (A[0] == '-' && A[1] != '\0') {
      std::fprintf(stderr, "stackcap-instrument: unknown option '%s'\n%s", A, Usage);
      return cli::ExitUsage;
    } else if (In) {
      std::fprintf(stderr, "stackcap-instrument: one input module at a time\n%s", Usage);
      return cli::ExitUsage;
    } else {
      In = A;
    }
  }
  if (Shadow && (HasLimit || Opts.EntriesOnly)) {
    std::fprintf(stderr, "stackcap-instrument: --lean-shadow takes no --limit (the module's "
                         "counter holds it) and no --entries-only\n");
    return cli::ExitUsage;
  }
  if (Unverified && !Shadow) {
    std::fprintf(stderr, "stackcap-instrument: --unverified needs --lean-shadow\n");
    return cli::ExitUsage;
  }
  if (!In || !Out || (!HasLimit && !Opts.EntriesOnly && !Shadow)) {
    std::fputs(Usage, stderr);
    return cli::ExitUsage;
  }
  std::vector<uint8_t> Bytes;
  std::string Error;
  if (!cli::readFile(In, Bytes, Error)) {
    std::fprintf(stderr, "stackcap-instrument: %s\n", Error.c_str());
    return 2;
  }
  Opts.LimitGiven = HasLimit;
  InstrumentResult R;
  if (Shadow) {
    ShadowResult SR = shadowLeanModule(Bytes.data(), Bytes.size(), Unverified);
    R.Ok = SR.Ok;
    R.Error = SR.Error;
    R.Output.swap(SR.Output);
  } else {
    R = instrumentModule(Bytes.data(), Bytes.size(), Limit, Opts);
  }
  if (!R.Ok) {
    std::fprintf(stderr, "stackcap-instrument: %s: %s\n", In, cli::printable(R.Error).c_str());
    return 2;
  }
  if (R.DroppedDebugInfo)
    std::fprintf(stderr, "stackcap-instrument: warning: %s: DWARF sections dropped: function "
                         "bodies moved, so their code offsets no longer hold\n", In);
  FILE *F = std::strcmp(Out, "-") == 0 ? stdout : std::fopen(Out, "wb");
  if (!F) {
    std::fprintf(stderr, "stackcap-instrument: cannot write %s: %s\n", Out, std::strerror(errno));
    return 2;
  }
  bool Ok = std::fwrite(R.Output.data(), 1, R.Output.size(), F) == R.Output.size();
  Ok = (F == stdout ? std::fflush(F) == 0 : std::fclose(F) == 0) && Ok;
  if (!Ok) {
    std::fprintf(stderr, "stackcap-instrument: cannot write %s\n", Out);
    return 2;
  }
  return 0;
}
