//===- DriverCheck.cpp - Detect post-link rewriting by the clang driver ---===//
//
// Part of stackcap.
//
// `clang --target=wasm32... -O2 x.c -o x.wasm` compiles, links, and then runs
// `wasm-opt` on the linked module when it finds one. That inlines and merges
// function bodies after stackcap computed their costs: the result looks
// instrumented and is not. The plugin cannot stop the driver, but it can see
// the driver's command line: clang runs cc1 in its own process
// (-fintegrated-cc1, the default), and wasm-ld, which loads the plugin for LTO
// code generation, is a child of the driver. When that command line would
// make clang run wasm-opt, compilation fails with a message saying what to do.
//
// The condition is the one of clang 22's WebAssembly toolchain
// (wasm::Linker::ConstructJob):
//  - the command links (no -c, -S, -E, -fsyntax-only, -M, -MM);
//  - wasm-opt is enabled: the last of --wasm-opt / --no-wasm-opt, by default
//    enabled except for targets that build components (WASI other than
//    `wasi` and `wasip1`: wasip2, wasip3);
//  - the last option of the -O group is not -O0 / -O<0> / --optimize=0:
//    -O (= -O1), -O1..-O3, -Os, -Oz, -Og, -O4, -Ofast, --optimize[=N] all run
//    it (even -O00, whose value is not "0");
//  - a wasm-opt is found as clang's Driver::GetProgramPath finds it: in -B /
//    --prefix / COMPILER_PATH prefixes, then as `<triple>-wasm-opt` and
//    `wasm-opt` in the driver's own directory and on PATH.
//
// Response files (`@file`) are expanded as the driver expands them:
// recursively, GNU tokenization (Windows with --rsp-quoting=windows), names
// relative to the driver's working directory (/proc/<pid>/cwd). A response
// file that cannot be read again (gone, not a regular file such as
// @/dev/stdin or a shell's <(...), unreadable, recursive) could hold any of
// the options above: unless later options settle the question (a later
// --no-wasm-opt or -O0, or -c anywhere), that fails the compile too.
//
//===----------------------------------------------------------------------===//
#include "DriverCheck.h"

#include "llvm/ADT/SmallString.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringRef.h"
#include "llvm/Support/Allocator.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/MemoryBuffer.h"
#include "llvm/Support/Path.h"
#include "llvm/Support/StringSaver.h"
#include "llvm/TargetParser/Host.h"
#include "llvm/TargetParser/Triple.h"

#include <cerrno>
#include <cstring>
#include <fstream>
#include <iterator>
#include <mutex>
#include <optional>
#include <string>
#include <sys/stat.h>
#include <unistd.h>
#include <vector>

using namespace llvm;

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

std::string readLink(const std::string &Path) {
  char Buf[4096];
  ssize_t N = readlink(Path.c_str(), Buf, sizeof(Buf));
  return N > 0 ? std::string(Buf, N) : std::string();
}

bool isClangProgram(const std::vector<std::string> &Args) {
  return !Args.empty() && sys::path::filename(Args[0]).contains("clang");
}

bool isExecutableFile(const std::string &Path) {
  struct stat St;
  return stat(Path.c_str(), &St) == 0 && S_ISREG(St.st_mode) && access(Path.c_str(), X_OK) == 0;
}

/// A yes / no / cannot-tell answer.
enum class Tri { No, Yes, Unknown };

/// The driver's arguments with response files expanded; an element without a
/// value stands for a response file that could not be read.
using ExpandedArgs = std::vector<std::optional<std::string>>;

class ResponseFiles {
public:
  ResponseFiles(int Pid, std::string Cwd, bool Windows)
      : Pid(Pid), Cwd(std::move(Cwd)), Windows(Windows) {}

  void expand(StringRef Arg, ExpandedArgs &Out) {
    SmallVector<std::string, 4> Chain;
    expand(Arg, Out, Chain);
  }

  /// Why the first unreadable response file could not be read.
  std::string Unreadable;

private:
  int Pid;
  std::string Cwd;
  bool Windows;

  void unknown(StringRef Arg, const Twine &Why, ExpandedArgs &Out) {
    if (Unreadable.empty())
      Unreadable = ("'" + Arg + "': " + Why).str();
    Out.push_back(std::nullopt);
  }

  /// The file \p Name of the driver's command line names, as seen from here:
  /// relative to the driver's working directory, and the driver's own
  /// descriptors for /dev/fd/N, /dev/stdin and /proc/self/.
  std::string resolve(StringRef Name) const {
    std::string Proc = "/proc/" + std::to_string(Pid);
    if (Name.consume_front("/dev/fd/"))
      return Proc + "/fd/" + Name.str();
    if (Name == "/dev/stdin")
      return Proc + "/fd/0";
    if (Name.consume_front("/proc/self/"))
      return Proc + "/" + Name.str();
    if (sys::path::is_absolute(Name))
      return Name.str();
    SmallString<256> P(Cwd);
    sys::path::append(P, Name);
    return std::string(P);
  }

  void expand(StringRef Arg, ExpandedArgs &Out, SmallVectorImpl<std::string> &Chain) {
    if (!Arg.starts_with("@")) {
      Out.push_back(Arg.str());
      return;
    }
    std::string Path = resolve(Arg.drop_front());
    for (const std::string &Outer : Chain)
      if (Outer == Path)
        return unknown(Arg, "recursive expansion", Out);
    if (Chain.size() >= 64)
      return unknown(Arg, "response files nested too deeply", Out);
    struct stat St;
    if (stat(Path.c_str(), &St) != 0)
      return unknown(Arg, strerror(errno), Out);
    // The driver read it already: a pipe or a device would read differently
    // now, if at all.
    if (!S_ISREG(St.st_mode))
      return unknown(Arg, "not a regular file, so it cannot be read again", Out);
    ErrorOr<std::unique_ptr<MemoryBuffer>> Buf = MemoryBuffer::getFile(Path);
    if (!Buf)
      return unknown(Arg, Buf.getError().message(), Out);
    StringRef Text = (*Buf)->getBuffer();
    if (Text.starts_with("\xff\xfe") || Text.starts_with("\xfe\xff"))
      return unknown(Arg, "UTF-16 response files are not supported", Out);
    Text.consume_front("\xef\xbb\xbf");
    BumpPtrAllocator Alloc;
    StringSaver Saver(Alloc);
    SmallVector<const char *, 32> Tokens;
    if (Windows)
      cl::TokenizeWindowsCommandLine(Text, Saver, Tokens);
    else
      cl::TokenizeGNUCommandLine(Text, Saver, Tokens);
    Chain.push_back(Path);
    for (const char *Token : Tokens)
      if (Token)
        expand(Token, Out, Chain);
    Chain.pop_back();
  }
};

/// clang's TargetBuildsComponents: no wasm-opt by default for them.
bool buildsComponents(StringRef TripleName) {
  Triple T(Triple::normalize(TripleName));
  return T.isOSWASI() && T.getOSName() != "wasip1" && T.getOSName() != "wasi";
}

/// Options of the driver whose value is the next argument, as far as they
/// matter here: their value is not an option of the driver's own.
bool takesSeparateValue(StringRef A) {
  static const char *const Names[] = {
      "-o",        "-x",           "-Xclang",  "-Xlinker",  "-Xassembler", "-Xpreprocessor",
      "-mllvm",    "-MF",          "-MT",      "-MQ",       "-I",          "-L",
      "-include",  "-imacros",     "-isystem", "-iquote",   "-idirafter",  "-isysroot",
      "--sysroot", "-z",           "-u",       "-T",        "-arch",       "-Xarch_device",
      "-Xarch_host", "-Xopenmp-target",
  };
  for (const char *N : Names)
    if (A == N)
      return true;
  return false;
}

/// What clang's driver \p Argv (process \p Pid) will do after linking, or
/// nothing when it is not a driver command (cc1, or another program).
std::optional<std::string> checkDriver(int Pid, const std::vector<std::string> &Argv) {
  if (!isClangProgram(Argv))
    return std::nullopt;
  std::string Proc = "/proc/" + std::to_string(Pid);
  std::string Cwd = readLink(Proc + "/cwd");
  bool Windows = false;
  for (const std::string &A : Argv) {
    if (A == "--rsp-quoting=windows")
      Windows = true;
    else if (A == "--rsp-quoting=posix")
      Windows = false;
  }
  ResponseFiles Rsp(Pid, Cwd, Windows);
  ExpandedArgs Args;
  for (size_t I = 1; I < Argv.size(); ++I)
    Rsp.expand(Argv[I], Args);
  // A cc1 command, possibly from a response file (the driver writes one for
  // a long command line): it never links. An unreadable response file in
  // its place leaves it a driver command, as far as stackcap can tell.
  if (!Args.empty() && Args[0] && StringRef(*Args[0]).starts_with("-cc1"))
    return std::nullopt;

  bool CompileOnly = false;
  std::optional<bool> WasmOptFlag;
  bool HaveOptLevel = false;
  std::string OptLevel;
  std::optional<std::string> Target;
  std::vector<std::string> Prefixes;
  // What an unreadable response file may have set, until a later option
  // sets it again.
  bool WasmOptFlagUnknown = false, OptLevelUnknown = false, TargetUnknown = false,
       PrefixesUnknown = false;
  for (size_t I = 0; I < Args.size(); ++I) {
    if (!Args[I]) {
      WasmOptFlagUnknown = OptLevelUnknown = TargetUnknown = PrefixesUnknown = true;
      continue;
    }
    StringRef A = *Args[I];
    auto Next = [&]() -> std::optional<std::string> {
      if (I + 1 < Args.size() && Args[I + 1])
        return *Args[++I];
      return std::nullopt;
    };
    if (A == "-c" || A == "-S" || A == "-E" || A == "-fsyntax-only" || A == "-M" || A == "-MM") {
      CompileOnly = true;
    } else if (A == "--no-wasm-opt" || A == "--wasm-opt") {
      WasmOptFlag = A == "--wasm-opt";
      WasmOptFlagUnknown = false;
    } else if ((A.starts_with("-O") && A != "-ObjC" && A != "-ObjC++") || A == "--optimize" ||
               A.starts_with("--optimize=")) {
      // clang's O_Group: -O0; -O4 and -Ofast; -O<N> (-O alone is -O1);
      // --optimize[=N], aliases of -O<N>.
      if (A == "-O" || A == "--optimize")
        OptLevel = "1";
      else if (A.consume_front("--optimize="))
        OptLevel = A.str();
      else
        OptLevel = A.drop_front(2).str();
      HaveOptLevel = true;
      OptLevelUnknown = false;
    } else if (A.consume_front("--target=")) {
      Target = A.str();
      TargetUnknown = false;
    } else if (A == "-target") {
      if (std::optional<std::string> V = Next()) {
        Target = *V;
        TargetUnknown = false;
      }
    } else if (A == "-B" || A == "--prefix") {
      if (std::optional<std::string> V = Next())
        Prefixes.push_back(*V);
    } else if (A.consume_front("--prefix=") || A.consume_front("-B")) {
      Prefixes.push_back(A.str());
    } else if (takesSeparateValue(A)) {
      Next();
    }
  }
  if (CompileOnly)
    return "";

  // No --target: the target of a program name such as wasm32-wasip2-clang,
  // else the default one.
  if (!Target) {
    StringRef Name = sys::path::filename(Argv[0]);
    size_t Pos = Name.rfind("-clang");
    if (Pos != StringRef::npos && Pos > 0 &&
        Triple(Name.take_front(Pos)).getArch() != Triple::UnknownArch)
      Target = Name.take_front(Pos).str();
  }
  std::string TargetName = Target ? *Target : sys::getDefaultTargetTriple();

  Tri RunsWasmOpt;
  if (WasmOptFlagUnknown)
    RunsWasmOpt = Tri::Unknown;
  else if (WasmOptFlag)
    RunsWasmOpt = *WasmOptFlag ? Tri::Yes : Tri::No;
  else if (TargetUnknown)
    RunsWasmOpt = Tri::Unknown;
  else
    RunsWasmOpt = buildsComponents(TargetName) ? Tri::No : Tri::Yes;
  Tri Optimizes = OptLevelUnknown                                   ? Tri::Unknown
                  : HaveOptLevel && OptLevel != "0"           ? Tri::Yes
                                                                    : Tri::No;
  if (RunsWasmOpt == Tri::No || Optimizes == Tri::No)
    return "";

  // Where Driver::GetProgramPath looks.
  auto Absolute = [&](StringRef P) {
    if (P.empty())
      return Cwd;
    if (sys::path::is_absolute(P))
      return P.str();
    SmallString<256> R(Cwd);
    sys::path::append(R, P);
    return std::string(R);
  };
  auto Split = [](const char *List, std::vector<std::string> &Out) {
    if (!List)
      return;
    SmallVector<StringRef, 8> Parts;
    StringRef(List).split(Parts, ':');
    for (StringRef P : Parts)
      Out.push_back(P.str());
  };
  std::string WasmOpt;
  Split(getenv("COMPILER_PATH"), Prefixes);
  for (const std::string &Prefix : Prefixes) {
    struct stat St;
    std::string P = Absolute(Prefix);
    SmallString<256> Candidate(P);
    if (stat(P.c_str(), &St) == 0 && S_ISDIR(St.st_mode))
      sys::path::append(Candidate, "wasm-opt");
    else
      Candidate += "wasm-opt";
    if (isExecutableFile(std::string(Candidate))) {
      WasmOpt = std::string(Candidate);
      break;
    }
  }
  // The driver's own directory: of its real path, or with
  // -no-canonical-prefixes of the name it was run by.
  std::vector<std::string> Dirs, PathDirs;
  Split(getenv("PATH"), PathDirs);
  bool Canonical = true;
  for (const std::string &A : Argv) {
    if (A == "-canonical-prefixes")
      Canonical = true;
    else if (A == "-no-canonical-prefixes")
      Canonical = false;
  }
  if (Canonical) {
    std::string Exe = readLink(Proc + "/exe");
    if (!Exe.empty())
      Dirs.push_back(sys::path::parent_path(Exe).str());
  } else if (StringRef(Argv[0]).contains('/')) {
    Dirs.push_back(Absolute(sys::path::parent_path(Argv[0])));
  } else {
    for (const std::string &Dir : PathDirs)
      if (isExecutableFile(Absolute(Dir) + "/" + Argv[0])) {
        Dirs.push_back(Absolute(Dir));
        break;
      }
  }
  Dirs.insert(Dirs.end(), PathDirs.begin(), PathDirs.end());
  std::vector<std::string> Names = {TargetName + "-wasm-opt",
                                    Triple::normalize(TargetName) + "-wasm-opt", "wasm-opt"};
  for (const std::string &Name : Names)
    for (const std::string &Dir : Dirs)
      if (WasmOpt.empty() && isExecutableFile(Absolute(Dir) + "/" + Name))
        WasmOpt = Absolute(Dir) + "/" + Name;

  if (WasmOpt.empty() && !PrefixesUnknown)
    return "";
  if (RunsWasmOpt == Tri::Yes && Optimizes == Tri::Yes && !WasmOpt.empty())
    return "stackcap: this clang command links the module and then runs " + WasmOpt +
           " on it (clang does so at -O1 and above), which rewrites function bodies after "
           "stackcap computed their stack costs, so the output would look instrumented "
           "without being so; add --no-wasm-opt to the command, or build with "
           "stackcap-clang, which does that and verifies the linked module";
  return "stackcap: this clang command takes arguments from a response file that stackcap "
         "cannot read (" +
         Rsp.Unreadable +
         "), so it cannot tell whether clang links the module and then runs wasm-opt on it, "
         "which would rewrite function bodies after stackcap computed their stack costs; "
         "pass the arguments in a regular file, or add --no-wasm-opt to the command after "
         "it";
}

/// The clang driver this process belongs to is itself (integrated cc1) or
/// its parent (wasm-ld, or cc1 run as a separate process).
std::string computeHazard() {
  for (int Pid : {static_cast<int>(getpid()), static_cast<int>(getppid())})
    if (std::optional<std::string> Hazard =
            checkDriver(Pid, readCmdline("/proc/" + std::to_string(Pid) + "/cmdline")))
      return *Hazard;
  return "";
}

} // namespace

const std::string &postLinkRewriteHazard() {
  static std::once_flag Once;
  static std::string Hazard;
  std::call_once(Once, [] { Hazard = computeHazard(); });
  return Hazard;
}

} // namespace stackcap
