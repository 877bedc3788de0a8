//===- StackcapOptions.cpp - Command-line options of the plugin -----------===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#include "StackcapOptions.h"

using namespace llvm;

namespace stackcap {

cl::opt<unsigned> StackLimit(
    "stackcap-limit",
    cl::desc("Stack limit checked before every counted call (profile compat); "
             "default 65536"),
    cl::init(DefaultStackLimit));

cl::opt<bool> PrintCosts(
    "stackcap-print-costs",
    cl::desc("Print 'stackcap-cost: NAME COST' for every function compiled"),
    cl::init(false));

cl::opt<bool> DisableStackcap(
    "stackcap-disable",
    cl::desc("Load the stackcap plugin but leave the code uninstrumented"),
    cl::init(false));

} // namespace stackcap

namespace stackcap {

cl::opt<bool> LimitAtLink(
    "stackcap-limit-at-link",
    cl::desc("Write the limit as a placeholder that the link step sets "
             "(stackcap-instrument --entries-only --limit N): for code built once "
             "for every limit, such as the instrumented runtime"),
    cl::init(false));

} // namespace stackcap
