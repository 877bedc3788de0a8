//===- verify.cpp - Checking the `compat` stack-limit rules ---------------===//
//
// Part of stackcap.
//
// Each body is decoded once, front to back. Instructions pass through a
// window of the last ten before they reach the cost model, so that when a
// `call` arrives the ten before it can still be recognised as a preamble and
// withheld, and the four after it are read ahead for the postamble: the model
// then sees the body exactly as it was before instrumentation (spec section 1).
// Facts that depend on other functions (callee costs, which functions are
// thunks, which global is the counter) are recorded and judged at the end.
//
//===----------------------------------------------------------------------===//
#include "stackcap/verify.h"

#include "stackcap/byte_reader.h"
#include "stackcap/call_sequence.h"
#include "stackcap/sequence_match.h"
#include "stackcap/compiler.h"
#include "stackcap/cost_model.h"
#include "stackcap/demangle.h"
#include "stackcap/instr.h"

#include <algorithm>
#include <cstdio>


namespace stackcap {

const char *ruleTitle(Rule R) {
  switch (R) {
  case Rule::Decode: return "module decodes completely and is linked";
  case Rule::Counter: return "one counter global: defined, mutable i32, initialised to 0, not exported";
  case Rule::CallSequence: return "every call to a defined function is instrumented with its cost, or calls a thunk";
  case Rule::CounterAccess: return "the counter is accessed only inside instrumentation sequences";
  case Rule::EntryPoint: return "exports, table entries, start and ref.func name imports or thunks";
  case Rule::Unsupported: return "no tail calls, call_ref, exception handling or stack switching";
  }
  return "unknown rule";
}

std::string describeFunction(const Module &M, uint32_t Func, bool Demangle) {
  std::string S = "func " + std::to_string(Func);
  std::string_view Name = M.funcName(Func);
  if (!Name.empty()) {
    S += " ($";
    if (Demangle)
      S += demangleSymbol(Name);
    else
      S.append(Name.data(), Name.size());
    S += ")";
  }
  return S;
}

namespace {

/// local.*, global.*, ref.func, memory.init and data.drop: the plain
/// instructions retire checks.
inline bool needsAccessCheck(uint32_t Key) {
  return (Key >= op::LocalGet && Key <= op::GlobalSet) || Key == op::RefFunc ||
         Key == op::MemoryInit || Key == op::DataDrop;
}

using SequenceParts = SequenceValues;


/// The preamble: CountedCall before the `call`.
bool matchPreamble(const Instr *const *W, SequenceParts &P) {
  return matchSteps(W, CountedCall, PreambleLength, P);
}

/// The postamble: CountedCall after the `call`.
bool matchPostamble(const Instr *const *W, uint32_t &Global, uint32_t &Cost) {
  SequenceParts P;
  if (!matchSteps(W, CountedCall + PostambleStart, PostambleLength, P))
    return false;
  Global = P.Counter;
  Cost = P.Cost;
  return true;
}

/// The decoded instructions of a body that are still in flight: the window
/// of up to PreambleLength not yet retired, the one being handled, and up to
/// PostambleLength read ahead, in a ring indexed by their position in the body's
/// instruction stream. Instructions are decoded in place and never copied.
class InstrRing {
public:
  static constexpr unsigned Size = 16; // a power of two above CountedCallLength
  Instr &at(uint32_t Seq) { return Slots[Seq & (Size - 1)]; }
  bool &suppress(uint32_t Seq) { return Suppressed[Seq & (Size - 1)]; }

private:
  Instr Slots[Size];
  bool Suppressed[Size]; // part of a broken sequence, already reported under rule 3
};
static_assert(InstrRing::Size >= CountedCallLength, "ring too small");

class Analyzer {
public:
  Analyzer(const Module &M, const VerifyOptions &Opts, VerifyReport &Rep,
           std::vector<InstrumentedCall> &Seqs)
      : M(M), Opts(Opts), Rep(Rep), Seqs(Seqs) {}

  void run();

private:
  const Module &M;
  const VerifyOptions &Opts;
  VerifyReport &Rep;
  std::vector<InstrumentedCall> &Seqs;

  struct PlainCall {
    uint32_t Caller, Offset, Callee;
  };
  struct CodeRef {
    uint32_t Func, Offset, Target;
  };
  struct Access {
    uint32_t Func, Offset;
    bool IsSet;
  };
  static constexpr size_t MaxAccessesKept = 16;

  std::vector<PlainCall> PlainCalls;
  std::vector<CodeRef> CodeRefs;
  std::vector<std::vector<Access>> Accesses; // per global, the first few outside sequences
  std::vector<uint64_t> AccessCounts;

  // State of the body being analysed.
  uint32_t Func = 0;
  uint64_t NumLocalsAndParams = 0;
  bool CostBroken = false;
  StackCostModel Model;
  // The stream positions: Window is [Retired, Current), the instruction
  // being handled is at Current - 1 (outside the window), and Ahead is
  // [Current, Decoded).
  InstrRing Ring;
  uint32_t Retired = 0;
  uint32_t Current = 0;
  uint32_t Decoded = 0;
  ByteReader Body;
  std::string DecodeMsg;

  std::string describe(uint32_t F) const { return describeFunction(M, F, Opts.Demangle); }
  void violation(Rule R, uint32_t F, uint32_t Offset, std::string Msg,
                 uint32_t Callee = NoFunction) {
    ++Rep.NumViolations;
    if (Rep.Violations.size() < Opts.MaxViolations)
      Rep.Violations.push_back({R, F, Offset, std::move(Msg), Callee});
  }
  bool malformed(uint32_t Offset, const std::string &Msg) {
    if (!Rep.Malformed) {
      Rep.Malformed = true;
      Rep.Decode.Offset = Offset;
      Rep.Decode.Message = describe(Func) + ": " + Msg;
    }
    return false;
  }

  bool analyzeBody(uint32_t F);
  bool isThunk(uint32_t F, uint32_t &Target);
  bool decodeNext();
  bool fillAhead();
  uint32_t windowSize() const { return Current - 1 - Retired; }
  uint32_t aheadSize() const { return Decoded - Current; }
  bool handleCall(const Instr &I);
  void reportBrokenSequence(const Instr &Call, uint32_t Callee, bool HasPre, bool HasPost,
                            const SequenceParts &Pre, uint32_t PostGlobal, uint32_t PostCost);
  bool flushWindow(uint32_t Until);
  bool retire(const Instr &I, bool Suppress);
  bool retireAccess(const Instr &I, bool Suppress);
  bool feed(const Instr &I, const AbstractOp &Op);
  bool feedPlain(const Instr &I);
  bool costFailed(const Instr &I);
  bool blockArity(const Instr &I, uint32_t &Params, uint32_t &Results);
  void judge();
  void checkEntry(uint32_t Target, uint32_t F, uint32_t Offset, const char *What);
};

/// Decodes the body's next instruction into the ring, at Decoded.
STACKCAP_ALWAYS_INLINE bool Analyzer::decodeNext() {
  size_t At = Body.offset();
  if (!decodeInstr(Body, Ring.at(Decoded), DecodeMsg))
    return malformed(static_cast<uint32_t>(At), DecodeMsg);
  Ring.suppress(Decoded) = false;
  ++Decoded;
  return true;
}

/// An instruction whose immediates are not understood ends what can be
/// decoded of a body (see decodeInstr).
bool endsBody(const Instr &I) {
  return I.kind() == OpKind::Unsupported && I.Info->Imm == ImmKind::Unknown;
}

bool Analyzer::fillAhead() {
  while (aheadSize() < PostambleLength && !Body.atEnd()) {
    // Never read past an instruction that ends the body: its immediates
    // would be decoded as instructions.
    if (aheadSize() != 0 && endsBody(Ring.at(Decoded - 1)))
      return true;
    if (!decodeNext())
      return false;
  }
  return true;
}

bool Analyzer::feed(const Instr &I, const AbstractOp &Op) {
  if (CostBroken || Model.step(Op))
    return true;
  return costFailed(I);
}

/// A Plain instruction, its stack effect from the opcode table.
STACKCAP_ALWAYS_INLINE bool Analyzer::feedPlain(const Instr &I) {
  if (CostBroken || Model.stepPlain(I.Info->Pops, I.Info->Pushes))
    return true;
  return costFailed(I);
}

bool Analyzer::costFailed(const Instr &I) {
  return malformed(I.Offset, std::string(costErrorMessage(Model.error())) + " (" + I.name() + ")");
}

bool Analyzer::blockArity(const Instr &I, uint32_t &Params, uint32_t &Results) {
  switch (I.BT.Kind) {
  case BlockType::Empty:
    Params = Results = 0;
    return true;
  case BlockType::Value:
    Params = 0;
    Results = 1;
    return true;
  case BlockType::TypeIndex:
    if (I.BT.Index >= M.Types.size())
      return malformed(I.Offset, "block type index out of range");
    Params = M.Types[I.BT.Index].NumParams;
    Results = M.Types[I.BT.Index].NumResults;
    return true;
  }
  return false;
}

/// Retires the window's instructions, in order, up to (not including)
/// stream position \p Until.
bool Analyzer::flushWindow(uint32_t Until) {
  while (Retired < Until) {
    uint32_t Seq = Retired++;
    if (!retire(Ring.at(Seq), Ring.suppress(Seq)))
      return false;
  }
  return true;
}

bool Analyzer::handleCall(const Instr &Call) {
  uint32_t Callee = Call.Index;
  const FuncType &T = M.funcType(Callee);
  AbstractOp Op = AbstractOp::call(OpKind::Call, T.NumParams, T.NumResults);

  SequenceParts Pre{};
  const Instr *W[PreambleLength];
  bool HasPre = false;
  if (windowSize() == PreambleLength) {
    for (unsigned K = 0; K < PreambleLength; ++K)
      W[K] = &Ring.at(Retired + K);
    // A sequence naming a global that does not exist is no sequence: its
    // instructions are retired one by one, which reports the bad index.
    HasPre = matchPreamble(W, Pre) && Pre.Counter < M.Globals.size();
  }
  if (!fillAhead())
    return false;
  uint32_t PostGlobal = 0, PostCost = 0;
  bool HasPost = false;
  if (aheadSize() == PostambleLength) {
    const Instr *A[PostambleLength];
    for (unsigned K = 0; K < PostambleLength; ++K)
      A[K] = &Ring.at(Current + K);
    HasPost = matchPostamble(A, PostGlobal, PostCost);
  }

  if (HasPre && HasPost && PostGlobal == Pre.Counter && PostCost == Pre.Cost) {
    // The sequence is withheld from the model: the window and the
    // postamble are dropped unretired.
    uint32_t CostAt = W[seqStepOf(SeqImm::Cost)]->Offset;
    uint32_t LimitAt = W[seqStepOf(SeqImm::Limit)]->Offset;
    uint32_t PostCostAt =
        Ring.at(Current + seqStepOf(SeqImm::Cost, PostambleStart) - PostambleStart).Offset;
    Current += PostambleLength;
    Retired = Current;
    Seqs.push_back({Func, Call.Offset, Callee, Pre.Cost, Pre.Limit, Pre.Counter, CostAt, LimitAt,
                    PostCostAt});
    ++Rep.NumInstrumentedCalls;
    return feed(Call, Op);
  }

  if (HasPre || HasPost)
    reportBrokenSequence(Call, Callee, HasPre, HasPost, Pre, PostGlobal, PostCost);
  else
    PlainCalls.push_back({Func, Call.Offset, Callee});
  if (HasPre)
    for (unsigned K = 0; K < PreambleLength; ++K)
      Ring.suppress(Retired + K) = true;
  if (HasPost)
    for (unsigned K = 0; K < PostambleLength; ++K)
      Ring.suppress(Current + K) = true;
  if (!flushWindow(Current - 1))
    return false;
  Retired = Current; // the call itself is fed here, not retired later
  return feed(Call, Op);
}

void Analyzer::reportBrokenSequence(const Instr &Call, uint32_t Callee, bool HasPre,
                                    bool HasPost, const SequenceParts &Pre, uint32_t PostGlobal,
                                    uint32_t PostCost) {
  std::string Callee_ = describe(Callee);
  if (HasPre && HasPost) {
    violation(Rule::CallSequence, Func, Call.Offset,
              "call to " + Callee_ + ": preamble (global " + std::to_string(Pre.Counter) +
                  ", cost " + std::to_string(Pre.Cost) + ") and postamble (global " +
                  std::to_string(PostGlobal) + ", cost " + std::to_string(PostCost) +
                  ") disagree");
  } else if (HasPre) {
    violation(Rule::CallSequence, Func, Call.Offset,
              "call to " + Callee_ + " has a preamble but no postamble");
  } else {
    violation(Rule::CallSequence, Func, Call.Offset,
              "call to " + Callee_ + " has a postamble but no preamble");
  }
}

/// The index checks and bookkeeping of local.*, global.* and ref.func.
bool Analyzer::retireAccess(const Instr &I, bool Suppress) {
  switch (I.Key) {
  case op::LocalGet:
  case op::LocalSet:
  case op::LocalTee:
    if (I.Index >= NumLocalsAndParams)
      return malformed(I.Offset, "local index " + std::to_string(I.Index) + " out of range");
    break;
  case op::GlobalGet:
  case op::GlobalSet:
    if (I.Index >= M.Globals.size())
      return malformed(I.Offset, "global index " + std::to_string(I.Index) + " out of range");
    if (!Suppress) {
      if (AccessCounts[I.Index]++ < MaxAccessesKept)
        Accesses[I.Index].push_back({Func, I.Offset, I.Key == op::GlobalSet});
    }
    break;
  case op::RefFunc:
    if (I.Index >= M.numFuncs())
      return malformed(I.Offset, "ref.func of unknown function " + std::to_string(I.Index));
    CodeRefs.push_back({Func, I.Offset, I.Index});
    break;
  case op::MemoryInit:
  case op::DataDrop:
    // Data segment indices in code need the data count section (spec 5.5.16).
    if (!M.HasDataCount)
      return malformed(I.Offset, std::string(I.name()) + " without a data count section");
    break;
  default:
    break;
  }
  return true;
}

bool Analyzer::retire(const Instr &I, bool Suppress) {
  switch (I.kind()) {
  case OpKind::Plain:
    if (needsAccessCheck(I.Key)) {
      if (!retireAccess(I, Suppress))
        return false;
    }
    return feedPlain(I);
  case OpKind::Block:
  case OpKind::Loop:
  case OpKind::If: {
    uint32_t P, R;
    if (!blockArity(I, P, R))
      return false;
    return feed(I, AbstractOp::block(I.kind(), P, R));
  }
  case OpKind::Br:
  case OpKind::BrIf:
    return feed(I, AbstractOp::branch(I.kind(), I.Index));
  case OpKind::BrTable:
    if (!CostBroken) {
      bool Ok = true;
      forEachBrTableTarget(M.Data, I, [&](uint32_t D) {
        if (Ok && !Model.checkBrTableTarget(D, I.Index))
          Ok = false;
      });
      if (!Ok)
        return malformed(I.Offset, costErrorMessage(Model.error()));
    }
    return feed(I, AbstractOp::branch(OpKind::BrTable, I.Index));
  case OpKind::Call: {
    // Only calls to imports come here; calls to defined functions go through
    // handleCall. The index was range-checked before.
    const FuncType &T = M.funcType(I.Index);
    return feed(I, AbstractOp::call(OpKind::Call, T.NumParams, T.NumResults));
  }
  case OpKind::CallIndirect: {
    if (I.Index >= M.Types.size())
      return malformed(I.Offset, "call_indirect type index out of range");
    if (I.Index2 >= M.NumTables)
      return malformed(I.Offset, "call_indirect table index out of range");
    const FuncType &T = M.Types[I.Index];
    return feed(I, AbstractOp::call(OpKind::CallIndirect, T.NumParams, T.NumResults));
  }
  case OpKind::Unsupported:
    violation(Rule::Unsupported, Func, I.Offset,
              std::string(I.name()) + " is not covered by the compat profile");
    CostBroken = true;
    return true;
  default:
    return feed(I, AbstractOp::of(I.kind()));
  }
}

/// The thunk shape of call_sequence.h: no locals, the parameters forwarded
/// in order, one counted call of a defined function of the same type, `end`.
bool Analyzer::isThunk(uint32_t F, uint32_t &Target) {
  const FunctionBody &B = M.body(F);
  if (B.NumLocalGroups != ThunkLocalGroups)
    return false;
  const FuncType &T = M.funcType(F);
  ByteReader R(M.Data, B.CodeOffset, B.Offset + B.Size);
  Instr I;
  std::string Msg;
  for (uint32_t K = 0; K < T.NumParams; ++K)
    if (!decodeInstr(R, I, Msg) || I.Key != ThunkForwardOpcode || I.Index != K)
      return false;
  Instr Seq[CountedCallLength];
  for (Instr &S : Seq)
    if (!decodeInstr(R, S, Msg))
      return false;
  if (!decodeInstr(R, I, Msg) || I.Key != ThunkEndOpcode || !R.atEnd())
    return false;
  const Instr *W[CountedCallLength];
  for (unsigned K = 0; K < CountedCallLength; ++K)
    W[K] = &Seq[K];
  SequenceParts P;
  if (!matchSteps(W, CountedCall, CountedCallLength, P))
    return false;
  uint32_t Callee = P.Callee;
  if (Callee >= M.numFuncs() || M.isImportedFunc(Callee) || Callee == F ||
      !(M.funcType(Callee) == T))
    return false;
  Target = Callee;
  return true;
}

bool Analyzer::analyzeBody(uint32_t F) {
  Func = F;
  const FunctionBody &B = M.body(F);
  const FuncType &T = M.funcType(F);
  NumLocalsAndParams = uint64_t(T.NumParams) + B.NumLocals;
  CostBroken = false;
  Model.reset(T.NumResults);
  Retired = Current = Decoded = 0;
  Body = ByteReader(M.Data, B.CodeOffset, B.Offset + B.Size);

  for (;;) {
    if (Current == Decoded) {
      if (Body.atEnd())
        break;
      if (!decodeNext())
        return false;
    }
    const Instr &I = Ring.at(Current++);
    if (I.Key == op::Call) {
      if (I.Index >= M.numFuncs())
        return malformed(I.Offset, "call to unknown function " + std::to_string(I.Index));
      if (!M.isImportedFunc(I.Index)) {
        if (!handleCall(I))
          return false;
        continue;
      }
    } else if (endsBody(I)) {
      // The rest of the body cannot be framed: report and stop here.
      bool Suppress = Ring.suppress(Current - 1);
      if (!flushWindow(Current - 1))
        return false;
      retire(I, Suppress);
      return true;
    }
    // The instruction joins the window; the oldest one leaves it.
    if (Current - Retired > PreambleLength) {
      uint32_t Seq = Retired++;
      const Instr &Old = Ring.at(Seq);
      // The common case inline: a plain instruction that needs no checks.
      if (Old.Info->Kind == OpKind::Plain && !CostBroken &&
          (!needsAccessCheck(Old.Key) ||
           (Old.Key <= op::LocalTee && Old.Index < NumLocalsAndParams))) {
        if (!feedPlain(Old))
          return false;
      } else if (!retire(Old, Ring.suppress(Seq))) {
        return false;
      }
    }
  }
  if (!flushWindow(Current))
    return false;
  if (CostBroken)
    return true;
  if (!Model.finished())
    return malformed(B.Offset + B.Size, costErrorMessage(CostError::Unterminated));
  uint32_t Cost;
  if (!addCost(B.NumLocals, Model.maxHeight(), Cost))
    return malformed(B.Offset, "cost overflows 32 bits");
  size_t Idx = F - M.NumImportedFuncs;
  Rep.Costs[Idx] = Cost;
  Rep.CostValid[Idx] = 1;
  return true;
}

void Analyzer::checkEntry(uint32_t Target, uint32_t F, uint32_t Offset, const char *What) {
  if (M.isImportedFunc(Target) || Rep.ThunkTarget[Target - M.NumImportedFuncs] != NoFunction)
    return;
  violation(Rule::EntryPoint, F, Offset,
            std::string(What) + " names " + describe(Target) + ", which is not a thunk");
}

void Analyzer::judge() {
  // Rule 1 asks for a linked module. A relocatable object (wasm-ld's input,
  // marked by its `linking` section) is instrumented only in part: linking
  // renumbers its functions and globals, sets placeholder costs and limits
  // and adds the thunks only the linker can know, so it proves nothing.
  if (const Section *Linking = linkingSection(M))
    violation(Rule::Decode, NoFunction, Linking->Offset, RelocatableObjectMessage);
  uint32_t NumImported = M.NumImportedFuncs;
  auto CostOf = [&](uint32_t F, uint32_t &C) {
    size_t Idx = F - NumImported;
    C = Rep.Costs[Idx];
    return Rep.CostValid[Idx] != 0;
  };

  // Rule 2: the counter is the global of the first sequence; all must agree.
  if (!Seqs.empty()) {
    Rep.HasCounter = true;
    Rep.CounterGlobal = Seqs.front().Global;
    uint32_t G = Rep.CounterGlobal;
    const GlobalInfo &GI = M.Globals[G];
    std::string Name = "global " + std::to_string(G);
    if (GI.Imported)
      violation(Rule::Counter, NoFunction, 0, "counter " + Name + " is imported");
    // A defined global's type (value type and mutability bytes) directly
    // precedes its initialiser.
    if (GI.Type != ValType::I32 || !GI.Mutable)
      violation(Rule::Counter, NoFunction, GI.Imported ? 0 : GI.InitOffset - 2,
                "counter " + Name + " is not a mutable i32");
    if (!GI.Imported && !GI.InitIsI32Zero)
      violation(Rule::Counter, NoFunction, GI.InitOffset,
                "counter " + Name + " is not initialised by i32.const 0");
    if (GI.Exported)
      for (const Export &E : M.Exports)
        if (E.Kind == ExternalKind::Global && E.Index == G)
          violation(Rule::Counter, NoFunction, E.IndexOffset,
                    "counter " + Name + " is exported as \"" + std::string(E.Name) + "\"");
  }

  if (Opts.HasLimit) {
    Rep.HasLimit = true;
    Rep.Limit = Opts.Limit;
  } else if (!Seqs.empty()) {
    Rep.HasLimit = true;
    Rep.Limit = Seqs.front().Limit;
  }

  // Rule 3: every sequence carries the callee's cost and the limit.
  for (const InstrumentedCall &S : Seqs) {
    if (S.Global != Rep.CounterGlobal)
      violation(Rule::Counter, S.Caller, S.Offset,
                "call to " + describe(S.Callee) + " counts in global " +
                    std::to_string(S.Global) + ", but the counter is global " +
                    std::to_string(Rep.CounterGlobal));
    uint32_t C;
    if (CostOf(S.Callee, C) && C != S.Cost)
      violation(Rule::CallSequence, S.Caller, S.Offset,
                "call to " + describe(S.Callee) + " adds cost " +
                    std::to_string(S.Cost) + ", but its cost is " + std::to_string(C));
  }
  // Wrong limits come after the other rule 3 violations, in a run of their
  // own: a module built with another limit has one at every call, and the
  // message does not depend on the callee, so the run reads as one line.
  for (const InstrumentedCall &S : Seqs)
    if (S.Limit != Rep.Limit)
      violation(Rule::CallSequence, S.Caller, S.Offset,
                "instrumentation sequence checks limit " + std::to_string(S.Limit) +
                    ", expected " + std::to_string(Rep.Limit));
  for (const PlainCall &C : PlainCalls) {
    if (Rep.ThunkTarget[C.Callee - NumImported] != NoFunction) {
      ++Rep.NumThunkCalls;
      continue;
    }
    violation(Rule::CallSequence, C.Caller, C.Offset,
              "call to " + describe(C.Callee) +
                  " is not instrumented: the object that defines it was probably "
                  "compiled without stackcap",
              C.Callee);
  }

  // Rule 4: the counter only inside sequences.
  if (Rep.HasCounter) {
    uint32_t G = Rep.CounterGlobal;
    for (const Access &A : Accesses[G])
      violation(Rule::CounterAccess, A.Func, A.Offset,
                std::string(A.IsSet ? "global.set" : "global.get") + " of counter global " +
                    std::to_string(G) + " outside an instrumentation sequence");
    for (uint64_t K = Accesses[G].size(); K < AccessCounts[G]; ++K)
      ++Rep.NumViolations; // counted, not kept
  }

  // Rule 5: entry points.
  bool EntersDefined = false;
  for (const Export &E : M.Exports)
    if (E.Kind == ExternalKind::Func) {
      checkEntry(E.Index, NoFunction, E.IndexOffset,
                 ("export \"" + std::string(E.Name) + "\"").c_str());
      EntersDefined |= !M.isImportedFunc(E.Index);
    }
  if (M.HasStart) {
    checkEntry(M.Start, NoFunction, M.StartOffset, "the start section");
    EntersDefined |= !M.isImportedFunc(M.Start);
  }
  for (const FuncRef &R : M.ElemFuncRefs) {
    checkEntry(R.Func, NoFunction, R.Offset, "an element segment");
    EntersDefined |= !M.isImportedFunc(R.Func);
  }
  for (const FuncRef &R : M.GlobalFuncRefs) {
    checkEntry(R.Func, NoFunction, R.Offset, "a global initialiser's ref.func");
    EntersDefined |= !M.isImportedFunc(R.Func);
  }
  for (const CodeRef &R : CodeRefs) {
    checkEntry(R.Target, R.Func, R.Offset, "ref.func");
    EntersDefined |= !M.isImportedFunc(R.Target);
  }
  if (!Rep.HasCounter && (EntersDefined || !PlainCalls.empty()))
    violation(Rule::Counter, NoFunction, 0,
              "defined functions are called or entered, but no instrumentation sequence "
              "(and so no counter global) exists");
}

void Analyzer::run() {
  size_t NumDefined = M.Bodies.size();
  Rep.Costs.assign(NumDefined, 0);
  Rep.CostValid.assign(NumDefined, 0);
  Rep.ThunkTarget.assign(NumDefined, NoFunction);
  Accesses.resize(M.Globals.size());
  AccessCounts.assign(M.Globals.size(), 0);

  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F) {
    uint32_t Target;
    if (isThunk(F, Target)) {
      Rep.ThunkTarget[F - M.NumImportedFuncs] = Target;
      ++Rep.NumThunks;
    }
  }
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F)
    if (!analyzeBody(F))
      return;
  judge();
}

} // namespace

void analyzeModule(const Module &M, const VerifyOptions &Opts, VerifyReport &Report,
                   std::vector<InstrumentedCall> *Calls) {
  std::vector<InstrumentedCall> Local;
  Analyzer(M, Opts, Report, Calls ? *Calls : Local).run();
}

void verifyModule(const uint8_t *Data, size_t Size, const VerifyOptions &Opts,
                  VerifyReport &Report, Module *Decoded) {
  Report = VerifyReport();
  Module Local;
  Module &M = Decoded ? *Decoded : Local;
  if (!decodeModule(Data, Size, M, Report.Decode)) {
    Report.Malformed = true;
    return;
  }
  analyzeModule(M, Opts, Report);
}

} // namespace stackcap
