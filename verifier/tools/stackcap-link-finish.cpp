//===- stackcap-link-finish.cpp - The link step of the stackcap wrappers --===//
//
// Part of stackcap. A wasm-ld front end: it takes wasm-ld's command line
// (plus --stackcap-* options of its own), so `clang -fuse-ld=<this>` and
// rustc's `-C linker=` can run it in place of wasm-ld, and
//
//  1. links into a unique temporary file beside the output (asking wasm-ld
//     for a link map when the user did not);
//  2. sizes the linear-memory stack from the plugin's frame records, so that
//     every call chain the counter admits fits, relinking with
//     `-z stack-size=N` when the default is too small (a user's size is
//     kept; a warning says when it is too small);
//  3. completes the module (placeholders, thunks for linker-made entries),
//     removes the frame records, and compacts the code's LEB128 encodings
//     where no debug information describes code offsets;
//  4. verifies the result with the verifier library, under the limit;
//  5. writes it to another unique temporary file in the output's directory
//     and renames it over the output.
// On any failure the output is removed and the message says why.
//
// Exit status: 0 linked and verified; 1 the link failed, or the module could
// not be completed or does not verify; 2 I/O failure; 64 bad usage.
//
//===----------------------------------------------------------------------===//
#include "cli_common.h"
#include "link_map.h"

#include "stackcap/lean.h"
#include "stackcap/link_finish.h"
#include "stackcap/verify.h"

#include <csignal>
#include <string>
#include <vector>

#include <sys/wait.h>

using namespace stackcap;

static const char Usage[] =
    "usage: stackcap-link-finish --stackcap-limit=N [--stackcap-OPTION...] WASM-LD-ARGS...\n"
    "\n"
    "Links with wasm-ld, sizes the linear-memory stack for the limit, completes,\n"
    "compacts and verifies the module, and renames it into place atomically\n"
    "(docs/wrappers.md). Every argument that is not a --stackcap- option goes to\n"
    "wasm-ld; response files (@FILE) are read.\n"
    "  --stackcap-limit=N           the limit (required)\n"
    "  --stackcap-wasm-ld=PATH      the linker (default /usr/bin/wasm-ld-22)\n"
    "  --stackcap-default-stack-size=N\n"
    "                               a first -z stack-size=N of this value is the\n"
    "                               toolchain's default (rustc passes its own), not\n"
    "                               the user's\n"
    "  --stackcap-no-stack-size     leave the stack size as it is\n"
    "  --stackcap-keep-padding      keep the 5-byte LEB128 encodings\n"
    "  --stackcap-name=NAME         the name that prefixes messages\n"
    "  --stackcap-profile=P         compat (default) or lean (docs/spec/lean.md)\n"
    "  --stackcap-verbose           print each step (wasm-ld's command lines, the\n"
    "                               completion and the verification) on stderr\n"
    "Exit status: 0 linked and verified, 1 link, completion or verification\n"
    "failed (the output is removed), 2 I/O failure, 64 bad usage.\n";

namespace {

constexpr uint64_t WasmLdDefaultStack = 65536;
/// More than this is not sized: wasm32 memory is 4 GiB, and engines allocate
/// the initial memory (which holds the stack) up front.
constexpr uint64_t MaxStackSize = uint64_t(1) << 30;

std::string Tool = "stackcap-link-finish";
bool Verbose = false;

/// stackcap-rustc preloads the plugin into rustc (docs/rust.md); wasm-ld
/// loads it itself (-mllvm -load=), and a second copy would register its
/// options twice. Other preloads stay.
void dropPluginPreload() {
  const char *P = std::getenv("LD_PRELOAD");
  if (!P)
    return;
  std::string Kept, Item;
  std::string All = P;
  size_t Pos = 0;
  while (Pos <= All.size()) {
    size_t End = All.find_first_of(": ", Pos);
    if (End == std::string::npos)
      End = All.size();
    Item = All.substr(Pos, End - Pos);
    if (!Item.empty() && Item.find("stackcap-plugin") == std::string::npos)
      Kept += (Kept.empty() ? "" : ":") + Item;
    Pos = End + 1;
  }
  if (Kept.empty())
    unsetenv("LD_PRELOAD");
  else
    setenv("LD_PRELOAD", Kept.c_str(), 1);
}

/// Under --stackcap-verbose, a step as clang prints its commands under -v.
void printStep(const std::vector<std::string> &Cmd) {
  if (!Verbose)
    return;
  for (const std::string &A : Cmd)
    std::fprintf(stderr, " \"%s\"", A.c_str());
  std::fputc('\n', stderr);
}

// Temporary files live in a private directory beside the output (so that
// the final rename stays on one file system), and are removed on exit and on
// a fatal signal. The linked module is TMPDIR/BASENAME: wasm-ld names the
// module after its output file, and the name must be the output's own.
constexpr int MaxTemps = 8;
char TempDir[4096];
char TempPaths[MaxTemps][4096];
volatile sig_atomic_t NumTemps = 0;

void removeTemps() {
  for (int I = 0; I < NumTemps; ++I)
    if (TempPaths[I][0])
      unlink(TempPaths[I]);
  if (TempDir[0])
    rmdir(TempDir);
}

void onSignal(int Sig) {
  removeTemps();
  signal(Sig, SIG_DFL);
  raise(Sig);
}

/// The path TMPDIR/BASE+SUFFIX, registered for removal; the directory is
/// made on first use.
bool makeTemp(const std::string &Dir, const std::string &Base, const char *Suffix,
              std::string &Path) {
  if (!TempDir[0]) {
    std::string Tmpl = Dir + "/." + Base + ".stackcap-XXXXXX";
    if (Tmpl.size() + 1 > sizeof(TempDir))
      return false;
    std::vector<char> Buf(Tmpl.begin(), Tmpl.end());
    Buf.push_back('\0');
    if (!mkdtemp(Buf.data()))
      return false;
    std::memcpy(TempDir, Buf.data(), Buf.size());
  }
  Path = std::string(TempDir) + "/" + Base + Suffix;
  if (Path.size() + 1 > sizeof(TempPaths[0]) || NumTemps == MaxTemps)
    return false;
  std::memcpy(TempPaths[NumTemps], Path.c_str(), Path.size() + 1);
  ++NumTemps;
  return true;
}

void forgetTemp(const std::string &Path) {
  for (int I = 0; I < NumTemps; ++I)
    if (Path == TempPaths[I])
      TempPaths[I][0] = '\0';
}

void message(const char *Kind, const std::string &Msg) {
  std::fprintf(stderr, "%s: %s: %s\n", Tool.c_str(), Kind, Msg.c_str());
}

// Warnings about the stack size, printed once the module verified (for a
// module that does not, the verifier's report is the message).
std::vector<std::string> Warnings;
void warn(const std::string &Msg) { Warnings.push_back(Msg); }

/// Splits a response file as GNU tools do: whitespace separates, quotes and
/// backslashes escape.
bool readResponseFile(const char *Path, std::vector<std::string> &Out, int Depth);

bool expandArg(const std::string &A, std::vector<std::string> &Out, int Depth) {
  if (A.size() > 1 && A[0] == '@') {
    struct stat St;
    if (stat(A.c_str() + 1, &St) == 0 && S_ISREG(St.st_mode))
      return readResponseFile(A.c_str() + 1, Out, Depth + 1);
  }
  Out.push_back(A);
  return true;
}

bool readResponseFile(const char *Path, std::vector<std::string> &Out, int Depth) {
  if (Depth > 20) {
    message("error", std::string("response files nest too deep at ") + Path);
    return false;
  }
  std::vector<uint8_t> Text;
  std::string Err;
  if (!cli::readFile(Path, Text, Err)) {
    message("error", Err);
    return false;
  }
  std::vector<std::string> Args;
  std::string Cur;
  bool InArg = false;
  char Quote = 0;
  for (size_t I = 0; I < Text.size(); ++I) {
    char C = static_cast<char>(Text[I]);
    if (Quote) {
      if (C == Quote)
        Quote = 0;
      else if (C == '\\' && I + 1 < Text.size() && Quote == '"')
        Cur += static_cast<char>(Text[++I]);
      else
        Cur += C;
    } else if (C == '"' || C == '\'') {
      Quote = C;
      InArg = true;
    } else if (C == '\\' && I + 1 < Text.size()) {
      Cur += static_cast<char>(Text[++I]);
      InArg = true;
    } else if (C == ' ' || C == '\t' || C == '\n' || C == '\r') {
      if (InArg)
        Args.push_back(Cur);
      Cur.clear();
      InArg = false;
    } else {
      Cur += C;
      InArg = true;
    }
  }
  if (InArg)
    Args.push_back(Cur);
  for (const std::string &A : Args)
    if (!expandArg(A, Out, Depth))
      return false;
  return true;
}

bool startsWith(const std::string &S, const char *P) { return S.compare(0, std::strlen(P), P) == 0; }

/// The wasm-ld command line, as far as this step needs to understand it.
struct LinkArgs {
  std::vector<std::string> Args; // without -o and its value
  std::string Output;
  bool HasStackSize = false;   // the user's, not the toolchain default
  uint64_t StackSize = 0;      // in effect (wasm-ld takes the last)
  std::string Map;             // the user's -Map file
  bool MapToStdout = false;    // -M / --print-map
};

bool parseSize(const std::string &S, uint64_t &V) {
  if (S.empty() || S.size() > 19)
    return false;
  char *End;
  errno = 0;
  V = std::strtoull(S.c_str(), &End, 0);
  return !errno && *End == '\0';
}

bool analyseLinkArgs(const std::vector<std::string> &In, uint64_t ImplicitStack, LinkArgs &L) {
  int NumStackSizes = 0;
  bool FirstIsImplicit = false;
  for (size_t I = 0; I < In.size(); ++I) {
    const std::string &A = In[I];
    auto Value = [&](const char *Opt, std::string &V) {
      size_t N = std::strlen(Opt);
      if (A == Opt && I + 1 < In.size()) {
        V = In[++I];
        return true;
      }
      if (A.size() > N && A.compare(0, N, Opt) == 0 && A[N] == '=') {
        V = A.substr(N + 1);
        return true;
      }
      return false;
    };
    std::string V;
    if (A == "-o" && I + 1 < In.size()) {
      L.Output = In[++I];
      continue;
    }
    if (startsWith(A, "-o") && A.size() > 2 && A[2] != '-') {
      L.Output = A.substr(2);
      continue;
    }
    if (Value("--output", V) || Value("-output", V)) {
      L.Output = V;
      continue;
    }
    std::string Z;
    if (A == "-z" && I + 1 < In.size())
      Z = In[I + 1];
    else if (startsWith(A, "-z") && A.size() > 2)
      Z = A.substr(2);
    if (startsWith(Z, "stack-size=")) {
      uint64_t N;
      if (!parseSize(Z.substr(11), N)) {
        message("error", "cannot read the stack size in -z " + Z);
        return false;
      }
      if (NumStackSizes++ == 0)
        FirstIsImplicit = ImplicitStack && N == ImplicitStack;
      L.StackSize = N;
    }
    if (Value("-Map", V) || Value("--Map", V))
      L.Map = V;
    if (A == "-M" || A == "--print-map")
      L.MapToStdout = true;
    L.Args.push_back(A);
    if (A == "-z" && I + 1 < In.size())
      L.Args.push_back(In[++I]);
  }
  L.HasStackSize = NumStackSizes > 1 || (NumStackSizes == 1 && !FirstIsImplicit);
  if (!NumStackSizes)
    L.StackSize = WasmLdDefaultStack;
  return true;
}

/// Runs \p Argv; returns its exit status (or 128 + signal, or 127).
int run(const std::vector<std::string> &Argv, const std::string &TmpDir, const std::string &Base) {
  printStep(Argv);
  std::vector<std::string> Cmd = Argv;
  size_t Total = 0;
  for (const std::string &A : Argv)
    Total += A.size() + 1;
  std::string Rsp;
  if (Total > 100000) {
    // Long command lines go through a response file, as they came.
    if (!makeTemp(TmpDir, Base, ".rsp", Rsp))
      return 127;
    std::string Text;
    for (size_t I = 1; I < Argv.size(); ++I) {
      Text += '"';
      for (char C : Argv[I]) {
        if (C == '"' || C == '\\')
          Text += '\\';
        Text += C;
      }
      Text += "\"\n";
    }
    FILE *F = std::fopen(Rsp.c_str(), "wb");
    bool Ok = F && std::fwrite(Text.data(), 1, Text.size(), F) == Text.size();
    Ok = F && std::fclose(F) == 0 && Ok;
    if (!Ok)
      return 127;
    Cmd = {Argv[0], "@" + Rsp};
  }
  std::vector<char *> P;
  for (std::string &A : Cmd)
    P.push_back(&A[0]);
  P.push_back(nullptr);
  std::fflush(stdout);
  std::fflush(stderr);
  pid_t Pid = fork();
  if (Pid < 0)
    return 127;
  if (Pid == 0) {
    execv(P[0], P.data());
    std::fprintf(stderr, "%s: error: cannot run %s: %s\n", Tool.c_str(), P[0], std::strerror(errno));
    _exit(127);
  }
  int Status;
  while (waitpid(Pid, &Status, 0) < 0)
    if (errno != EINTR)
      return 127;
  if (!Rsp.empty()) {
    unlink(Rsp.c_str());
    forgetTemp(Rsp);
  }
  if (WIFEXITED(Status))
    return WEXITSTATUS(Status);
  return 128 + (WIFSIGNALED(Status) ? WTERMSIG(Status) : 0);
}

std::string hex(uint32_t V) {
  char Buf[16];
  std::snprintf(Buf, sizeof(Buf), "0x%x", V);
  return Buf;
}

/// The verifier's report, as stackcap-verify prints it.
void printReport(const Module &M, const VerifyReport &R, const std::string &Path,
                 const cli::LinkMap *Map) {
  if (R.Malformed) {
    std::fprintf(stderr, "%s: %s module at offset 0x%x: %s\n", Path.c_str(),
                 R.Decode.Unsupported ? "unsupported" : "malformed", R.Decode.Offset,
                 cli::printable(R.Decode.Message).c_str());
    return;
  }
  std::fprintf(stderr, "%s: NOT verified: %llu violation%s\n", Path.c_str(),
               static_cast<unsigned long long>(R.NumViolations), R.NumViolations == 1 ? "" : "s");
  uint64_t Shown = 0;
  for (const Violation &V : R.Violations) {
    if (Shown++ == 20)
      break;
    std::string Loc = V.Func != NoFunction ? cli::printable(describeFunction(M, V.Func)) : "module";
    if (V.Offset)
      Loc += " at offset " + hex(V.Offset);
    std::string Msg = V.Message;
    // An uninstrumented callee: the link map names the object it came from.
    std::string_view Callee = V.Callee != NoFunction ? M.funcName(V.Callee) : "";
    if (const std::vector<std::string> *Objs =
            Map && !Callee.empty() ? Map->definedIn(Callee) : nullptr)
      Msg += " (it was linked from " + cli::LinkMap::joinObjects(*Objs) + ")";
    std::fprintf(stderr, "  %s: rule %d (%s): %s\n", Loc.c_str(), static_cast<int>(V.R),
                 ruleTitle(V.R), cli::printable(Msg).c_str());
  }
  if (R.NumViolations > Shown)
    std::fprintf(stderr, "  ... and %llu more\n",
                 static_cast<unsigned long long>(R.NumViolations - Shown));
}

/// The lean verifier's report, as stackcap-verify --profile lean prints it.
void printLeanReport(const Module &M, const LeanReport &R, const std::string &Path) {
  if (R.Malformed) {
    std::fprintf(stderr, "%s: %s module at offset 0x%x: %s\n", Path.c_str(),
                 R.Decode.Unsupported ? "unsupported" : "malformed", R.Decode.Offset,
                 cli::printable(R.Decode.Message).c_str());
    return;
  }
  std::fprintf(stderr, "%s: NOT verified (profile lean): %llu violation%s\n", Path.c_str(),
               static_cast<unsigned long long>(R.NumViolations), R.NumViolations == 1 ? "" : "s");
  uint64_t Shown = 0;
  for (const LeanViolation &V : R.Violations) {
    if (Shown++ == 20)
      break;
    std::string Loc = V.Func != NoFunction ? cli::printable(describeFunction(M, V.Func)) : "module";
    if (V.Offset)
      Loc += " at offset " + hex(V.Offset);
    std::fprintf(stderr, "  %s: rule %d (%s): %s\n", Loc.c_str(), static_cast<int>(V.R),
                 leanRuleTitle(V.R), cli::printable(V.Message).c_str());
  }
  if (R.NumViolations > Shown)
    std::fprintf(stderr, "  ... and %llu more\n",
                 static_cast<unsigned long long>(R.NumViolations - Shown));
}

std::string list(const std::vector<std::string> &Names) {
  std::string S;
  for (size_t I = 0; I < Names.size() && I < 5; ++I)
    S += (I ? ", " : "") + cli::printable(Names[I]);
  if (Names.size() > 5)
    S += " and " + std::to_string(Names.size() - 5) + " more";
  return S;
}

} // namespace

int main(int Argc, char **Argv) {
  uint32_t Limit = 0;
  bool HasLimit = false, SizeStack = true, KeepPadding = false, Lean = false;
  uint64_t ImplicitStack = 0;
  std::string WasmLd = "/usr/bin/wasm-ld-22";
  std::vector<std::string> Expanded;
  int First = 1;
  // rustc speaks to its linker as to rust-lld: "-flavor wasm" first.
  if (Argc > 2 && !std::strcmp(Argv[1], "-flavor"))
    First = 3;
  dropPluginPreload();
  for (int I = First; I < Argc; ++I)
    if (!expandArg(Argv[I], Expanded, 0))
      return 1;
  std::vector<std::string> LdArgs;
  for (const std::string &A : Expanded) {
    if (!startsWith(A, "--stackcap-")) {
      LdArgs.push_back(A);
      continue;
    }
    size_t Eq = A.find('=');
    std::string Opt = A.substr(0, Eq), V = Eq == std::string::npos ? "" : A.substr(Eq + 1);
    uint64_t N;
    if (Opt == "--stackcap-help") {
      std::fputs(Usage, stdout);
      return 0;
    } else if (Opt == "--stackcap-limit" && cli::parseU32(V.c_str(), Limit)) {
      HasLimit = true;
    } else if (Opt == "--stackcap-wasm-ld" && !V.empty()) {
      WasmLd = V;
    } else if (Opt == "--stackcap-default-stack-size" && parseSize(V, N)) {
      ImplicitStack = N;
    } else if (A == "--stackcap-no-stack-size") {
      SizeStack = false;
    } else if (A == "--stackcap-keep-padding") {
      KeepPadding = true;
    } else if (A == "--stackcap-profile=lean") {
      Lean = true;
    } else if (A == "--stackcap-profile=compat") {
      Lean = false;
    } else if (A == "--stackcap-verbose") {
      Verbose = true;
    } else if (Opt == "--stackcap-name" && !V.empty()) {
      Tool = V;
    } else {
      std::fprintf(stderr, "%s: bad option '%s'\n%s", Tool.c_str(), A.c_str(), Usage);
      return cli::ExitUsage;
    }
  }
  if (!HasLimit) {
    std::fprintf(stderr, "%s: --stackcap-limit=N is required\n%s", Tool.c_str(), Usage);
    return cli::ExitUsage;
  }
  LinkArgs L;
  if (!analyseLinkArgs(LdArgs, ImplicitStack, L))
    return cli::ExitUsage;
  if (L.Output.empty())
    L.Output = "a.out";

  for (int Sig : {SIGINT, SIGTERM, SIGHUP})
    signal(Sig, onSignal);
  std::atexit(removeTemps);

  const std::string &Out = L.Output;
  size_t Slash = Out.rfind('/');
  std::string Dir = Slash == std::string::npos ? "." : Slash == 0 ? "/" : Out.substr(0, Slash);
  std::string Base = Slash == std::string::npos ? Out : Out.substr(Slash + 1);
  auto fail = [&](const std::string &Why, int Status = 1) {
    unlink(Out.c_str());
    message("error", Why + "; it was removed");
    return Status;
  };

  std::string Linked, Map;
  if (!makeTemp(Dir, Base, "", Linked))
    return fail("cannot create a temporary file in " + Dir + " for " + Out + ": " +
                std::strerror(errno), 2);
  // A link map for the verifier's diagnostics: the user's, or our own.
  if (!L.Map.empty()) {
    Map = L.Map;
  } else if (makeTemp(Dir, Base, ".map", Map)) {
    L.Args.push_back("-Map=" + Map);
  }
  auto link = [&](const std::vector<std::string> &Extra) {
    std::vector<std::string> Cmd{WasmLd};
    Cmd.insert(Cmd.end(), L.Args.begin(), L.Args.end());
    Cmd.insert(Cmd.end(), Extra.begin(), Extra.end());
    Cmd.push_back("-o");
    Cmd.push_back(Linked);
    return run(Cmd, Dir, Base);
  };
  if (int S = link({}))
    return fail("linking " + Out + ": " + WasmLd + " failed (exit status " +
                std::to_string(S) + ")");

  cli::FileBytes Bytes;
  std::string Error;
  if (!Bytes.open(Linked.c_str(), Error))
    return fail("reading the linked module " + Out + ": " + Error, 2);

  // Linear-memory stack sizing.
  StackNeed Need;
  if (SizeStack)
    Need = computeStackNeed(Bytes.data(), Bytes.size(), Limit, Lean);
  cli::FileBytes Relinked;
  const cli::FileBytes *Final = &Bytes;
  if (SizeStack && !Need.Error.empty()) {
    warn("the linear-memory stack of " + Out + " is not sized: " +
            cli::printable(Need.Error));
  } else if (SizeStack && !Need.HasRecords) {
    if (!Need.Unknown.empty()) // else no function could keep a frame
      warn("no stackcap frame records in " + Out + " (objects built by an older "
              "stackcap plugin?): the linear-memory stack is not sized for limit " +
              std::to_string(Limit));
  } else if (SizeStack && !Need.Known) {
    std::string Why;
    if (!Need.Dynamic.empty())
      Why = "variable-sized stack objects (alloca, VLAs) in " + list(Need.Dynamic);
    if (!Need.Unknown.empty())
      Why += (Why.empty() ? "" : "; ") + std::string("no frame record for ") + list(Need.Unknown);
    warn("the linear-memory stack that " + Out + " needs under limit " +
            std::to_string(Limit) + " has no bound: " + Why + "; the stack size stays " +
            std::to_string(L.StackSize) + " bytes");
  } else if (SizeStack && Need.Bytes > L.StackSize) {
    std::string Why = std::to_string(Need.Bytes) + " bytes of linear-memory stack (" +
                      cli::printable(Need.WorstFunction) + ": a " +
                      std::to_string(Need.WorstFrame) + "-byte frame at cost " +
                      std::to_string(Need.WorstCost) + ")";
    if (L.HasStackSize) {
      warn("-z stack-size=" + std::to_string(L.StackSize) + " is smaller than the " +
              "limit " + std::to_string(Limit) + " can use: " + Why + "; deep recursion will "
              "trap with an out-of-bounds memory access before the stack limit (use -z "
              "stack-size=" + std::to_string(Need.Bytes) + ", or a limit of at most " +
              std::to_string(Need.limitFitting(L.StackSize)) + ")");
    } else if (Need.Bytes > MaxStackSize) {
      warn("the limit " + std::to_string(Limit) + " can use " + Why +
              ", more than the " + std::to_string(MaxStackSize) + " this step sizes; the "
              "stack size stays " + std::to_string(L.StackSize) + " bytes (a limit of at most " +
              std::to_string(Need.limitFitting(MaxStackSize)) + " fits in " +
              std::to_string(MaxStackSize) + " bytes)");
    } else {
      if (int S = link({"-z", "stack-size=" + std::to_string(Need.Bytes)}))
        return fail("relinking " + Out + " with -z stack-size=" + std::to_string(Need.Bytes) +
                    ": " + WasmLd + " failed (exit status " + std::to_string(S) + ")");
      if (!Relinked.open(Linked.c_str(), Error))
        return fail("reading the relinked module " + Out + ": " + Error, 2);
      Final = &Relinked;
    }
  }

  if (Verbose)
    std::fprintf(stderr, "%s: completing%s and verifying %s (limit %u)\n", Tool.c_str(),
                 KeepPadding ? "" : ", compacting", Out.c_str(), Limit);
  FinishResult F = Lean ? finishLeanModule(Final->data(), Final->size(), Limit, KeepPadding)
                        : finishLinkedModule(Final->data(), Final->size(), Limit, KeepPadding);
  if (!F.Ok)
    return fail("could not complete the linked module " + Out + ": " +
                cli::printable(F.Error));

  Module M;
  VerifyReport R;
  VerifyOptions VOpts;
  VOpts.HasLimit = true;
  VOpts.Limit = Limit;
  if (Lean) {
    LeanReport LR;
    verifyLean(F.Output.data(), F.Output.size(), VOpts, LR, &M);
    if (!LR.verified()) {
      printLeanReport(M, LR, Out);
      return fail("the linked module " + Out +
                  " is not correctly stack-limited under profile lean (see above)");
    }
  } else {
    verifyModule(F.Output.data(), F.Output.size(), VOpts, R, &M);
  }
  if (!Lean && !R.verified()) {
    // The link map (the user's -Map, or the one the link step asked for)
    // names the object of an uninstrumented callee.
    cli::LinkMap LM;
    std::vector<uint8_t> MapText;
    std::string MapError;
    bool HaveMap = !Map.empty() && cli::readFile(Map.c_str(), MapText, MapError) &&
                   LM.parse(std::string_view(reinterpret_cast<const char *>(MapText.data()),
                                             MapText.size()));
    printReport(M, R, Out, HaveMap ? &LM : nullptr);
    if (!Map.empty() && Map == L.Map)
      std::fprintf(stderr, "  (link map: %s)\n", Map.c_str());
    return fail("the linked module " + Out + " is not correctly stack-limited (see above)");
  }

  // Write beside the output, then rename over it: never a half-written file.
  std::string Done;
  if (!makeTemp(Dir, Base, ".done", Done))
    return fail("cannot create a temporary file in " + Dir + " for " + Out + ": " +
                std::strerror(errno), 2);
  int Fd = ::open(Done.c_str(), O_WRONLY | O_CREAT | O_EXCL | O_CLOEXEC, 0600);
  bool Ok = Fd >= 0;
  struct stat St;
  if (Ok && stat(Linked.c_str(), &St) == 0)
    Ok = fchmod(Fd, St.st_mode & 07777) == 0;
  for (size_t Pos = 0; Ok && Pos < F.Output.size();) {
    ssize_t N = ::write(Fd, F.Output.data() + Pos, F.Output.size() - Pos);
    if (N < 0 && errno == EINTR)
      continue;
    Ok = N > 0;
    Pos += Ok ? static_cast<size_t>(N) : 0;
  }
  Ok = Fd >= 0 && ::close(Fd) == 0 && Ok;
  if (!Ok || std::rename(Done.c_str(), Out.c_str()) != 0)
    return fail("cannot write " + Out + ": " + std::strerror(errno), 2);
  forgetTemp(Done);
  for (const std::string &W : Warnings)
    message("warning", W);
  return 0;
}
