//===- complete.cpp - Link-time completion of plugin-built modules --------===//
//
// Part of stackcap. InstrumentOptions::EntriesOnly (instrument.h): completes a
// module the compiler plugin instrumented, after linking. It sets the
// placeholders of placeholders.h in place, adds thunks only for entry points
// that are not thunks yet (functions the linker made), using the module's
// own counter and limit, and removes an export of the counter. Every body is
// kept at its offset, so DWARF stays valid.
//
//===----------------------------------------------------------------------===//
#include "module_rewriter.h"

#include "stackcap/byte_reader.h"
#include "stackcap/instr.h"
#include "stackcap/placeholders.h"

namespace stackcap {
namespace detail {
namespace {

class LinkCompleter : public ModuleRewriter {
public:
  LinkCompleter(const Module &M, const VerifyReport &Rep,
                const std::vector<InstrumentedCall> &Seqs, uint32_t Limit,
                const InstrumentOptions &Opts, InstrumentResult &Res)
      : ModuleRewriter(M, Rep, Seqs, Limit, Res), LimitGiven(Opts.LimitGiven) {
    SkipThunkEntries = true;
    DropDebugSections = false;
  }
  bool run();

private:
  bool LimitGiven;
  struct ImmPatch {
    uint32_t At;    // file offset of the i32.const
    uint32_t Value;
  };
  std::vector<ImmPatch> ImmPatches;
  bool hasUncountedCalls(uint32_t F);
  bool planPlaceholders();
  void applyImmPatches(Bytes &Code, size_t CodeBase);
  void retireBody(uint32_t F, Bytes &Code, size_t CodeBase);
  bool writeCodeSection(const Section &S, Bytes &Out) override;
};

/// True when \p F calls a defined function that is not a thunk without
/// counting it: code the linker made (e.g. wasm-ld's X.command_export, which
/// calls __wasm_call_ctors), since compiled code has no such call.
bool LinkCompleter::hasUncountedCalls(uint32_t F) {
  bool Found = false;
  std::string Msg;
  // A body that does not decode has none that count (the verifier refuses it).
  forEachInstr(M, F, Msg, [&](const Instr &I) {
    if (I.Key == op::GlobalGet && I.Index == Counter)
      return false; // instrumented code: the verifier judges its calls
    if (I.Key == op::Call && I.Index < M.numFuncs() && !M.isImportedFunc(I.Index) &&
        !isThunk(I.Index)) {
      Found = true;
      return false;
    }
    return true;
  });
  return Found;
}

/// The placeholders (placeholders.h) to set, each an i32.const with a 5-byte
/// immediate, overwritten in place with a padded LEB128 of the same width.
bool LinkCompleter::planPlaceholders() {
  auto Wide = [&](uint32_t At) {
    ByteReader R(M.Data, M.Size);
    ByteReader::mustSucceed(R.skip(At + 1));
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

void LinkCompleter::applyImmPatches(Bytes &Code, size_t CodeBase) {
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
void LinkCompleter::retireBody(uint32_t F, Bytes &Code, size_t CodeBase) {
  const FunctionBody &B = M.body(F);
  size_t Begin = CodeBase + B.CodeOffset, End = CodeBase + B.Offset + B.Size;
  Code[Begin] = opcodeByte(op::Unreachable);
  for (size_t I = Begin + 1; I + 1 < End; ++I)
    Code[I] = opcodeByte(op::Nop);
  Code[End - 1] = opcodeByte(op::End);
}

bool LinkCompleter::writeCodeSection(const Section &S, Bytes &Out) {
  Bytes P;
  uint32_t Count = static_cast<uint32_t>(M.Bodies.size() + Copied.size() + Wrapped.size());
  // Keep every body at its offset from the section start, so DWARF, whose
  // code addresses are such offsets, stays right: same-width count, bodies
  // copied verbatim, thunks after them.
  ByteReader R(M.Data, S.PayloadOffset + S.PayloadSize);
  ByteReader::mustSucceed(R.skip(S.PayloadOffset));
  uint32_t OldCount;
  ByteReader::mustSucceed(R.readU32(OldCount));
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
  finishCodeSection(S, P, Out);
  return true;
}

bool LinkCompleter::run() {
  if (!refuseObjectFile())
    return false;
  NewCounter = !Rep.HasCounter;
  Counter = NewCounter ? static_cast<uint32_t>(M.Globals.size()) : Rep.CounterGlobal;
  if (!LimitGiven) {
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
  Res.CounterGlobal = Counter;
  Res.Limit = Limit;

  collectEntryPoints();
  if (!collectCodeRefs())
    return false;
  for (uint32_t Target : CodeRefTargets) {
    if (!M.isImportedFunc(Target) && !isThunk(Target))
      return fail("ref.func in code names " + describeFunction(M, Target) +
                  ", which is not a thunk; that cannot be completed after linking");
    addEntry(Target);
  }

  uint32_t NextThunk = M.numFuncs();
  CopyOf.assign(M.numFuncs(), NoFunction);
  for (uint32_t F = 0; F < M.numFuncs(); ++F)
    if (ThunkOf[F] != NoFunction && hasUncountedCalls(F)) {
      if (CalledFromCode[F])
        return fail(describeFunction(M, F) + " is an entry point, makes uncounted calls and "
                    "is called from code: it cannot be completed after linking");
      CopyOf[F] = NextThunk++;
      Copied.push_back(F);
    }
  if (!numberThunks(NextThunk))
    return false;

  // wasm-ld's --export-all exports hidden symbols too, the counter among
  // them; nothing outside the module may touch it (rule 2), so completion
  // removes that export.
  DropCounterExport = !NewCounter && M.Globals[Counter].Exported;
  Res.DroppedCounterExport = DropCounterExport;

  if (!planPlaceholders())
    return false;

  Bytes &Out = Res.Output;
  if (Wrapped.empty() && !DropCounterExport && ImmPatches.empty()) {
    Out.assign(M.Data, M.Data + M.Size); // nothing to complete
    Res.Ok = true;
    return true;
  }
  Out.reserve(M.Size + M.Size / 2 + 64);
  if (!emitModule())
    return false;
  if (Res.DroppedDebugInfo) {
    // The count grew by a byte and moved every body: rebuild without DWARF.
    Bytes Kept;
    Module Out2;
    DecodeError E;
    if (!decodeModule(Out.data(), Out.size(), Out2, E))
      return fail("internal error: completed module does not decode: " + E.Message);
    append(Kept, Out.data(), 8);
    for (const Section &S : Out2.Sections)
      if (!(S.Id == 0 && isDebugSection(S.Name)))
        append(Kept, Out.data() + S.Offset, S.PayloadOffset + S.PayloadSize - S.Offset);
    Out.swap(Kept);
  }
  Res.Ok = true;
  return true;
}

} // namespace

bool completeModule(const Module &M, const VerifyReport &Rep,
                    const std::vector<InstrumentedCall> &Seqs, uint32_t Limit,
                    const InstrumentOptions &Opts, InstrumentResult &Res) {
  return LinkCompleter(M, Rep, Seqs, Limit, Opts, Res).run();
}

} // namespace detail
} // namespace stackcap
