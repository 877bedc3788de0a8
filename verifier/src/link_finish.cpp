//===- link_finish.cpp - What the link step does to a linked module -------===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#include "stackcap/link_finish.h"

#include "stackcap/byte_reader.h"
#include "stackcap/frame_records.h"
#include "stackcap/instr.h"
#include "stackcap/instrument.h"
#include "stackcap/lean.h"
#include "stackcap/opcodes.h"
#include "stackcap/placeholders.h"
#include "stackcap/scc.h"
#include "stackcap/verify.h"

#include "module_rewriter.h"

#include <algorithm>
#include <string_view>
#include <unordered_map>

namespace stackcap {
namespace {

bool endsWith(std::string_view S, std::string_view Suffix) {
  return S.size() >= Suffix.size() && S.substr(S.size() - Suffix.size()) == Suffix;
}

/// Custom sections that describe code offsets: moving code would make them lie.
bool describesCodeOffsets(std::string_view Name) {
  return Name.substr(0, 7) == ".debug_" || Name == "sourceMappingURL" ||
         Name == "external_debug_info" || Name.substr(0, 6) == "reloc." || Name == "linking";
}

uint64_t roundUp16(uint64_t V) { return (V + 15) & ~uint64_t(15); }

/// Re-encodes the immediates of \p I (at \p P, I.Length bytes) minimally
/// into \p Out. Returns false to have the caller copy the bytes as they are.
bool compactInstr(const uint8_t *P, const Instr &I, Bytes &Out) {
  uint8_t Op = P[0];
  ByteReader R(P + 1, I.Length - 1);
  Bytes Tmp;
  Tmp.push_back(Op);
  uint32_t A, B;
  int64_t S;
  uint64_t U;
  switch (Op) {
  case op::Call:
  case op::LocalGet: case op::LocalSet: case op::LocalTee:
  case op::GlobalGet: case op::GlobalSet:
  case op::TableGet: case op::TableSet:
  case op::RefFunc:
    if (!R.readU32(A))
      return false;
    writeULEB(Tmp, A);
    break;
  case op::CallIndirect: // typeidx tableidx
    if (!R.readU32(A) || !R.readU32(B))
      return false;
    writeULEB(Tmp, A);
    writeULEB(Tmp, B);
    break;
  case op::I32Const:
    if (!R.readSLEB(S, 32))
      return false;
    writeSLEB(Tmp, S);
    break;
  case op::I64Const:
    if (!R.readSLEB(S, 64))
      return false;
    writeSLEB(Tmp, S);
    break;
  default:
    if (Op < op::I32Load || Op > op::I64Store32)
      return false;
    // Loads and stores: memarg = align (bit 6: a memory index follows), offset.
    if (!R.readU32(A))
      return false;
    writeULEB(Tmp, A);
    if (A & 0x40) {
      if (!R.readU32(B))
        return false;
      writeULEB(Tmp, B);
    }
    if (!R.readULEB(U, 64))
      return false;
    writeULEB(Tmp, U);
    break;
  }
  if (!R.atEnd())
    return false; // immediates this does not know: keep the original bytes
  append(Out, Tmp.data(), Tmp.size());
  return true;
}

} // namespace

uint64_t StackNeed::limitFitting(uint64_t Avail) const {
  if (WorstFrame == 0)
    return UINT32_MAX;
  uint64_t Usable = Avail & ~uint64_t(15);
  if (Usable <= LargestFrame)
    return 0;
  uint64_t L = (Usable - LargestFrame) * WorstCost / WorstFrame;
  return std::min<uint64_t>(L, UINT32_MAX);
}

/// Checked functions that the linked module shows need no check of their
/// own (docs/spec/lean.md, section 3): not an entry point, not in a cycle of
/// direct calls and not called directly by a function in one; and free
/// entries. The compiler
/// checks every function other objects can see; the linked module sees all
/// their callers. Per defined function, 1 to demote.
static std::vector<uint8_t> demotable(const Module &M, const LeanReport &L) {
  uint32_t NI = M.NumImportedFuncs, N = static_cast<uint32_t>(L.Functions.size());
  std::vector<std::vector<uint32_t>> Succ(N);
  for (uint32_t K = 0; K < N; ++K)
    for (uint32_t C : L.Functions[K].Callees)
      Succ[K].push_back(C - NI);
  std::vector<uint8_t> InCycle =
      cycleMembers(N, [&](uint32_t V) -> const std::vector<uint32_t> & { return Succ[V]; });
  // A helper of a recursion reserves when it is live, not at every level.
  std::vector<uint8_t> Helper(N, 0);
  for (uint32_t K = 0; K < N; ++K)
    if (InCycle[K])
      for (uint32_t C : Succ[K])
        Helper[C] = 1;
  std::vector<uint8_t> Keep = leanEntryPoints(M, L); // nonzero: an entry point
  for (uint32_t K = 0; K < N; ++K)
    Keep[K] |= InCycle[K] | Helper[K];
  std::vector<uint8_t> Demote(N, 0);
  size_t Left = 0;
  for (uint32_t K = 0; K < N; ++K) {
    Demote[K] = L.Functions[K].Checked && !Keep[K];
    Left += L.Functions[K].Checked && Keep[K];
  }
  // Free entries (spec section 3): exports and start that reach no import
  // and no recursion need no check either; the counter starts lower by
  // their worst case instead. At least one checked function must stay: the
  // counter holds the limit. Not a helper of a recursion (usable depth).
  std::vector<uint8_t> Free = leanFreeEntryCandidates(M, L);
  size_t NumFree = 0;
  for (uint32_t K = 0; K < N; ++K)
    NumFree += Free[K] && L.Functions[K].Checked && !Helper[K];
  if (Left > NumFree)
    for (uint32_t K = 0; K < N; ++K)
      if (Free[K] && L.Functions[K].Checked && !Helper[K])
        Demote[K] = 1;
  return Demote;
}

/// \p M with the entry and release sequences of the functions \p Demote
/// marks removed: they become covered. Their callers' reservations are set
/// afterwards, as for any covered callee.
static void removeSequences(const Module &M, const LeanReport &L,
                            const std::vector<uint8_t> &Demote, Bytes &Out) {
  detail::rewriteBodies(M, Out, [&](size_t K, const FunctionBody &B, Bytes &Body) {
    if (!Demote[K]) {
      append(Body, M.Data + B.CodeOffset, B.Offset + B.Size - B.CodeOffset);
      return true;
    }
    const LeanFunction &LF = L.Functions[K];
    std::vector<Instr> Code;
    std::string Err;
    detail::forEachInstr(M, M.NumImportedFuncs + static_cast<uint32_t>(K), Err,
                         [&](const Instr &I) {
                           Code.push_back(I);
                           return true;
                         });
    // The entry first; each release starts just before its constant (the
    // analysis found them in increasing order).
    std::vector<uint8_t> Drop(Code.size(), 0);
    std::fill(Drop.begin(), Drop.begin() + std::min<size_t>(LeanEntryLen, Code.size()), 1);
    size_t Next = 0;
    for (size_t J = 1; J < Code.size() && Next < LF.ReleaseConstAt.size(); ++J)
      if (Code[J].Offset == LF.ReleaseConstAt[Next]) {
        std::fill(Drop.begin() + (J - 1),
                  Drop.begin() + std::min(J - 1 + LeanReleaseLen, Code.size()), 1);
        ++Next;
      }
    for (size_t J = 0; J < Code.size(); ++J)
      if (!Drop[J])
        append(Body, M.Data + Code[J].Offset, Code[J].Length);
    return true;
  });
}

/// \p M demoted (demotable, removeSequences) into \p Out; the number of
/// functions demoted (0: \p Out is left empty).
static uint32_t demoteLean(const Module &M, const LeanReport &L, Bytes &Out) {
  std::vector<uint8_t> Demote = demotable(M, L);
  uint32_t N = 0;
  for (uint8_t D : Demote)
    N += D;
  if (N)
    removeSequences(M, L, Demote, Out);
  return N;
}

StackNeed computeStackNeed(const uint8_t *Data, size_t Size, uint32_t Limit, bool Lean) {
  StackNeed Need;
  Module M;
  VerifyReport Rep;
  // The costs frame records were written with, to match them when the
  // module has no names.
  std::vector<uint32_t> RecordCosts;
  if (Lean) {
    // In lean the frames are the costs: their sum over live frames is at
    // most the limit, as compat's costs are (docs/spec/lean.md section 1).
    // The link step may demote functions (finishLeanModule), which can only
    // shrink their frames: the bound takes the frames after demotion.
    LeanReport L;
    verifyLean(Data, Size, VerifyOptions(), L, &M);
    Rep.Malformed = L.Malformed;
    Rep.Decode = L.Decode;
    LeanReport After;
    Module DM;
    DecodeError E;
    Bytes Demoted;
    bool Fewer = !L.Malformed && L.HasCounter && demoteLean(M, L, Demoted) &&
                 decodeModule(Demoted.data(), Demoted.size(), DM, E);
    if (Fewer)
      analyzeLean(DM, VerifyOptions(), After);
    for (size_t K = 0; K < L.Functions.size(); ++K) {
      const LeanFunction &LF = Fewer ? After.Functions[K] : L.Functions[K];
      Rep.Costs.push_back(LF.Frame);
      Rep.CostValid.push_back(LF.FrameValid && L.Functions[K].FrameValid);
      Rep.ThunkTarget.push_back(NoFunction);
      RecordCosts.push_back(L.Functions[K].Frame);
    }
  } else {
    verifyModule(Data, Size, VerifyOptions(), Rep, &M);
  }
  if (Rep.Malformed) {
    Need.Error = Rep.Decode.Message;
    return Need;
  }
  std::vector<FrameRecord> Records;
  for (const Section &S : M.Sections)
    if (S.Id == 0 && S.Name == FrameRecordsSection) {
      Need.HasRecords = true;
      // The payload starts with the section's name.
      ByteReader R(M.Data + S.PayloadOffset, S.PayloadSize);
      std::string_view SecName;
      ByteReader::mustSucceed(R.readName(SecName));
      if (!parseFrameRecords(M.Data + S.PayloadOffset + R.offset(), S.PayloadSize - R.offset(),
                             Records)) {
        Need.Error = "malformed stackcap.frames section";
        return Need;
      }
    }
  std::unordered_map<std::string_view, std::vector<size_t>> ByName;
  std::unordered_map<uint32_t, std::vector<size_t>> ByCost;
  for (size_t I = 0; I < Records.size(); ++I) {
    ByName[Records[I].Name].push_back(I);
    if (!Records[I].Demangled.empty())
      ByName[Records[I].Demangled].push_back(I);
    ByCost[Records[I].Cost].push_back(I);
  }
  Need.WorstCost = 1;
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F) {
    size_t Idx = F - M.NumImportedFuncs;
    if (Rep.ThunkTarget[Idx] != NoFunction || !Rep.CostValid[Idx])
      continue; // thunks have no frame; an invalid cost does not verify anyway
    std::string_view Name = M.funcName(F);
    // Functions wasm-ld makes keep no frame on the linear-memory stack.
    if (isLinkerSynthesized(Name.data(), Name.size()) || endsWith(Name, CommandExportSuffix))
      continue;
    const std::vector<size_t> *Matches = nullptr;
    if (!Name.empty()) {
      auto It = ByName.find(Name);
      if (It != ByName.end())
        Matches = &It->second;
    }
    // Without a name (a stripped module), every record of the same cost
    // might be this function's: take the largest frame among them.
    if (!Matches) {
      auto It = ByCost.find(RecordCosts.empty() ? Rep.Costs[Idx] : RecordCosts[Idx]);
      if (It != ByCost.end())
        Matches = &It->second;
    }
    if (!Matches) {
      Need.Unknown.push_back(describeFunction(M, F));
      continue;
    }
    uint32_t Frame = 0;
    bool Dynamic = false;
    for (size_t R : *Matches) {
      Frame = std::max(Frame, Records[R].FrameBytes);
      Dynamic |= Records[R].Dynamic;
    }
    if (Dynamic)
      Need.Dynamic.push_back(describeFunction(M, F));
    uint32_t Cost = Rep.Costs[Idx];
    if (Cost == 0) {
      if (Frame)
        Need.Unknown.push_back(describeFunction(M, F));
      continue;
    }
    Need.LargestFrame = std::max(Need.LargestFrame, Frame);
    if (uint64_t(Frame) * Need.WorstCost > uint64_t(Need.WorstFrame) * Cost) {
      Need.WorstFrame = Frame;
      Need.WorstCost = Cost;
      Need.WorstFunction = describeFunction(M, F);
    }
  }
  Need.Known = Need.Unknown.empty() && Need.Dynamic.empty();
  // ceil(Limit * frame / cost): both factors are below 2^32.
  uint64_t Chains = (uint64_t(Limit) * Need.WorstFrame + Need.WorstCost - 1) / Need.WorstCost;
  Need.Bytes = roundUp16(Chains + Need.LargestFrame);
  return Need;
}

Bytes withoutCustomSection(const uint8_t *Data, size_t Size, const char *Name) {
  Bytes Out;
  if (Size < 8)
    return Bytes(Data, Data + Size);
  append(Out, Data, 8);
  ByteReader R(Data, Size);
  ByteReader::mustSucceed(R.skip(8));
  while (!R.atEnd()) {
    size_t Start = R.offset();
    uint8_t Id;
    uint32_t Len;
    const uint8_t *Payload;
    if (!R.readByte(Id) || !R.readU32(Len) || !R.readBytes(Len, Payload))
      return Bytes(Data, Data + Size); // malformed: leave it to the verifier
    if (Id == 0) {
      ByteReader N(Payload, Len);
      std::string_view SecName;
      if (N.readName(SecName) && SecName == Name)
        continue;
    }
    append(Out, Data + Start, R.offset() - Start);
  }
  return Out;
}

bool compactCode(const uint8_t *Data, size_t Size, Bytes &Out, std::string &Why,
                 const std::unordered_map<uint32_t, int32_t> *Consts) {
  Out.clear();
  Module M;
  DecodeError E;
  if (!decodeModule(Data, Size, M, E)) {
    Why = E.Message;
    return false;
  }
  for (const Section &S : M.Sections)
    if (S.Id == 0 && describesCodeOffsets(S.Name)) {
      Why = "the custom section \"" + std::string(S.Name) + "\" describes code offsets";
      return false;
    }
  return detail::rewriteBodies(M, Out, [&](size_t, const FunctionBody &B, Bytes &Body) {
    ByteReader R(Data, B.Offset + B.Size);
    ByteReader::mustSucceed(R.skip(B.CodeOffset));
    while (!R.atEnd()) {
      Instr I;
      std::string Msg;
      if (!decodeInstr(R, I, Msg)) {
        Why = Msg;
        return false;
      }
      if (I.Info->Imm == ImmKind::Unknown) {
        Why = "an instruction with immediates the decoder does not frame";
        return false;
      }
      const uint8_t *Raw = Data + I.Offset;
      if (Consts && I.Key == op::I32Const) {
        auto It = Consts->find(I.Offset);
        if (It != Consts->end()) {
          Body.push_back(opcodeByte(op::I32Const));
          writeSLEB(Body, It->second);
          continue;
        }
      }
      if (!compactInstr(Raw, I, Body))
        append(Body, Raw, I.Length);
    }
    return true;
  });
}

/// Strips the frame records from \p In and, unless \p KeepPadding, compacts
/// the code into F.Output; the common tail of both profiles' finishing.
static void stripAndCompact(const Bytes &In, bool KeepPadding, FinishResult &F) {
  Bytes Stripped = withoutCustomSection(In.data(), In.size(), FrameRecordsSection);
  if (KeepPadding) {
    F.KeptPadding = true;
    F.PaddingReason = "asked to";
  } else if (compactCode(Stripped.data(), Stripped.size(), F.Output, F.PaddingReason)) {
    F.Compacted = true;
  } else {
    F.KeptPadding = true;
  }
  if (!F.Compacted)
    F.Output.swap(Stripped);
  F.Ok = true;
}

/// Functions the linker makes (wasm-ld's `X.command_export` wrappers, say)
/// that are entry points get lean's entry and release (with R = 0, set
/// later): the body becomes entry, its instructions, release, `end`. Other
/// uninstrumented entry points are left alone (rule 5 rejects them).
static void wrapLinkerEntries(const Module &M, const LeanReport &L, Bytes &Out,
                              size_t &Wrapped) {
  std::vector<uint8_t> Wrap(M.Bodies.size(), 0);
  auto Mark = [&](uint32_t F) {
    if (F < M.NumImportedFuncs || F >= M.numFuncs() || L.Functions[F - M.NumImportedFuncs].Checked)
      return;
    std::string_view Name = M.funcName(F);
    if (isLinkerSynthesized(Name.data(), Name.size()) || endsWith(Name, CommandExportSuffix))
      Wrap[F - M.NumImportedFuncs] = 1;
  };
  for (const Export &E : M.Exports)
    if (E.Kind == ExternalKind::Func)
      Mark(E.Index);
  for (const FuncRef &R : M.ElemFuncRefs)
    Mark(R.Func);
  if (M.HasStart)
    Mark(M.Start);
  Wrapped = 0;
  for (uint8_t W : Wrap)
    Wrapped += W;
  if (!Wrapped)
    return;
  SequenceValues V;
  V.Counter = L.CounterGlobal;
  detail::rewriteBodies(M, Out, [&](size_t K, const FunctionBody &B, Bytes &Body) {
    if (!Wrap[K]) {
      append(Body, M.Data + B.CodeOffset, B.Offset + B.Size - B.CodeOffset);
      return true;
    }
    // A linker-made body has no return and no branch to its own label; the
    // verifier checks that it now has lean's shape.
    writeSteps(Body, LeanEntry, LeanEntryLen, V);
    append(Body, M.Data + B.CodeOffset, B.Offset + B.Size - 1 - B.CodeOffset);
    writeSteps(Body, LeanRelease, LeanReleaseLen, V);
    Body.push_back(opcodeByte(op::End));
    return true;
  });
}

/// \p Src with the initialiser of global \p G (of \p M, decoded from
/// \p Src) replaced by `i32.const V end`.
static bool setCounterInit(const Bytes &Src, const Module &M, uint32_t G, uint32_t V, Bytes &Out,
                           std::string &Error) {
  const GlobalInfo &GI = M.Globals[G];
  if (GI.Imported) {
    Error = "the counter global is imported";
    return false;
  }
  const Section *GS = nullptr;
  for (const Section &S : M.Sections)
    if (S.Id == 6)
      GS = &S;
  if (!GS || GI.InitOffset < GS->PayloadOffset ||
      GI.InitOffset + GI.InitSize > GS->PayloadOffset + GS->PayloadSize) {
    Error = "the counter's initialiser is not in the global section";
    return false;
  }
  Bytes Init{opcodeByte(op::I32Const)};
  writeSLEB(Init, static_cast<int32_t>(V));
  Init.push_back(opcodeByte(op::End));
  Bytes Payload;
  const uint8_t *D = Src.data();
  append(Payload, D + GS->PayloadOffset, GI.InitOffset - GS->PayloadOffset);
  append(Payload, Init.data(), Init.size());
  size_t After = GI.InitOffset + GI.InitSize;
  append(Payload, D + After, GS->PayloadOffset + GS->PayloadSize - After);
  detail::replaceSection(D, Src.size(), *GS, Payload, Out);
  return true;
}

FinishResult finishLeanModule(const uint8_t *Data, size_t Size, uint32_t Limit,
                              bool KeepPadding) {
  FinishResult F;
  Bytes In = withoutCustomSection(Data, Size, FrameRecordsSection);
  Module M;
  DecodeError E;
  if (!decodeModule(In.data(), In.size(), M, E)) {
    F.Error = E.Message;
    return F;
  }
  LeanReport L;
  analyzeLean(M, VerifyOptions(), L);
  Bytes Out;
  if (!L.HasCounter) {
    Out.swap(In);
  } else {
    // Entry points the linker made get their reservation sequences.
    Bytes Wrapped;
    size_t N = 0;
    wrapLinkerEntries(M, L, Wrapped, N);
    F.NumThunks = static_cast<uint32_t>(N);
    Out.swap(N ? Wrapped : In);
  }
  // Checked functions the whole module shows need no check lose their
  // sequences: only when the code may move (no DWARF, no source map).
  bool MayMove = !KeepPadding;
  for (const Section &S : M.Sections)
    MayMove = MayMove && !(S.Id == 0 && describesCodeOffsets(S.Name));
  if (L.HasCounter && MayMove) {
    Module DM;
    if (!decodeModule(Out.data(), Out.size(), DM, E)) {
      F.Error = E.Message;
      return F;
    }
    LeanReport DL;
    analyzeLean(DM, VerifyOptions(), DL);
    Bytes Fewer;
    F.NumDemoted = demoteLean(DM, DL, Fewer);
    if (F.NumDemoted)
      Out.swap(Fewer);
  }
  // Reservations the linked module needs: the compiler's are exact unless a
  // checked function calls code it could not see (a function the linker
  // makes, one compiled without stackcap, or one demoted above), which is
  // covered here.
  std::unordered_map<uint32_t, int32_t> Consts;
  uint64_t FreeBound = 0;
  bool Counter = false;
  uint32_t CounterGlobal = 0;
  {
    Module LM;
    if (!decodeModule(Out.data(), Out.size(), LM, E)) {
      F.Error = E.Message;
      return F;
    }
    LeanReport LL;
    analyzeLean(LM, VerifyOptions(), LL);
    FreeBound = LL.FreeBound;
    Counter = LL.HasCounter;
    CounterGlobal = LL.CounterGlobal;
    for (const LeanFunction &LF : LL.Functions) {
      if (!LF.Checked || !LF.RequiredValid || LF.Required > UINT32_MAX ||
          LF.Required == LF.Reserved)
        continue;
      int32_t V = static_cast<int32_t>(static_cast<uint32_t>(LF.Required));
      Consts[LF.EntryConstAt] = V;
      Consts[LF.EntryConstAt2] = V;
      for (uint32_t At : LF.ReleaseConstAt)
        Consts[At] = V;
    }
  }
  // With free entries the counter starts at LIMIT - S (spec section 3).
  if (FreeBound > Limit) {
    F.Error = "the exports that need no check (free entries) need " + std::to_string(FreeBound) +
              " of the stack, more than the limit " + std::to_string(Limit);
    return F;
  }
  // The limit goes into the counter's initialiser, the one place it lives:
  // i32.const LIMIT - S end. Last, on the final code: the initialiser's
  // length moves every code offset after it.
  auto SetInit = [&](Bytes &B) {
    if (!Counter)
      return true;
    Module FM;
    if (!decodeModule(B.data(), B.size(), FM, E)) {
      F.Error = E.Message;
      return false;
    }
    Bytes WithLimit;
    if (!setCounterInit(B, FM, CounterGlobal, Limit - static_cast<uint32_t>(FreeBound),
                        WithLimit, F.Error))
      return false;
    B.swap(WithLimit);
    return true;
  };
  F.Ok = true;
  if (!KeepPadding && compactCode(Out.data(), Out.size(), F.Output, F.PaddingReason,
                                  Consts.empty() ? nullptr : &Consts)) {
    F.Compacted = true;
    F.NumResolved = Consts.size();
    F.Ok = SetInit(F.Output);
    return F;
  }
  if (!Consts.empty()) {
    F.Ok = false;
    F.Error = std::to_string(Consts.size()) +
              " reservation constants must change at link time (a checked function calls a "
              "function the linker makes or code compiled without stackcap), which needs the "
              "code re-encoded" +
              (KeepPadding ? std::string(", and --stackcap-keep-padding forbids it")
                           : ": " + F.PaddingReason);
    return F;
  }
  if (KeepPadding)
    F.PaddingReason = "asked to";
  F.KeptPadding = true;
  F.Output.swap(Out);
  F.Ok = SetInit(F.Output);
  return F;
}

FinishResult finishLinkedModule(const uint8_t *Data, size_t Size, uint32_t Limit,
                                bool KeepPadding) {
  FinishResult F;
  InstrumentOptions Opts;
  Opts.EntriesOnly = true;
  Opts.LimitGiven = true;
  InstrumentResult R = instrumentModule(Data, Size, Limit, Opts);
  if (!R.Ok) {
    F.Error = R.Error;
    return F;
  }
  F.NumResolved = R.NumResolved;
  F.NumThunks = R.NumThunks;
  stripAndCompact(R.Output, KeepPadding, F);
  return F;
}

} // namespace stackcap
