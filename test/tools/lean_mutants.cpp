//===- lean_mutants.cpp - Mutants of a real lean module -------------------===//
//
// Part of stackcap's tests. Profile lean's interface promise (issue 10,
// docs/spec/lean.md section 4): the compiler emits the exact reservations and
// every release equals its reservation, so removing any instruction of the
// counter code, or lowering or raising any of its constants, makes the module
// fail verification.
//
//   stackcap-lean-mutants [--stride N] MODULE.wasm
//
// MODULE.wasm must verify under profile lean. For every checked function,
// each instruction of its entry sequence and of each release is deleted in
// turn, each reservation constant is lowered and raised by one, and so is
// the whole reservation (all its constants alike, which rule 7 catches); every
// mutant is verified again and must be rejected. --stride N tries every Nth
// mutant only (for large modules), starting with the first. Prints the
// counts, and every mutant that verified; exits 0 when all were rejected,
// 1 when one verified, 2 on bad input, 64 on bad usage.
//
//===----------------------------------------------------------------------===//
#include "stackcap/byte_reader.h"
#include "stackcap/instr.h"
#include "stackcap/lean.h"
#include "stackcap/module.h"
#include "stackcap/wasm_writer.h"

#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <fstream>
#include <iterator>
#include <map>
#include <string>
#include <vector>

using namespace stackcap;

namespace {

/// One instruction of a body: deleted, or (an i32.const) given Value.
struct Edit {
  uint32_t Offset; // of the instruction
  uint32_t Length; // its encoded length
  bool Delete;
  int32_t Value;
};

struct Mutation {
  uint32_t Func;
  std::vector<Edit> Edits; // in increasing offset order
  const char *What;
};

/// \p M's bytes with the edits of \p X applied to its body: the body's and
/// the code section's sizes re-encoded.
Bytes rewrite(const Module &M, const Mutation &X) {
  const FunctionBody &B = M.body(X.Func);
  const Section *Code = nullptr;
  for (const Section &S : M.Sections)
    if (S.Id == 10)
      Code = &S;
  Bytes NewBody;
  uint32_t From = B.Offset;
  for (const Edit &E : X.Edits) {
    append(NewBody, M.Data + From, E.Offset - From);
    if (!E.Delete) {
      NewBody.push_back(M.Data[E.Offset]); // i32.const
      writeSLEB(NewBody, E.Value);
    }
    From = E.Offset + E.Length;
  }
  append(NewBody, M.Data + From, B.Offset + B.Size - From);
  // The body's size is the LEB128 just before B.Offset.
  size_t SizeAt = B.Offset - 1;
  while (SizeAt > Code->PayloadOffset && (M.Data[SizeAt - 1] & 0x80))
    --SizeAt;
  Bytes Payload;
  append(Payload, M.Data + Code->PayloadOffset, SizeAt - Code->PayloadOffset);
  writeULEB(Payload, NewBody.size());
  append(Payload, NewBody.data(), NewBody.size());
  size_t After = B.Offset + B.Size;
  append(Payload, M.Data + After, Code->PayloadOffset + Code->PayloadSize - After);
  Bytes Out;
  append(Out, M.Data, Code->Offset);
  writeSection(Out, 10, Payload);
  size_t Rest = Code->PayloadOffset + Code->PayloadSize;
  append(Out, M.Data + Rest, M.Size - Rest);
  return Out;
}

int usage() {
  std::fputs("usage: stackcap-lean-mutants [--stride N] MODULE.wasm\n", stderr);
  return 64;
}

} // namespace

int main(int Argc, char **Argv) {
  unsigned long Stride = 1;
  const char *Path = nullptr;
  for (int I = 1; I < Argc; ++I) {
    if (!std::strcmp(Argv[I], "--stride") && I + 1 < Argc) {
      char *End;
      Stride = std::strtoul(Argv[++I], &End, 10);
      if (*End || Stride == 0)
        return usage();
    } else if (Argv[I][0] == '-' || Path) {
      return usage();
    } else {
      Path = Argv[I];
    }
  }
  if (!Path)
    return usage();
  std::ifstream In(Path, std::ios::binary);
  Bytes Data((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  if (!In.good() && !In.eof()) {
    std::fprintf(stderr, "stackcap-lean-mutants: cannot read %s\n", Path);
    return 2;
  }
  Module M;
  LeanReport Orig;
  verifyLean(Data.data(), Data.size(), VerifyOptions(), Orig, &M);
  if (!Orig.verified()) {
    std::fprintf(stderr, "stackcap-lean-mutants: %s does not verify under profile lean\n", Path);
    return 2;
  }

  std::vector<Mutation> All;
  for (uint32_t K = 0; K < M.Bodies.size(); ++K) {
    const LeanFunction &LF = Orig.Functions[K];
    if (!LF.Checked)
      continue;
    uint32_t F = M.NumImportedFuncs + K;
    std::vector<Instr> Body;
    const FunctionBody &B = M.body(F);
    ByteReader R(M.Data, B.Offset + B.Size);
    ByteReader::mustSucceed(R.skip(B.CodeOffset));
    std::string Err;
    while (!R.atEnd()) {
      Instr I;
      if (!decodeInstr(R, I, Err))
        break;
      Body.push_back(I);
    }
    std::map<uint32_t, size_t> At;
    for (size_t J = 0; J < Body.size(); ++J)
      At[Body[J].Offset] = J;
    auto Sequence = [&](size_t First, unsigned Len, const char *What) {
      for (unsigned J = 0; J < Len && First + J < Body.size(); ++J) {
        const Instr &I = Body[First + J];
        All.push_back({F, {{I.Offset, I.Length, true, 0}}, What});
      }
    };
    // Every constant of the function's R, in offset order.
    std::vector<uint32_t> Consts = {LF.EntryConstAt, LF.EntryConstAt2};
    Consts.insert(Consts.end(), LF.ReleaseConstAt.begin(), LF.ReleaseConstAt.end());
    std::sort(Consts.begin(), Consts.end());
    auto Constants = [&](const std::vector<uint32_t> &Which, const char *What) {
      for (int32_t Delta : {-1, +1}) {
        Mutation Mu{F, {}, What};
        for (uint32_t Offset : Which) {
          const Instr &I = Body[At.at(Offset)];
          Mu.Edits.push_back({I.Offset, I.Length, false,
                              static_cast<int32_t>(LF.Reserved) + Delta});
        }
        All.push_back(Mu);
      }
    };
    Sequence(0, LeanEntryLen, "entry instruction deleted");
    Constants({LF.EntryConstAt}, "entry check constant changed");
    Constants({LF.EntryConstAt2}, "entry reservation constant changed");
    for (uint32_t C : LF.ReleaseConstAt) {
      Sequence(At.at(C) - 1, LeanReleaseLen, "release instruction deleted");
      Constants({C}, "release constant changed");
    }
    // R itself one lower or higher, every constant alike: only the exact
    // reservation (rule 7) tells.
    Constants(Consts, "whole reservation changed");
  }

  std::map<std::string, uint64_t> Tried, ByRule;
  uint64_t Rejected = 0, Survived = 0, N = 0;
  for (size_t X = 0; X < All.size(); X += Stride) {
    const Mutation &Mu = All[X];
    Bytes Mutant = rewrite(M, Mu);
    LeanReport Rep;
    VerifyOptions Opts;
    Opts.MaxViolations = 1;
    verifyLean(Mutant.data(), Mutant.size(), Opts, Rep);
    ++N;
    ++Tried[Mu.What];
    if (Rep.verified()) {
      ++Survived;
      std::string Name(M.funcName(Mu.Func));
      std::printf("SURVIVED: func %u (%s) at offset 0x%x: %s\n", Mu.Func, Name.c_str(),
                  Mu.Edits[0].Offset, Mu.What);
      continue;
    }
    ++Rejected;
    if (Rep.Malformed)
      ++ByRule["rule 1 (malformed)"];
    else
      ++ByRule["rule " + std::to_string(unsigned(Rep.Violations[0].R))];
  }
  std::printf("%s: %u checked functions, %zu mutants, %llu tried (stride %lu), %llu rejected, "
              "%llu verified\n",
              Path, Orig.NumChecked, All.size(), (unsigned long long)N, Stride,
              (unsigned long long)Rejected, (unsigned long long)Survived);
  for (const auto &[What, Count] : Tried)
    std::printf("  %s: %llu\n", What.c_str(), (unsigned long long)Count);
  for (const auto &[Rule, Count] : ByRule)
    std::printf("  rejected under %s: %llu\n", Rule.c_str(), (unsigned long long)Count);
  return Survived ? 1 : 0;
}
