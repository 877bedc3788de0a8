//===- lean.cpp - Profile `lean`: frame costs and verification ------------===//
//
// Part of stackcap. docs/spec/lean.md, sections 2 to 4: the exact height
// model, and the verifier's rules. Each body is decoded once into a vector of
// instructions (the entry and release sequences are matched by looking at
// their neighbours); then the module-level rules run on the call graph.
//
//===----------------------------------------------------------------------===//

#include "stackcap/lean.h"

#include "stackcap/byte_reader.h"
#include "stackcap/instr.h"
#include "stackcap/opcodes.h"
#include "stackcap/scc.h"
#include "stackcap/sequence_match.h"

#include <algorithm>
#include <string>

namespace stackcap {

//===----------------------------------------------------------------------===//
// The height model (spec section 2)
//===----------------------------------------------------------------------===//

void LeanHeightModel::reset(uint32_t FuncResults) {
  Frames.clear();
  Frames.push_back({false, 0, FuncResults, FuncResults, 0});
  Height = 0;
  Max = 0;
  Err = CostError::None;
}

bool LeanHeightModel::pop(uint64_t N) {
  Frame &Top = Frames.back();
  if (Height - Top.Start >= N) {
    Height -= N;
    return true;
  }
  // Popping below the frame: polymorphic (unreachable) code may, valid
  // reachable code may not.
  if (!Top.Poly)
    return fail(CostError::PopBelowFrame);
  Height = Top.Start;
  return true;
}

bool LeanHeightModel::push(uint64_t N) {
  Height += N;
  if (Height > UINT32_MAX)
    return fail(CostError::Overflow);
  if (!Frames.empty() && !Frames.back().Poly && Height > Max)
    Max = Height;
  return true;
}

bool LeanHeightModel::step(const AbstractOp &Op) {
  if (Err != CostError::None)
    return false;
  if (Frames.empty())
    return fail(CostError::EndWithoutFrame);
  auto Target = [&](uint32_t Depth, const Frame *&F) {
    if (Depth >= Frames.size())
      return fail(CostError::BadLabel);
    F = &Frames[Frames.size() - 1 - Depth];
    return true;
  };
  auto Unwind = [&] {
    Frames.back().Poly = true;
    Height = Frames.back().Start;
  };
  switch (Op.Kind) {
  case OpKind::Plain:
  case OpKind::Call:
    return pop(Op.Pops) && push(Op.Pushes);
  case OpKind::CallIndirect:
    return pop(1) && pop(Op.Pops) && push(Op.Pushes);
  case OpKind::Select:
    return pop(3) && push(1);
  case OpKind::If:
    if (!pop(1))
      return false;
    [[fallthrough]];
  case OpKind::Block:
  case OpKind::Loop: {
    if (!pop(Op.BlockParams))
      return false;
    uint32_t Branch = Op.Kind == OpKind::Loop ? Op.BlockParams : Op.BlockResults;
    // A block opened in unreachable code is itself reachable only in the
    // spec's typing; it is never executed, so it stays unreachable here.
    bool Poly = Frames.back().Poly;
    Frames.push_back({Poly, Op.BlockParams, Op.BlockResults, Branch, Height});
    return push(Op.BlockParams);
  }
  case OpKind::Else: {
    if (Frames.size() < 2)
      return fail(CostError::BadLabel);
    Frame &Top = Frames.back();
    Top.Poly = Frames[Frames.size() - 2].Poly;
    Height = Top.Start;
    return push(Top.Params);
  }
  case OpKind::End: {
    Frame F = Frames.back();
    if (!F.Poly && Height != F.Start + F.EndArity)
      return fail(CostError::PopBelowFrame);
    Frames.pop_back();
    Height = F.Start;
    if (Frames.empty())
      return true;
    return push(F.EndArity);
  }
  case OpKind::Unreachable:
    Unwind();
    return true;
  case OpKind::Br: {
    const Frame *F;
    if (!Target(Op.Depth, F) || !pop(F->BranchArity))
      return false;
    Unwind();
    return true;
  }
  case OpKind::BrIf: {
    const Frame *F;
    return Target(Op.Depth, F) && pop(1);
  }
  case OpKind::BrTable: {
    const Frame *F;
    if (!Target(Op.Depth, F) || !pop(1) || !pop(F->BranchArity))
      return false;
    Unwind();
    return true;
  }
  case OpKind::Return:
    if (!pop(Frames.front().EndArity))
      return false;
    Unwind();
    return true;
  default:
    return fail(CostError::UnsupportedOp);
  }
}

const char *leanRuleTitle(LeanRule R) {
  switch (R) {
  case LeanRule::Decode: return "module decodes completely and is linked";
  case LeanRule::Counter: return "one counter global: defined, mutable i32, initialised to the limit, not exported";
  case LeanRule::Shape: return "a checked function reserves first and releases before every exit";
  case LeanRule::CounterAccess: return "the counter is accessed only inside reservation sequences";
  case LeanRule::EntryPoint: return "exports, table entries, start and ref.func name imports or checked functions";
  case LeanRule::CoveredCycle: return "covered functions do not call each other in a cycle";
  case LeanRule::Reservation: return "every reservation is exactly the frame plus the covered subtree";
  case LeanRule::Unsupported: return "no tail calls, call_ref, exception handling or stack switching";
  }
  return "unknown rule";
}

namespace {



class LeanAnalyzer {
public:
  LeanAnalyzer(const Module &M, const VerifyOptions &Opts, LeanReport &Rep)
      : M(M), Opts(Opts), Rep(Rep) {}
  void run();

private:
  const Module &M;
  const VerifyOptions &Opts;
  LeanReport &Rep;
  // The last instructions of the body being analysed (Window[K % WindowSize]
  // is instruction K): the entry sequence is its first LeanEntryLen, a
  // release the LeanReleaseLen before an exit.
  static constexpr size_t WindowSize = 16;
  static_assert(WindowSize >= LeanEntryLen + 1 && WindowSize >= LeanReleaseLen + 1, "");
  Instr Window[WindowSize];
  // Per body: the counter accesses (instruction index, offset, opcode name)
  // and the first instruction index of each release found.
  struct Access {
    size_t K;
    uint32_t Offset;
    const char *Name;
  };
  std::vector<Access> Accesses;
  std::vector<size_t> Releases;
  std::vector<uint32_t> CodeRefs; // ref.func in bodies: {function, offset} pairs
  bool CounterKnown = false;
  uint32_t G = 0;

  void violation(LeanRule R, uint32_t F, uint32_t Offset, std::string Msg) {
    ++Rep.NumViolations;
    if (Rep.Violations.size() < Opts.MaxViolations)
      Rep.Violations.push_back({R, F, Offset, std::move(Msg)});
  }
  bool malformed(uint32_t F, uint32_t Offset, const std::string &Msg) {
    if (!Rep.Malformed) {
      Rep.Malformed = true;
      Rep.Decode.Offset = Offset;
      Rep.Decode.Message =
          (F == NoFunction ? std::string("module") : describeFunction(M, F, Opts.Demangle)) + ": " +
          Msg;
    }
    return false;
  }
  std::string name(uint32_t F) const { return describeFunction(M, F, Opts.Demangle); }

  bool matchWindow(size_t At, const SeqStep *Steps, unsigned N, SequenceValues &V) const;
  bool matchEntry(uint32_t &Global, uint32_t &R) const;
  bool isRelease(size_t At, uint32_t R) const;
  void findCounter();
  bool analyzeBody(uint32_t F);
  void checkCounterGlobal();
  void checkEntries();
  void computeReservations();
  void checkLimit();
  uint32_t InitValue = 0;  // the counter's initialiser, once read
  bool InitRead = false;
};

/// Window[At, At + N) (instruction indices) against \p Steps.
bool LeanAnalyzer::matchWindow(size_t At, const SeqStep *Steps, unsigned N,
                               SequenceValues &V) const {
  const Instr *W[LeanEntryLen];
  if (N > LeanEntryLen)
    return false;
  for (unsigned K = 0; K < N; ++K)
    W[K] = &Window[(At + K) % WindowSize];
  return matchSteps(W, Steps, N, V);
}

/// The entry sequence of spec section 3 as the body's first LeanEntryLen
/// instructions (the caller knows that more follow: at least the final end).
bool LeanAnalyzer::matchEntry(uint32_t &Global, uint32_t &R) const {
  SequenceValues V;
  if (!matchWindow(0, LeanEntry, LeanEntryLen, V))
    return false;
  Global = V.Counter;
  R = V.Cost;
  return true;
}

/// A release of \p R from the counter ending just before instruction \p At.
bool LeanAnalyzer::isRelease(size_t At, uint32_t R) const {
  SequenceValues V;
  return At >= LeanReleaseLen && matchWindow(At - LeanReleaseLen, LeanRelease, LeanReleaseLen, V) &&
         V.Counter == G && V.Cost == R;
}

/// The counter is the global of the first function's entry sequence. Only
/// the heads of the bodies are decoded here; a body that does not decode is
/// found malformed when it is analysed.
void LeanAnalyzer::findCounter() {
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F) {
    const FunctionBody &B = M.body(F);
    ByteReader R(M.Data, B.CodeOffset, B.Offset + B.Size);
    std::string Msg;
    size_t N = 0;
    while (N <= LeanEntryLen && !R.atEnd() && decodeInstr(R, Window[N], Msg))
      ++N;
    uint32_t Global, Res;
    if (N > LeanEntryLen && matchEntry(Global, Res) && Global < M.Globals.size()) {
      CounterKnown = true;
      G = Global;
      Rep.HasCounter = true;
      Rep.CounterGlobal = G;
      return;
    }
  }
}

void LeanAnalyzer::checkCounterGlobal() {
  if (!CounterKnown)
    return;
  const GlobalInfo &GI = M.Globals[G];
  std::string Name = "global " + std::to_string(G);
  if (GI.Imported) {
    violation(LeanRule::Counter, NoFunction, 0, "counter " + Name + " is imported");
    return;
  }
  if (GI.Type != ValType::I32 || !GI.Mutable)
    violation(LeanRule::Counter, NoFunction, GI.InitOffset, "counter " + Name + " is not a mutable i32");
  if (GI.Exported)
    violation(LeanRule::Counter, NoFunction, GI.InitOffset, "counter " + Name + " is exported");
  // The initialiser: exactly `i32.const LIMIT end`.
  ByteReader R(M.Data, GI.InitOffset, GI.InitOffset + GI.InitSize);
  uint8_t Op = 0, EndOp = 0;
  int64_t V = 0;
  if (!R.readByte(Op) || Op != opcodeByte(op::I32Const) || !R.readSLEB(V, 32) ||
      !R.readByte(EndOp) || EndOp != opcodeByte(op::End) || !R.atEnd()) {
    violation(LeanRule::Counter, NoFunction, GI.InitOffset,
              "counter " + Name + " is not initialised by one i32.const (the limit)");
    return;
  }
  InitValue = static_cast<uint32_t>(V);
  InitRead = true;
}

/// Rule 2's limit: the counter starts at LIMIT - S, S the free entries'
/// largest worst case (spec section 3); without a counter, S must fit in
/// the limit asked for.
void LeanAnalyzer::checkLimit() {
  bool Known = true; // every free entry's worst case (else rule 6 or 1 failed)
  for (const LeanFunction &LF : Rep.Functions)
    if (LF.FreeEntry && LF.RequiredValid)
      Rep.FreeBound = std::max(Rep.FreeBound, LF.Required);
    else if (LF.FreeEntry)
      Known = false;
  if (!Known)
    return;
  uint64_t S = Rep.FreeBound;
  if (!CounterKnown) {
    // Nothing reserves, so nothing in the module says what the limit is.
    if (Rep.NumFree && !Opts.HasLimit)
      violation(LeanRule::Counter, NoFunction, 0,
                "no counter holds the limit, and the free entries need " + std::to_string(S) +
                    ": give the limit (--limit N, N >= " + std::to_string(S) + ")");
    if (Opts.HasLimit) {
      Rep.Limit = Opts.Limit;
      if (S > Opts.Limit)
        violation(LeanRule::Counter, NoFunction, 0,
                  "the free entries need " + std::to_string(S) + ", more than the limit " +
                      std::to_string(Opts.Limit));
    }
    return;
  }
  if (!InitRead)
    return; // reported by checkCounterGlobal
  const GlobalInfo &GI = M.Globals[G];
  std::string Name = "global " + std::to_string(G);
  uint64_t Limit = uint64_t(InitValue) + S;
  if (Limit > UINT32_MAX) {
    violation(LeanRule::Counter, NoFunction, GI.InitOffset,
              "counter " + Name + " starts at " + std::to_string(InitValue) + ", and with the " +
                  "free entries' " + std::to_string(S) + " the limit exceeds 32 bits");
    return;
  }
  Rep.Limit = static_cast<uint32_t>(Limit);
  if (Rep.Limit == 0)
    violation(LeanRule::Counter, NoFunction, GI.InitOffset, "counter " + Name + " starts at 0: no limit");
  if (Opts.HasLimit && Rep.Limit != Opts.Limit) {
    if (S == 0)
      violation(LeanRule::Counter, NoFunction, GI.InitOffset,
                "counter " + Name + " starts at " + std::to_string(InitValue) + ", not the limit " +
                    std::to_string(Opts.Limit));
    else
      violation(LeanRule::Counter, NoFunction, GI.InitOffset,
                "counter " + Name + " starts at " + std::to_string(InitValue) + ", not the limit " +
                    std::to_string(Opts.Limit) + " less the free entries' worst case " +
                    std::to_string(S));
  }
}

bool LeanAnalyzer::analyzeBody(uint32_t F) {
  const FunctionBody &B = M.body(F);
  const FuncType &T = M.funcType(F);
  LeanFunction &LF = Rep.Functions[F - M.NumImportedFuncs];
  uint64_t NumLocals = uint64_t(T.NumParams) + B.NumLocals;

  // One pass: each instruction is decoded, checked and applied to the
  // height model in turn; the window keeps the few before it that the
  // entry and release sequences need.
  LeanHeightModel Model(T.NumResults);
  Accesses.clear();
  Releases.clear();
  uint32_t R = 0;
  bool Broken = false;
  ByteReader Reader(M.Data, B.CodeOffset, B.Offset + B.Size);
  std::string Msg;
  for (size_t K = 0; !Reader.atEnd(); ++K) {
    Instr &I = Window[K % WindowSize];
    if (!decodeInstr(Reader, I, Msg))
      return malformed(F, static_cast<uint32_t>(Reader.offset()), Msg);
    if (Broken)
      continue; // the rest must still decode
    bool FinalEnd = Reader.atEnd();
    // The entry: the first LeanEntryLen instructions, with more after them.
    uint32_t Global;
    if (K == LeanEntryLen && matchEntry(Global, R) && CounterKnown && Global == G) {
      LF.Checked = true;
      LF.Reserved = R;
      LF.EntryConstAt = Window[1].Offset;
      LF.EntryConstAt2 = Window[7].Offset;
      ++Rep.NumChecked;
    }
    if (CounterKnown && (I.Key == op::GlobalGet || I.Key == op::GlobalSet) && I.Index == G)
      Accesses.push_back({K, I.Offset, I.name()});
    // Exits of a checked function: releases before them.
    if (LF.Checked && (I.kind() == OpKind::Return || FinalEnd)) {
      bool Reachable = !Model.unreachable();
      if (isRelease(K, R)) {
        Releases.push_back(K - LeanReleaseLen);
        LF.ReleaseConstAt.push_back(Window[(K - 3) % WindowSize].Offset);
      } else if (Reachable && K >= LeanEntryLen) {
        violation(LeanRule::Shape, F, I.Offset,
                  std::string(FinalEnd ? "the end of the function" : "return") +
                      " is reached without releasing the reservation of " + std::to_string(R));
      } else if (Reachable) {
        violation(LeanRule::Shape, F, I.Offset, "the function ends inside its entry sequence");
      }
    }
    AbstractOp Op;
    switch (I.kind()) {
    case OpKind::Plain:
      if (I.Key >= op::LocalGet && I.Key <= op::LocalTee && I.Index >= NumLocals)
        return malformed(F, I.Offset, "local index out of range");
      if ((I.Key == op::GlobalGet || I.Key == op::GlobalSet) && I.Index >= M.Globals.size())
        return malformed(F, I.Offset, "global index out of range");
      if (I.Key == op::RefFunc) {
        if (I.Index >= M.numFuncs())
          return malformed(F, I.Offset, "ref.func index out of range");
        CodeRefs.push_back(I.Index);
        CodeRefs.push_back(I.Offset);
      }
      Op = AbstractOp::plain(I.Info->Pops, I.Info->Pushes);
      break;
    case OpKind::Block:
    case OpKind::Loop:
    case OpKind::If: {
      uint32_t P = 0, Res = 0;
      if (I.BT.Kind == BlockType::Value) {
        Res = 1;
      } else if (I.BT.Kind == BlockType::TypeIndex) {
        if (I.BT.Index >= M.Types.size())
          return malformed(F, I.Offset, "block type index out of range");
        P = M.Types[I.BT.Index].NumParams;
        Res = M.Types[I.BT.Index].NumResults;
      }
      Op = AbstractOp::block(I.kind(), P, Res);
      break;
    }
    case OpKind::Br:
    case OpKind::BrIf:
    case OpKind::BrTable: {
      // A checked function leaves only through return and its final end.
      auto CheckLabel = [&](uint32_t Depth) {
        if (LF.Checked && Depth + 1 == Model.depth())
          violation(LeanRule::Shape, F, I.Offset,
                    std::string(I.name()) +
                        " branches to the function's own label, leaving without a release");
      };
      CheckLabel(I.Index);
      if (I.kind() == OpKind::BrTable)
        forEachBrTableTarget(M.Data, I, CheckLabel);
      Op = AbstractOp::branch(I.kind(), I.Index);
      break;
    }
    case OpKind::Call: {
      if (I.Index >= M.numFuncs())
        return malformed(F, I.Offset, "call index out of range");
      const FuncType &CT = M.funcType(I.Index);
      if (!M.isImportedFunc(I.Index))
        LF.Callees.push_back(I.Index);
      else
        LF.CallsImport = true;
      Op = AbstractOp::call(OpKind::Call, CT.NumParams, CT.NumResults);
      break;
    }
    case OpKind::CallIndirect: {
      LF.CallsIndirect = true;
      if (I.Index >= M.Types.size())
        return malformed(F, I.Offset, "call_indirect type index out of range");
      if (I.Index2 >= M.NumTables)
        return malformed(F, I.Offset, "call_indirect table index out of range");
      const FuncType &CT = M.Types[I.Index];
      Op = AbstractOp::call(OpKind::CallIndirect, CT.NumParams, CT.NumResults);
      break;
    }
    case OpKind::Unsupported:
      violation(LeanRule::Unsupported, F, I.Offset,
                std::string(I.name()) + " is not covered by the lean profile");
      Broken = true;
      continue;
    default:
      Op = AbstractOp::of(I.kind());
      break;
    }
    if (!Model.step(Op))
      return malformed(F, I.Offset, costErrorMessage(Model.error()));
  }
  if (Broken)
    return true;
  if (!Model.finished())
    return malformed(F, B.Offset + B.Size, costErrorMessage(CostError::Unterminated));

  // Rule 4: the counter only inside sequences (the entry's, the releases').
  size_t RI = 0;
  for (const Access &A : Accesses) {
    if (LF.Checked && A.K < LeanEntryLen)
      continue;
    while (RI < Releases.size() && Releases[RI] + LeanReleaseLen <= A.K)
      ++RI;
    if (RI < Releases.size() && Releases[RI] <= A.K)
      continue;
    violation(LeanRule::CounterAccess, F, A.Offset,
              std::string(A.Name) + " of the counter outside a reservation sequence");
  }

  uint64_t Frame = NumLocals + Model.maxHeight() + LeanActivationCost;
  if (Frame > UINT32_MAX)
    return malformed(F, B.Offset, "frame cost overflows 32 bits");
  LF.Frame = static_cast<uint32_t>(Frame);
  LF.FrameValid = true;
  std::sort(LF.Callees.begin(), LF.Callees.end());
  LF.Callees.erase(std::unique(LF.Callees.begin(), LF.Callees.end()), LF.Callees.end());
  return true;
}

void LeanAnalyzer::checkEntries() {
  // What call_indirect may reach (tables hold what segments and ref.func put there).
  for (const FuncRef &R : M.ElemFuncRefs)
    Rep.IndirectTargets.push_back(R.Func);
  for (const FuncRef &R : M.GlobalFuncRefs)
    Rep.IndirectTargets.push_back(R.Func);
  for (size_t K = 0; K + 1 < CodeRefs.size(); K += 2)
    Rep.IndirectTargets.push_back(CodeRefs[K]);
  std::sort(Rep.IndirectTargets.begin(), Rep.IndirectTargets.end());
  Rep.IndirectTargets.erase(std::unique(Rep.IndirectTargets.begin(), Rep.IndirectTargets.end()),
                            Rep.IndirectTargets.end());
  std::vector<uint8_t> Free; // computed when an export or start is not checked
  // Exports and start may be free entries; table elements and ref.func not.
  auto Check = [&](uint32_t Target, uint32_t Offset, const char *What, bool MayBeFree) {
    if (Target >= M.numFuncs() || M.isImportedFunc(Target))
      return;
    LeanFunction &LF = Rep.Functions[Target - M.NumImportedFuncs];
    if (LF.Checked || LF.FreeEntry)
      return;
    if (MayBeFree && Free.empty())
      Free = leanFreeEntryCandidates(M, Rep);
    if (MayBeFree && Free[Target - M.NumImportedFuncs]) {
      LF.FreeEntry = true;
      ++Rep.NumFree;
      return;
    }
    violation(LeanRule::EntryPoint, NoFunction, Offset,
              std::string(What) + " names " + name(Target) + ", which is not checked" +
                  (MayBeFree ? " (nor a free entry: it reaches an import, a recursion or a "
                               "table)"
                             : ""));
  };
  for (const Export &E : M.Exports)
    if (E.Kind == ExternalKind::Func)
      Check(E.Index, E.IndexOffset, ("export \"" + std::string(E.Name) + "\"").c_str(), true);
  for (const FuncRef &R : M.ElemFuncRefs)
    Check(R.Func, R.Offset, "an element segment", false);
  for (const FuncRef &R : M.GlobalFuncRefs)
    Check(R.Func, R.Offset, "a global's ref.func", false);
  if (M.HasStart)
    Check(M.Start, M.StartOffset, "the start section", true);
  for (size_t K = 0; K + 1 < CodeRefs.size(); K += 2)
    Check(CodeRefs[K], CodeRefs[K + 1], "ref.func", false);
}

/// Rules 6 and 7: U over the covered graph (which must be acyclic), then R.
void LeanAnalyzer::computeReservations() {
  uint32_t NI = M.NumImportedFuncs;
  size_t N = Rep.Functions.size();
  enum : uint8_t { White, Grey, Black };
  std::vector<uint8_t> Colour(N, White);
  auto Covered = [&](uint32_t F) { return !Rep.Functions[F - NI].Checked; };
  auto SubtreeOfCallees = [&](const LeanFunction &LF, uint64_t &Out) {
    Out = 0;
    for (uint32_t C : LF.Callees) {
      const LeanFunction &CF = Rep.Functions[C - NI];
      if (CF.Checked)
        continue;
      if (!CF.RequiredValid)
        return false;
      Out = std::max(Out, CF.Required);
    }
    return true;
  };
  // Iterative depth-first search over covered functions, callees first.
  std::vector<std::pair<uint32_t, size_t>> Stack;
  bool CycleReported = false;
  for (uint32_t Root = NI; Root < NI + N; ++Root) {
    if (!Covered(Root) || Colour[Root - NI] != White || !Rep.Functions[Root - NI].FrameValid)
      continue;
    Stack.push_back({Root, 0});
    Colour[Root - NI] = Grey;
    while (!Stack.empty()) {
      auto &[F, Next] = Stack.back();
      LeanFunction &LF = Rep.Functions[F - NI];
      if (Next < LF.Callees.size()) {
        uint32_t C = LF.Callees[Next++];
        if (!Covered(C) || !Rep.Functions[C - NI].FrameValid)
          continue;
        if (Colour[C - NI] == Grey) {
          if (!CycleReported) {
            // The cycle is the stack from C up to F.
            std::string Path;
            bool In = false;
            for (auto &E : Stack) {
              In = In || E.first == C;
              if (In)
                Path += name(E.first) + " -> ";
            }
            violation(LeanRule::CoveredCycle, C, M.body(C).CodeOffset,
                      "covered functions call each other in a cycle, none reserving: " + Path +
                          name(C));
            CycleReported = true;
          }
          continue;
        }
        if (Colour[C - NI] == White) {
          Colour[C - NI] = Grey;
          Stack.push_back({C, 0});
        }
        continue;
      }
      uint64_t Sub;
      if (SubtreeOfCallees(LF, Sub)) {
        LF.Required = LF.Frame + Sub;
        LF.RequiredValid = LF.Required <= UINT32_MAX;
      }
      Colour[F - NI] = Black;
      Stack.pop_back();
    }
  }
  for (uint32_t F = NI; F < NI + N; ++F) {
    LeanFunction &LF = Rep.Functions[F - NI];
    if (!LF.Checked || !LF.FrameValid)
      continue;
    uint64_t Sub;
    if (!SubtreeOfCallees(LF, Sub))
      continue; // a cycle below, reported under rule 6
    LF.Required = LF.Frame + Sub;
    LF.RequiredValid = true;
    if (LF.Required > UINT32_MAX) {
      violation(LeanRule::Reservation, F, LF.EntryConstAt,
                "needs a reservation of " + std::to_string(LF.Required) + ", beyond 32 bits");
    } else if (LF.Reserved != LF.Required) {
      violation(LeanRule::Reservation, F, LF.EntryConstAt,
                "reserves " + std::to_string(LF.Reserved) + ", needs exactly " +
                    std::to_string(LF.Required) + " (frame " + std::to_string(LF.Frame) +
                    " + covered callees " + std::to_string(Sub) + ")");
    }
  }
}

void LeanAnalyzer::run() {
  if (const Section *Linking = linkingSection(M))
    violation(LeanRule::Decode, NoFunction, Linking->Offset, RelocatableObjectMessage);
  Rep.Functions.assign(M.Bodies.size(), LeanFunction());
  findCounter();
  if (Rep.Malformed)
    return;
  checkCounterGlobal();
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F)
    if (!analyzeBody(F))
      return;
  checkEntries();
  computeReservations();
  checkLimit();
}

} // namespace

/// The call graph over defined functions (index - imported functions),
/// with one more node, number N, standing for the table: direct calls, an
/// edge to the table node from every function with a call_indirect, and
/// from the table node to every function a table may hold. (One node, not
/// an edge from each call_indirect to each target: linear in the module.)
static std::vector<std::vector<uint32_t>> extendedCallGraph(const Module &M, const LeanReport &R) {
  uint32_t NI = M.NumImportedFuncs, N = static_cast<uint32_t>(R.Functions.size());
  std::vector<std::vector<uint32_t>> Succ(N + 1);
  for (uint32_t F = 0; F < N; ++F) {
    for (uint32_t C : R.Functions[F].Callees)
      Succ[F].push_back(C - NI);
    if (R.Functions[F].CallsIndirect)
      Succ[F].push_back(N);
  }
  for (uint32_t T : R.IndirectTargets)
    if (T >= NI && T - NI < N)
      Succ[N].push_back(T - NI);
  return Succ;
}

std::vector<uint8_t> leanFreeEntryCandidates(const Module &M, const LeanReport &R) {
  uint32_t N = static_cast<uint32_t>(R.Functions.size());
  std::vector<std::vector<uint32_t>> Succ = extendedCallGraph(M, R);
  uint32_t NumComps;
  std::vector<uint32_t> Comp = stronglyConnectedComponents(
      N + 1, [&](uint32_t V) -> const std::vector<uint32_t> & { return Succ[V]; }, NumComps);
  std::vector<uint8_t> InCycle =
      cycleMembers(N + 1, [&](uint32_t V) -> const std::vector<uint32_t> & { return Succ[V]; });
  // Components are numbered callees first: an import call reachable from a
  // component is one of its own or one reachable from a lower-numbered one.
  std::vector<std::vector<uint32_t>> Members(NumComps);
  for (uint32_t F = 0; F <= N; ++F)
    Members[Comp[F]].push_back(F);
  std::vector<uint8_t> ReachesImport(NumComps, 0);
  for (uint32_t C = 0; C < NumComps; ++C)
    for (uint32_t F : Members[C]) {
      ReachesImport[C] |= F < N && R.Functions[F].CallsImport;
      for (uint32_t W : Succ[F])
        ReachesImport[C] |= ReachesImport[Comp[W]];
    }
  std::vector<uint8_t> Candidate = leanEntryPoints(M, R);
  for (uint32_t F = 0; F < N; ++F)
    Candidate[F] = Candidate[F] == EntryDirect && !InCycle[F] && !ReachesImport[Comp[F]] &&
                   R.Functions[F].FrameValid;
  return Candidate;
}

std::vector<uint8_t> leanEntryPoints(const Module &M, const LeanReport &R) {
  uint32_t NI = M.NumImportedFuncs, N = static_cast<uint32_t>(R.Functions.size());
  std::vector<uint8_t> Kind(N, EntryNone);
  auto Mark = [&](uint32_t F, uint8_t K) {
    if (F >= NI && F - NI < N)
      Kind[F - NI] = std::max(Kind[F - NI], K);
  };
  for (const Export &E : M.Exports)
    if (E.Kind == ExternalKind::Func)
      Mark(E.Index, EntryDirect);
  if (M.HasStart)
    Mark(M.Start, EntryDirect);
  for (uint32_t T : R.IndirectTargets)
    Mark(T, EntryIndirect);
  return Kind;
}

std::vector<LeanExportBound> leanExportBounds(const Module &M, const LeanReport &R) {
  uint32_t NI = M.NumImportedFuncs, N = static_cast<uint32_t>(R.Functions.size());
  std::vector<std::vector<uint32_t>> Succ = extendedCallGraph(M, R);
  // Strongly connected components, numbered in reverse topological order:
  // every edge leaves a component for one numbered lower or for itself.
  uint32_t NumComps;
  std::vector<uint32_t> Comp = stronglyConnectedComponents(
      N + 1, [&](uint32_t V) -> const std::vector<uint32_t> & { return Succ[V]; }, NumComps);
  // Per component, callees first: cyclic (more than one node, or a
  // self-call), the worst frame sum below it when acyclic, and the cycles
  // reachable from it. The table node (N) has no frame.
  std::vector<std::vector<uint32_t>> Members(NumComps);
  for (uint32_t F = 0; F <= N; ++F)
    Members[Comp[F]].push_back(F);
  std::vector<uint8_t> Cyclic(NumComps, 0);
  std::vector<uint64_t> Worst(NumComps, 0);
  std::vector<std::vector<uint32_t>> Reach(NumComps); // cyclic components reachable
  for (uint32_t C = 0; C < NumComps; ++C) {
    Cyclic[C] = Members[C].size() > 1;
    uint64_t Below = 0;
    for (uint32_t F : Members[C])
      for (uint32_t W : Succ[F]) {
        if (Comp[W] == C) {
          Cyclic[C] = 1;
          continue;
        }
        Below = std::max(Below, Worst[Comp[W]]);
        Reach[C].insert(Reach[C].end(), Reach[Comp[W]].begin(), Reach[Comp[W]].end());
      }
    if (Cyclic[C])
      Reach[C].push_back(C);
    std::sort(Reach[C].begin(), Reach[C].end());
    Reach[C].erase(std::unique(Reach[C].begin(), Reach[C].end()), Reach[C].end());
    if (!Cyclic[C])
      Worst[C] = (Members[C][0] == N ? 0 : R.Functions[Members[C][0]].Frame) + Below;
  }
  std::vector<LeanExportBound> Out;
  for (const Export &E : M.Exports) {
    if (E.Kind != ExternalKind::Func || E.Index < NI)
      continue;
    LeanExportBound B;
    B.Name = std::string(E.Name);
    B.Func = E.Index;
    uint32_t C = Comp[E.Index - NI];
    B.Bounded = Reach[C].empty();
    B.WorstCase = Worst[C];
    for (uint32_t Cy : Reach[C]) {
      LeanCycle L;
      for (uint32_t F : Members[Cy]) {
        if (F == N)
          continue; // the table
        L.Functions.push_back(F + NI);
        const LeanFunction &LF = R.Functions[F];
        if (LF.Checked && (L.MinReservation == 0 || LF.Reserved < L.MinReservation))
          L.MinReservation = LF.Reserved;
      }
      L.MaxDepth = L.MinReservation ? R.Limit / L.MinReservation : 0;
      B.Cycles.push_back(std::move(L));
    }
    Out.push_back(std::move(B));
  }
  return Out;
}

void analyzeLean(const Module &M, const VerifyOptions &Opts, LeanReport &Report) {
  Report = LeanReport();
  LeanAnalyzer(M, Opts, Report).run();
}

void verifyLean(const uint8_t *Data, size_t Size, const VerifyOptions &Opts, LeanReport &Report,
                Module *Decoded) {
  Module Local;
  Module &M = Decoded ? *Decoded : Local;
  M = Module();
  Report = LeanReport();
  if (!decodeModule(Data, Size, M, Report.Decode)) {
    Report.Malformed = true;
    return;
  }
  analyzeLean(M, Opts, Report);
}

} // namespace stackcap
