//===- module_rewriter.cpp - What instrumentation and completion share ----===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#include "module_rewriter.h"

#include "stackcap/byte_reader.h"
#include "stackcap/instr.h"

#include <algorithm>

namespace stackcap {
namespace detail {

constexpr uint8_t SecGlobal = 6;

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
    ByteReader::mustSucceed(R.skip(P.Offset));
    uint32_t Old;
    ByteReader::mustSucceed(R.readU32(Old));
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

bool isDebugSection(std::string_view Name) {
  return Name.substr(0, 7) == ".debug_" || Name == "sourceMappingURL";
}

void ModuleRewriter::addEntry(uint32_t F) {
  if (F >= M.numFuncs() || M.isImportedFunc(F) || ThunkOf[F] != NoFunction)
    return;
  if (SkipThunkEntries && isThunk(F))
    return; // already entered through a thunk
  ThunkOf[F] = 0; // numbered by numberThunks
}

void ModuleRewriter::writeCall(Bytes &Out, uint32_t Callee, const uint8_t *CallBytes,
                               size_t CallLen) {
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

void ModuleRewriter::collectEntryPoints() {
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
}

bool ModuleRewriter::numberThunks(uint32_t NextThunk) {
  for (uint32_t F = 0; F < M.numFuncs(); ++F)
    if (ThunkOf[F] != NoFunction) {
      if (!Rep.CostValid[F - M.NumImportedFuncs])
        return fail(describeFunction(M, F) + ": its cost cannot be computed (instruction "
                                             "outside the compat profile)", true);
      ThunkOf[F] = NextThunk++;
      Wrapped.push_back(F);
    }
  Res.NumThunks = static_cast<uint32_t>(Wrapped.size());
  return true;
}

bool ModuleRewriter::collectCodeRefs() {
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F) {
    std::string Msg;
    bool Ok = true;
    if (!forEachInstr(M, F, Msg, [&](const Instr &I) {
          // The analysis stops at an instruction whose immediates it cannot
          // frame; so must this scan (such a module is refused below anyway).
          if (I.kind() == OpKind::Unsupported && I.Info->Imm == ImmKind::Unknown)
            return false;
          if (I.Key == op::RefFunc) {
            if (I.Index >= M.numFuncs()) {
              Ok = fail("ref.func of unknown function " + std::to_string(I.Index));
              return false;
            }
            CodeRefTargets.push_back(I.Index);
          } else if (I.Key == op::Call && I.Index < M.numFuncs()) {
            CalledFromCode[I.Index] = 1;
          }
          return true;
        }))
      return fail(Msg);
    if (!Ok)
      return false;
  }
  return true;
}

bool ModuleRewriter::rewriteBody(uint32_t F, Bytes &Out, bool CountThunkCalls) {
  const FunctionBody &B = M.body(F);
  Bytes Body;
  Body.reserve(B.Size + B.Size / 2);
  append(Body, M.Data + B.Offset, B.CodeOffset - B.Offset); // locals
  std::string Msg;
  if (!forEachInstr(M, F, Msg, [&](const Instr &I) {
        const uint8_t *Raw = M.Data + I.Offset;
        if (I.Key == op::Call && !M.isImportedFunc(I.Index) &&
            (CountThunkCalls || !isThunk(I.Index))) {
          writeCall(Body, I.Index, Raw, I.Length);
        } else if (I.Key == op::RefFunc && ThunkOf[I.Index] != NoFunction) {
          Body.push_back(opcodeByte(op::RefFunc));
          writeULEB(Body, ThunkOf[I.Index]);
        } else {
          append(Body, Raw, I.Length);
        }
        return true;
      }))
    return fail(Msg);
  writeULEB(Out, Body.size());
  append(Out, Body.data(), Body.size());
  return true;
}

bool ModuleRewriter::refuseObjectFile() {
  for (const Section &S : M.Sections)
    if (S.Id == 0 && (S.Name == "linking" || S.Name.substr(0, 6) == "reloc."))
      return fail("relocatable object file: instrument the linked module instead", true);
  return true;
}

void ModuleRewriter::finishCodeSection(const Section &S, Bytes &P, Bytes &Out) {
  for (uint32_t F : Wrapped)
    writeThunk(F, P);
  writeSection(Out, S.Id, P);
}

void ModuleRewriter::writeThunk(uint32_t F, Bytes &Out) {
  const FuncType &T = M.funcType(F);
  Bytes Body;
  // The thunk shape of call_sequence.h.
  writeULEB(Body, ThunkLocalGroups);
  for (uint32_t K = 0; K < T.NumParams; ++K) {
    Body.push_back(opcodeByte(ThunkForwardOpcode)); // local.get K
    writeULEB(Body, K);
  }
  // The thunk of a retired linker-made function calls its counted copy,
  // whose cost is the original's (same locals, same code once uncounted).
  uint32_t Target = CopyOf.empty() || CopyOf[F] == NoFunction ? F : CopyOf[F];
  Bytes Call;
  Call.push_back(opcodeByte(op::Call));
  writeULEB(Call, Target);
  writeCall(Body, F, Call.data(), Call.size());
  Body.push_back(opcodeByte(ThunkEndOpcode));
  writeULEB(Out, Body.size());
  append(Out, Body.data(), Body.size());
}

void ModuleRewriter::emitGlobalSection(Bytes &Out, const Section *Old) {
  Bytes P;
  uint32_t Existing = 0;
  for (const GlobalInfo &G : M.Globals)
    Existing += !G.Imported;
  writeULEB(P, Existing + (NewCounter ? 1 : 0));
  if (Old) {
    ByteReader R(M.Data, Old->PayloadOffset + Old->PayloadSize);
    ByteReader::mustSucceed(R.skip(Old->PayloadOffset));
    uint32_t N;
    ByteReader::mustSucceed(R.readU32(N));
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
    P.push_back(opcodeByte(op::I32Const)); // i32.const 0
    P.push_back(0x00);
    P.push_back(opcodeByte(op::End));
  }
  writeSection(Out, SecGlobal, P);
}

/// Copies the name section, giving each new thunk the name of the function
/// it wraps plus ".stackcap_thunk" in the function names subsection.
void ModuleRewriter::emitNameSection(Bytes &Out, const Section &S) {
  uint32_t End = S.PayloadOffset + S.PayloadSize;
  ByteReader R(M.Data, End);
  ByteReader::mustSucceed(R.skip(S.PayloadOffset));
  std::string_view SecName;
  ByteReader::mustSucceed(R.readName(SecName));
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
    ByteReader::mustSucceed(Sub.skip(static_cast<size_t>(Payload - M.Data)));
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

bool ModuleRewriter::emitModule() {
  Bytes &Out = Res.Output;
  Out.reserve(M.Size + M.Size / 2 + 64);
  append(Out, M.Data, 8); // magic and version
  bool GlobalsWritten = !NewCounter;
  for (const Section &S : M.Sections) {
    if (S.Id == 0) {
      // DWARF and source maps describe code offsets: where bodies change,
      // drop them rather than ship debug information that lies.
      bool Debug = isDebugSection(S.Name);
      if (Debug && DropDebugSections) {
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
  return true;
}

} // namespace detail
} // namespace stackcap
