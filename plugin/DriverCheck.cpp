//===- DriverCheck.cpp - Detect post-link rewriting by the clang driver ---===//
//
// Part of stackcap.
//
// `clang --target=wasm32... -O2 x.c -o x.wasm` compiles, links, and then runs
// `wasm-opt -O2` on the linked module when wasm-opt is on PATH. That inlines
// and merges function bodies after stackcap computed their costs: the result
// looks instrumented and is not. The plugin cannot stop the driver, but it can
// see the driver's command line: clang runs cc1 in its own process
// (-fintegrated-cc1, the default), and wasm-ld, which loads the plugin for LTO
// code generation, is a child of the driver. When that command line links at
// -O1 or above without --no-wasm-opt and a wasm-opt is on PATH, compilation
// fails with a message saying what to do.
//
//===----------------------------------------------------------------------===//
#include "DriverCheck.h"

#include <fstream>
#include <iterator>
#include <mutex>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

namespace stackcap {
namespace {

std::vector<std::string> readCmdline(const std::string &Path) {
  std::ifstream In(Path, std::ios::binary);
  std::string All((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  std::vector<std::string> Args;
  std::string Cur;
  for (char C : All) {
    if (C == '\0') {
      Args.push_back(Cur);
      Cur.clear();
    } else {
      Cur += C;
    }
  }
  return Args;
}

std::string baseName(const std::string &P) {
  size_t Slash = P.rfind('/');
  return Slash == std::string::npos ? P : P.substr(Slash + 1);
}

bool isClangDriver(const std::vector<std::string> &Args) {
  if (Args.empty() || baseName(Args[0]).find("clang") == std::string::npos)
    return false;
  return Args.size() < 2 || Args[1] != "-cc1";
}

std::string findOnPath(const char *Prog) {
  const char *Path = getenv("PATH");
  if (!Path)
    return "";
  std::string Dirs(Path);
  size_t Start = 0;
  while (Start <= Dirs.size()) {
    size_t End = Dirs.find(':', Start);
    if (End == std::string::npos)
      End = Dirs.size();
    std::string Dir = Dirs.substr(Start, End - Start);
    std::string Candidate = (Dir.empty() ? "." : Dir) + "/" + Prog;
    struct stat St;
    if (stat(Candidate.c_str(), &St) == 0 && S_ISREG(St.st_mode) &&
        access(Candidate.c_str(), X_OK) == 0)
      return Candidate;
    Start = End + 1;
  }
  return "";
}

std::string computeHazard() {
  std::vector<std::string> Args = readCmdline("/proc/self/cmdline");
  if (!isClangDriver(Args))
    Args = readCmdline("/proc/" + std::to_string(getppid()) + "/cmdline");
  if (!isClangDriver(Args))
    return "";
  bool Links = true, NoWasmOpt = false;
  std::string OptLevel = "0";
  for (size_t I = 1; I < Args.size(); ++I) {
    const std::string &A = Args[I];
    if (A == "-c" || A == "-S" || A == "-E" || A == "-fsyntax-only" || A == "-M" || A == "-MM")
      Links = false;
    else if (A == "--no-wasm-opt")
      NoWasmOpt = true;
    else if (A == "--wasm-opt")
      NoWasmOpt = false;
    else if (A.size() >= 2 && A.compare(0, 2, "-O") == 0)
      OptLevel = A.size() == 2 ? "1" : A.substr(2);
  }
  if (!Links || NoWasmOpt || OptLevel == "0")
    return "";
  std::string WasmOpt = findOnPath("wasm-opt");
  if (WasmOpt.empty())
    return "";
  return "stackcap: this clang command links the module and then runs " + WasmOpt +
         " on it (clang does so at -O1 and above), which rewrites function bodies after "
         "stackcap computed their stack costs, so the output would look instrumented "
         "without being so; add --no-wasm-opt to the command, or build with "
         "stackcap-clang, which does that and verifies the linked module";
}

} // namespace

const std::string &postLinkRewriteHazard() {
  static std::once_flag Once;
  static std::string Hazard;
  std::call_once(Once, [] { Hazard = computeHazard(); });
  return Hazard;
}

} // namespace stackcap
