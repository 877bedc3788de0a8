//===- StackcapOptions.cpp - Command-line options of the plugin -----------===//
//
// Part of stackcap. Every option of the plugin, in one category ("stackcap
// options" in -help), merged into a StackcapConfig by configFromCommandLine.
//
//===----------------------------------------------------------------------===//
#include "StackcapOptions.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/Support/CommandLine.h"

using namespace llvm;

namespace stackcap {

static cl::OptionCategory
    StackcapCategory("stackcap options", "Options of the stackcap stack-limit instrumentation");

static cl::opt<unsigned> StackLimit(
    "stackcap-limit",
    cl::desc("Stack limit checked before every counted call (profile compat); "
             "default 65536"),
    cl::init(DefaultStackLimit), cl::cat(StackcapCategory));

static cl::opt<StackcapProfile> Profile(
    "stackcap-profile", cl::desc("Stack-limit profile"),
    cl::values(clEnumValN(StackcapProfile::Compat, "compat",
                          "counted calls and thunks, as wasm-instrument (default)"),
               clEnumValN(StackcapProfile::Lean, "lean",
                          "reservations only in entry points and recursion (docs/spec/lean.md)")),
    cl::init(StackcapProfile::Compat), cl::cat(StackcapCategory));

static cl::opt<bool> PrintCosts(
    "stackcap-print-costs",
    cl::desc("Print 'stackcap-cost: NAME COST' for every function compiled "
             "(the stackcap remarks, as lines on stderr)"),
    cl::init(false), cl::cat(StackcapCategory));

static cl::opt<bool> DisableStackcap(
    "stackcap-disable",
    cl::desc("Load the stackcap plugin but leave the code uninstrumented"),
    cl::init(false), cl::cat(StackcapCategory));

static cl::opt<bool> LimitAtLink(
    "stackcap-limit-at-link",
    cl::desc("Write the limit as a placeholder that the link step sets "
             "(stackcap-instrument --entries-only --limit N): for code built once "
             "for every limit, such as the instrumented runtime"),
    cl::init(false), cl::cat(StackcapCategory));

static cl::list<std::string> TestMissingPasses(
    "stackcap-test-missing-pass", cl::Hidden, cl::CommaSeparated,
    cl::desc("For testing only: behave as if LLVM had no pass of these names"),
    cl::cat(StackcapCategory));

static cl::list<std::string> TestMissingOpcodes(
    "stackcap-test-missing-opcode", cl::Hidden, cl::CommaSeparated,
    cl::desc("For testing only: behave as if the WebAssembly backend had no machine "
             "opcode of these names"),
    cl::cat(StackcapCategory));

StackcapConfig configFromCommandLine() {
  StackcapConfig Config;
  Config.Limit = StackLimit; // cl::init(DefaultStackLimit) when not given
  Config.Profile = Profile;
  Config.PrintCosts |= PrintCosts;
  Config.LimitAtLink |= LimitAtLink;
  Config.TestMissingOpcodes.assign(TestMissingOpcodes.begin(), TestMissingOpcodes.end());
  return Config;
}

bool stackcapDisabled() { return DisableStackcap; }

bool testPassMissing(StringRef Name) { return is_contained(TestMissingPasses, Name); }

} // namespace stackcap
