//===- instrument.cpp - Reference post-link instrumenter ------------------===//
//
// Part of stackcap. Rewrites only what must change: function, global, export,
// start, element, code and name sections; all other sections are copied
// verbatim. Thunks and the counter are appended, so no existing index moves.
//
//===----------------------------------------------------------------------===//
#include "stackcap/instrument.h"

#include "stackcap/byte_reader.h"
#include "stackcap/instr.h"
#include "stackcap/placeholders.h"
#include "stackcap/verify.h"

#include <algorithm>

namespace stackcap {
namespace {

constexpr uint8_t SecGlobal = 6;

struct Patch {
  uint32_t Offset; // of an encoded u32 function index
  uint32_t NewValue;
};

/// Copies [Begin, End) of \p Data, re-encoding the u32 at each patch offset.
void copyWithPatches(Bytes &Out, const uint8_t *Data, uint32_t Begin, uint32_t End,
                     std::vector<Patch> &Patches) {
  std::sort(Patches.begin(), Patches.end(),
            [](const Patch &A, const Patch &B) { return A.Offset < B.Offset; });
  uint32_t Pos = Begin;
  for (const Patch &P : Patches) {
    if (P.Offset < Pos || P.Offset >= End)
      continue;
    append(Out, Data + Pos, P.Offset - Pos);
    ByteReader R(Data, End);
    R.skip(P.Offset);
    uint32_t Old;
    R.readU32(Old);
    writeULEB(Out, P.NewValue);
    Pos = static_cast<uint32_t>(R.offset());
  }
  append(Out, Data + Pos, End - Pos);
}

/// Encodes \p V in exactly \p Width bytes (padded LEB128), if it fits.
bool writePaddedULEB(Bytes &Out, uint32_t V, unsigned Width) {
  if (Width < 5 && V >> (7 * Width))
    return false;
  for (unsigned I = 0; I + 1 < Width; ++I) {
    Out.push_back(static_cast<uint8_t>((V & 0x7f) | 0x80));
    V >>= 7;
  }
  Out.push_back(static_cast<uint8_t>(V & 0x7f));
  return true;
}

class Instrumenter {
public:
  Instrumenter(const Module &M, const VerifyReport &Rep,
               const std::vector<InstrumentedCall> &Seqs, uint32_t Limit,
               const InstrumentOptions &Opts, InstrumentResult &Res)
      : M(M), Rep(Rep), Seqs(Seqs), Limit(Limit), Opts(Opts), Res(Res) {}
  bool run();

private:
  const Module &M;
  const VerifyReport &Rep;
  const std::vector<InstrumentedCall> &Seqs;
  uint32_t Limit;
  const InstrumentOptions &Opts;
  InstrumentResult &Res;
  uint32_t Counter = 0;
  bool NewCounter = true;
  std::vector<uint32_t> ThunkOf; // per function index: its new thunk, or NoFunction
  std::vector<uint32_t> Wrapped; // defined functions that get a thunk, ascending
  std::vector<uint32_t> CodeRefTargets;
  // EntriesOnly: linker-made entry functions with uncounted calls. Each gets a
  // counted copy (appended) and its thunk; the original is retired in place.
  std::vector<uint32_t> Copied;
  std::vector<uint32_t> CopyOf; // per function index: its counted copy, or NoFunction
  std::vector<uint8_t> CalledFromCode;

  uint32_t cost(uint32_t F) const { return Rep.Costs[F - M.NumImportedFuncs]; }
  bool isThunk(uint32_t F) const {
    return !M.isImportedFunc(F) && Rep.ThunkTarget[F - M.NumImportedFuncs] != NoFunction;
  }
  bool fail(const std::string &Msg, bool Unsupported = false) {
    Res.Error = Msg;
    Res.Unsupported = Unsupported;
    return false;
  }
  void addEntry(uint32_t F) {
    if (F >= M.numFuncs() || M.isImportedFunc(F) || ThunkOf[F] != NoFunction)
      return;
    if (Opts.EntriesOnly && isThunk(F))
      return; // already entered through a thunk
    ThunkOf[F] = 0; // numbered below
  }
  uint32_t redirect(uint32_t F) const { return ThunkOf[F] == NoFunction ? F : ThunkOf[F]; }
  void writeCall(Bytes &Out, uint32_t Callee, const uint8_t *CallBytes, size_t CallLen) {
    uint32_t C = cost(Callee);
    // wasm-instrument skips callees of cost 0; a defined function never has one.
    if (C != 0) {
      writePreamble(Out, Counter, C, Limit);
      ++Res.NumInstrumentedCalls;
    }
    append(Out, CallBytes, CallLen);
    if (C != 0)
      writePostamble(Out, Counter, C);
  }
  bool collectCodeRefs();
  bool hasUncountedCalls(uint32_t F);
  struct ImmPatch {
    uint32_t At;    // file offset of the i32.const
    uint32_t Value;
  };
  std::vector<ImmPatch> ImmPatches;
  bool planPlaceholders();
  void applyImmPatches(Bytes &Code, size_t CodeBase);
  bool rewriteBody(uint32_t F, Bytes &Out, bool CountThunkCalls = true);
  void retireBody(uint32_t F, Bytes &Code, size_t CodeBase);
  void writeThunk(uint32_t F, Bytes &Out);
  bool writeCodeSection(const Section &S, Bytes &Out);
  void emitGlobalSection(Bytes &Out, const Section *Old);
  void emitNameSection(Bytes &Out, const Section &S);
};

bool Instrumenter::collectCodeRefs() {
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F) {
    const FunctionBody &B = M.body(F);
    ByteReader R(M.Data, B.Offset + B.Size);
    R.skip(B.CodeOffset);
    while (!R.atEnd()) {
      Instr I;
      std::string Msg;
      if (!decodeInstr(R, I, Msg))
        return fail(Msg);
      // The analysis stops at an instruction whose immediates it cannot
      // frame; so must this scan (such a module is refused below anyway).
      if (I.kind() == OpKind::Unsupported && I.Info->Imm == ImmKind::Unknown)
        break;
      if (I.Key == 0xd2) {
        if (I.Index >= M.numFuncs())
          return fail("ref.func of unknown function " + std::to_string(I.Index));
        CodeRefTargets.push_back(I.Index);
      } else if (I.Key == 0x10 && I.Index < M.numFuncs()) {
        CalledFromCode[I.Index] = 1;
      }
    }
  }
  return true;
}

/// True when \p F calls a defined function that is not a thunk without
/// counting it: code the linker made (e.g. wasm-ld's X.command_export, which
/// calls __wasm_call_ctors), since compiled code has no such call.
bool Instrumenter::hasUncountedCalls(uint32_t F) {
  const FunctionBody &B = M.body(F);
  ByteReader R(M.Data, B.Offset + B.Size);
  R.skip(B.CodeOffset);
  while (!R.atEnd()) {
    Instr I;
    std::string Msg;
    if (!decodeInstr(R, I, Msg))
      return false;
    if (I.Key == 0x23 && I.Index == Counter)
      return false; // instrumented code: the verifier judges its calls
    if (I.Key == 0x10 && I.Index < M.numFuncs() && !M.isImportedFunc(I.Index) &&
        !isThunk(I.Index))
      return true;
  }
  return false;
}

/// The placeholders (placeholders.h) to set, each an i32.const with a 5-byte
/// immediate, overwritten in place with a padded LEB128 of the same width.
bool Instrumenter::planPlaceholders() {
  auto Wide = [&](uint32_t At) {
    ByteReader R(M.Data, M.Size);
    R.skip(At + 1);
    int64_t V;
    return R.readSLEB(V, 32) && R.offset() == At + 6;
  };
  for (const InstrumentedCall &S : Seqs) {
    if (S.Limit == LimitPlaceholder && Wide(S.LimitAt))
      ImmPatches.push_back({S.LimitAt, Limit});
    if (S.Cost == CostPlaceholder && Wide(S.CostAt) && Wide(S.PostCostAt)) {
      if (!Rep.CostValid[S.Callee - M.NumImportedFuncs])
        return fail(describeFunction(M, S.Callee) + ": its cost cannot be computed", true);
      ImmPatches.push_back({S.CostAt, cost(S.Callee)});
      ImmPatches.push_back({S.PostCostAt, cost(S.Callee)});
    }
  }
  Res.NumResolved = ImmPatches.size();
  return true;
}

void Instrumenter::applyImmPatches(Bytes &Code, size_t CodeBase) {
  for (const ImmPatch &P : ImmPatches) {
    int64_t V = static_cast<int32_t>(P.Value);
    uint8_t *Out = &Code[CodeBase + P.At + 1];
    for (unsigned I = 0; I < 4; ++I)
      Out[I] = static_cast<uint8_t>(((V >> (7 * I)) & 0x7f) | 0x80);
    Out[4] = static_cast<uint8_t>((V >> 28) & 0x7f);
  }
}

/// Overwrites the instructions of \p F, at \p CodeBase in \p Code, with
/// `unreachable nop ... nop end`: same size, so nothing after it moves.
void Instrumenter::retireBody(uint32_t F, Bytes &Code, size_t CodeBase) {
  const FunctionBody &B = M.body(F);
  size_t Begin = CodeBase + B.CodeOffset, End = CodeBase + B.Offset + B.Size;
  Code[Begin] = 0x00;
  for (size_t I = Begin + 1; I + 1 < End; ++I)
    Code[I] = 0x01;
  Code[End - 1] = 0x0b;
}

bool Instrumenter::rewriteBody(uint32_t F, Bytes &Out, bool CountThunkCalls) {
  const FunctionBody &B = M.body(F);
  Bytes Body;
  Body.reserve(B.Size + B.Size / 2);
  append(Body, M.Data + B.Offset, B.CodeOffset - B.Offset); // locals
  ByteReader R(M.Data, B.Offset + B.Size);
  R.skip(B.CodeOffset);
  while (!R.atEnd()) {
    Instr I;
    std::string Msg;
    if (!decodeInstr(R, I, Msg))
      return fail(Msg);
    const uint8_t *Raw = M.Data + I.Offset;
    if (I.Key == 0x10 && !M.isImportedFunc(I.Index) &&
        (CountThunkCalls || !isThunk(I.Index))) {
      writeCall(Body, I.Index, Raw, I.Length);
    } else if (I.Key == 0xd2 && ThunkOf[I.Index] != NoFunction) {
      Body.push_back(0xd2);
      writeULEB(Body, ThunkOf[I.Index]);
    } else {
      append(Body, Raw, I.Length);
    }
  }
  writeULEB(Out, Body.size());
  append(Out, Body.data(), Body.size());
  return true;
}

void Instrumenter::writeThunk(uint32_t F, Bytes &Out) {
  const FuncType &T = M.funcType(F);
  Bytes Body;
  Body.push_back(0x00); // no locals
  for (uint32_t K = 0; K < T.NumParams; ++K) {
    Body.push_back(0x20); // local.get K
    writeULEB(Body, K);
  }
  // The thunk of a retired linker-made function calls its counted copy,
  // whose cost is the original's (same locals, same code once uncounted).
  uint32_t Target = CopyOf.empty() || CopyOf[F] == NoFunction ? F : CopyOf[F];
  Bytes Call;
  Call.push_back(0x10);
  writeULEB(Call, Target);
  writeCall(Body, F, Call.data(), Call.size());
  Body.push_back(0x0b);
  writeULEB(Out, Body.size());
  append(Out, Body.data(), Body.size());
}

bool Instrumenter::writeCodeSection(const Section &S, Bytes &Out) {
  Bytes P;
  uint32_t Count = static_cast<uint32_t>(M.Bodies.size() + Copied.size() + Wrapped.size());
  if (Opts.EntriesOnly) {
    // Keep every body at its offset from the section start, so DWARF, whose
    // code addresses are such offsets, stays right: same-width count, bodies
    // copied verbatim, thunks after them.
    ByteReader R(M.Data, S.PayloadOffset + S.PayloadSize);
    R.skip(S.PayloadOffset);
    uint32_t OldCount;
    R.readU32(OldCount);
    unsigned Width = static_cast<unsigned>(R.offset() - S.PayloadOffset);
    if (!writePaddedULEB(P, Count, Width)) {
      writeULEB(P, Count);
      Res.DroppedDebugInfo = true;
    }
    size_t Base = P.size();
    append(P, M.Data + R.offset(), S.PayloadOffset + S.PayloadSize - R.offset());
    // P[Base] is the byte at file offset R.offset().
    for (uint32_t F : Copied)
      retireBody(F, P, Base - R.offset());
    applyImmPatches(P, Base - R.offset());
    for (uint32_t F : Copied)
      if (!rewriteBody(F, P, /*CountThunkCalls=*/false))
        return false;
  } else {
    writeULEB(P, Count);
    for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F)
      if (!rewriteBody(F, P))
        return false;
  }
  for (uint32_t F : Wrapped)
    writeThunk(F, P);
  writeSection(Out, S.Id, P);
  return true;
}

void Instrumenter::emitGlobalSection(Bytes &Out, const Section *Old) {
  Bytes P;
  uint32_t Existing = 0;
  for (const GlobalInfo &G : M.Globals)
    Existing += !G.Imported;
  writeULEB(P, Existing + (NewCounter ? 1 : 0));
  if (Old) {
    ByteReader R(M.Data, Old->PayloadOffset + Old->PayloadSize);
    R.skip(Old->PayloadOffset);
    uint32_t N;
    R.readU32(N);
    std::vector<Patch> Patches;
    for (const FuncRef &Ref : M.GlobalFuncRefs)
      if (ThunkOf[Ref.Func] != NoFunction)
        Patches.push_back({Ref.Offset, ThunkOf[Ref.Func]});
    copyWithPatches(P, M.Data, static_cast<uint32_t>(R.offset()),
                    Old->PayloadOffset + Old->PayloadSize, Patches);
  }
  if (NewCounter) {
    P.push_back(0x7f); // i32
    P.push_back(0x01); // mutable
    P.push_back(0x41); // i32.const 0
    P.push_back(0x00);
    P.push_back(0x0b); // end
  }
  writeSection(Out, SecGlobal, P);
}

/// Copies the name section, giving each new thunk the name of the function
/// it wraps plus ".stackcap_thunk" in the function names subsection.
void Instrumenter::emitNameSection(Bytes &Out, const Section &S) {
  uint32_t End = S.PayloadOffset + S.PayloadSize;
  ByteReader R(M.Data, End);
  R.skip(S.PayloadOffset);
  std::string_view SecName;
  R.readName(SecName);
  Bytes P;
  writeULEB(P, SecName.size());
  append(P, reinterpret_cast<const uint8_t *>(SecName.data()), SecName.size());
  bool Done = Wrapped.empty();
  while (!R.atEnd()) {
    size_t SubStart = R.offset();
    uint8_t Id;
    uint32_t Size;
    const uint8_t *Payload;
    if (!R.readByte(Id) || !R.readU32(Size) || !R.readBytes(Size, Payload)) {
      // Malformed tail: keep it as it was; engines ignore it.
      append(P, M.Data + SubStart, End - SubStart);
      Done = true;
      break;
    }
    if (Id != 1 || Done) {
      append(P, M.Data + SubStart, R.offset() - SubStart);
      continue;
    }
    ByteReader Sub(M.Data, static_cast<size_t>(Payload - M.Data) + Size);
    Sub.skip(static_cast<size_t>(Payload - M.Data));
    uint32_t N;
    if (!Sub.readU32(N)) {
      append(P, M.Data + SubStart, R.offset() - SubStart);
      continue;
    }
    Bytes Names;
    writeULEB(Names, N + Copied.size() + Wrapped.size());
    append(Names, M.Data + Sub.offset(), Size - (Sub.offset() - (Payload - M.Data)));
    // New function F' made from F is named after F plus a suffix.
    auto NameNew = [&](uint32_t F, uint32_t NewIndex, const char *Suffix) {
      std::string Name(M.funcName(F));
      if (Name.empty())
        Name = "func" + std::to_string(F);
      Name += Suffix;
      writeULEB(Names, NewIndex);
      writeULEB(Names, Name.size());
      append(Names, reinterpret_cast<const uint8_t *>(Name.data()), Name.size());
    };
    for (uint32_t F : Copied)
      NameNew(F, CopyOf[F], ".stackcap_counted");
    for (uint32_t F : Wrapped)
      NameNew(F, ThunkOf[F], ".stackcap_thunk");
    P.push_back(1);
    writeULEB(P, Names.size());
    append(P, Names.data(), Names.size());
    Done = true;
  }
  writeSection(Out, 0, P);
}

bool Instrumenter::run() {
  for (const Section &S : M.Sections)
    if (S.Id == 0 && (S.Name == "linking" || S.Name.substr(0, 6) == "reloc."))
      return fail("relocatable object file: instrument the linked module instead", true);
  if (Opts.EntriesOnly) {
    NewCounter = !Rep.HasCounter;
    Counter = NewCounter ? static_cast<uint32_t>(M.Globals.size()) : Rep.CounterGlobal;
    if (!Opts.LimitGiven) {
      // The module's own limit: that of any sequence not written for the link.
      bool Found = false;
      for (const InstrumentedCall &S : Seqs)
        if (S.Limit != LimitPlaceholder) {
          Limit = S.Limit;
          Found = true;
          break;
        }
      if (!Found && !Seqs.empty())
        return fail("the module's limit is a placeholder for the link step: pass --limit N");
    }
  } else {
    if (Rep.NumInstrumentedCalls)
      return fail("module already contains stack-limit instrumentation sequences");
    Counter = static_cast<uint32_t>(M.Globals.size());
  }
  Res.CounterGlobal = Counter;
  Res.Limit = Limit;

  ThunkOf.assign(M.numFuncs(), NoFunction);
  for (const Export &E : M.Exports)
    if (E.Kind == ExternalKind::Func)
      addEntry(E.Index);
  if (M.HasStart)
    addEntry(M.Start);
  for (const FuncRef &R : M.ElemFuncRefs)
    addEntry(R.Func);
  for (const FuncRef &R : M.GlobalFuncRefs)
    addEntry(R.Func);
  CalledFromCode.assign(M.numFuncs(), 0);
  if (!collectCodeRefs())
    return false;
  for (uint32_t Target : CodeRefTargets) {
    if (Opts.EntriesOnly && !M.isImportedFunc(Target) && !isThunk(Target))
      return fail("ref.func in code names " + describeFunction(M, Target) +
                  ", which is not a thunk; that cannot be completed after linking");
    addEntry(Target);
  }

  uint32_t NextThunk = M.numFuncs();
  if (Opts.EntriesOnly) {
    CopyOf.assign(M.numFuncs(), NoFunction);
    for (uint32_t F = 0; F < M.numFuncs(); ++F)
      if (ThunkOf[F] != NoFunction && hasUncountedCalls(F)) {
        if (CalledFromCode[F])
          return fail(describeFunction(M, F) + " is an entry point, makes uncounted calls and "
                      "is called from code: it cannot be completed after linking");
        CopyOf[F] = NextThunk++;
        Copied.push_back(F);
      }
  }
  for (uint32_t F = 0; F < M.numFuncs(); ++F)
    if (ThunkOf[F] != NoFunction) {
      if (!Rep.CostValid[F - M.NumImportedFuncs])
        return fail(describeFunction(M, F) + ": its cost cannot be computed (instruction "
                                             "outside the compat profile)", true);
      ThunkOf[F] = NextThunk++;
      Wrapped.push_back(F);
    }
  Res.NumThunks = static_cast<uint32_t>(Wrapped.size());
  if (!Opts.EntriesOnly)
    for (size_t I = 0; I < M.Bodies.size(); ++I)
      if (!Rep.CostValid[I])
        return fail(describeFunction(M, M.NumImportedFuncs + static_cast<uint32_t>(I)) +
                        ": its cost cannot be computed (instruction outside the compat profile)",
                    true);

  // wasm-ld's --export-all exports hidden symbols too, the counter among
  // them; nothing outside the module may touch it (rule 2), so completion
  // removes that export.
  bool DropCounterExport = Opts.EntriesOnly && !NewCounter && M.Globals[Counter].Exported;
  Res.DroppedCounterExport = DropCounterExport;

  if (Opts.EntriesOnly && !planPlaceholders())
    return false;

  Bytes &Out = Res.Output;
  if (Opts.EntriesOnly && Wrapped.empty() && !DropCounterExport && ImmPatches.empty()) {
    Out.assign(M.Data, M.Data + M.Size); // nothing to complete
    Res.Ok = true;
    return true;
  }
  Out.reserve(M.Size + M.Size / 2 + 64);
  append(Out, M.Data, 8); // magic and version
  bool GlobalsWritten = !NewCounter;
  for (const Section &S : M.Sections) {
    if (S.Id == 0) {
      // DWARF and source maps describe code offsets: where bodies change,
      // drop them rather than ship debug information that lies.
      bool Debug = S.Name.substr(0, 7) == ".debug_" || S.Name == "sourceMappingURL";
      if (Debug && !Opts.EntriesOnly) {
        Res.DroppedDebugInfo = true;
        continue;
      }
      if (S.Name == "name")
        emitNameSection(Out, S);
      else
        append(Out, M.Data + S.Offset, S.PayloadOffset + S.PayloadSize - S.Offset);
      continue;
    }
    if (!GlobalsWritten && sectionOrder(S.Id) > sectionOrder(SecGlobal)) {
      emitGlobalSection(Out, nullptr);
      GlobalsWritten = true;
    }
    uint32_t PayloadEnd = S.PayloadOffset + S.PayloadSize;
    Bytes P;
    std::vector<Patch> Patches;
    switch (S.Id) {
    case 3: { // function
      writeULEB(P, M.Bodies.size() + Copied.size() + Wrapped.size());
      for (const FunctionBody &B : M.Bodies)
        writeULEB(P, B.TypeIndex);
      for (uint32_t F : Copied)
        writeULEB(P, M.FuncTypeIndices[F]);
      for (uint32_t F : Wrapped)
        writeULEB(P, M.FuncTypeIndices[F]);
      writeSection(Out, S.Id, P);
      break;
    }
    case 6: // global
      if (NewCounter || !M.GlobalFuncRefs.empty()) {
        emitGlobalSection(Out, &S);
      } else {
        append(Out, M.Data + S.Offset, PayloadEnd - S.Offset);
      }
      GlobalsWritten = true;
      break;
    case 7: { // export
      uint32_t Kept = 0;
      Bytes Entries;
      for (const Export &E : M.Exports) {
        if (DropCounterExport && E.Kind == ExternalKind::Global && E.Index == Counter)
          continue;
        ++Kept;
        writeULEB(Entries, E.Name.size());
        append(Entries, reinterpret_cast<const uint8_t *>(E.Name.data()), E.Name.size());
        Entries.push_back(static_cast<uint8_t>(E.Kind));
        writeULEB(Entries, E.Kind == ExternalKind::Func ? redirect(E.Index) : E.Index);
      }
      writeULEB(P, Kept);
      append(P, Entries.data(), Entries.size());
      writeSection(Out, S.Id, P);
      break;
    }
    case 8: // start
      writeULEB(P, redirect(M.Start));
      writeSection(Out, S.Id, P);
      break;
    case 9: // element
      for (const FuncRef &R : M.ElemFuncRefs)
        if (ThunkOf[R.Func] != NoFunction)
          Patches.push_back({R.Offset, ThunkOf[R.Func]});
      copyWithPatches(P, M.Data, S.PayloadOffset, PayloadEnd, Patches);
      writeSection(Out, S.Id, P);
      break;
    case 10: // code
      if (!writeCodeSection(S, Out))
        return false;
      break;
    default:
      append(Out, M.Data + S.Offset, PayloadEnd - S.Offset);
      break;
    }
  }
  if (!GlobalsWritten)
    emitGlobalSection(Out, nullptr);
  if (Opts.EntriesOnly && Res.DroppedDebugInfo) {
    // The count grew by a byte and moved every body: rebuild without DWARF.
    Bytes Kept;
    Module Out2;
    DecodeError E;
    if (!decodeModule(Out.data(), Out.size(), Out2, E))
      return fail("internal error: completed module does not decode: " + E.Message);
    append(Kept, Out.data(), 8);
    for (const Section &S : Out2.Sections)
      if (!(S.Id == 0 && (S.Name.substr(0, 7) == ".debug_" || S.Name == "sourceMappingURL")))
        append(Kept, Out.data() + S.Offset, S.PayloadOffset + S.PayloadSize - S.Offset);
    Out.swap(Kept);
  }
  Res.Ok = true;
  return true;
}

} // namespace

InstrumentResult instrumentModule(const uint8_t *Data, size_t Size, uint32_t Limit,
                                  const InstrumentOptions &Opts) {
  InstrumentResult Res;
  Module M;
  VerifyReport Rep;
  std::vector<InstrumentedCall> Seqs;
  if (!decodeModule(Data, Size, M, Rep.Decode)) {
    Res.Error = Rep.Decode.Message;
    Res.Unsupported = Rep.Decode.Unsupported;
    return Res;
  }
  analyzeModule(M, VerifyOptions(), Rep, &Seqs);
  if (Rep.Malformed) {
    Res.Error = Rep.Decode.Message;
    Res.Unsupported = Rep.Decode.Unsupported;
    return Res;
  }
  Instrumenter(M, Rep, Seqs, Limit, Opts, Res).run();
  if (!Res.Ok)
    Res.Output.clear();
  return Res;
}

} // namespace stackcap
