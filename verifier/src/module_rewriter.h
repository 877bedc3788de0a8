//===- module_rewriter.h - What instrumentation and completion share -*- C++ -*-===//
//
// Part of stackcap (internal to the verifier library). The reference
// instrumenter (instrument.cpp) and the link-time completer (complete.cpp)
// both rewrite only what must change: function, global, export, start,
// element, code and name sections; all other sections are copied verbatim.
// Thunks (and the counter, where one is made) are appended, so no existing
// index moves. This base class holds the state and the section writers they
// share; each supplies its own run() and code section.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_SRC_MODULE_REWRITER_H
#define STACKCAP_SRC_MODULE_REWRITER_H

#include "stackcap/byte_reader.h"
#include "stackcap/instr.h"
#include "stackcap/instrument.h"
#include "stackcap/verify.h"

#include <string>
#include <vector>

namespace stackcap {
namespace detail {

struct Patch {
  uint32_t Offset; // of an encoded u32 function index
  uint32_t NewValue;
};

/// Copies [Begin, End) of \p Data, re-encoding the u32 at each patch offset.
void copyWithPatches(Bytes &Out, const uint8_t *Data, uint32_t Begin, uint32_t End,
                     std::vector<Patch> &Patches);

/// Encodes \p V in exactly \p Width bytes (padded LEB128), if it fits.
bool writePaddedULEB(Bytes &Out, uint32_t V, unsigned Width);

/// Custom sections that describe code offsets (DWARF, source maps).
bool isDebugSection(std::string_view Name);

/// Decodes the instructions of the body of defined function \p F in order
/// (offsets relative to the module's start) and passes each to \p Visit,
/// which returns false to stop early. Returns false, with \p Error set, at
/// an instruction that does not decode.
template <typename Fn>
bool forEachInstr(const Module &M, uint32_t F, std::string &Error, Fn Visit) {
  const FunctionBody &B = M.body(F);
  ByteReader R(M.Data, B.Offset + B.Size);
  ByteReader::mustSucceed(R.skip(B.CodeOffset));
  while (!R.atEnd()) {
    Instr I;
    if (!decodeInstr(R, I, Error))
      return false;
    if (!Visit(I))
      return true;
  }
  return true;
}

/// \p Data (\p Size bytes) with the payload of its section \p S replaced by
/// \p Payload; every other byte as it was.
inline void replaceSection(const uint8_t *Data, size_t Size, const Section &S,
                           const Bytes &Payload, Bytes &Out) {
  Out.clear();
  append(Out, Data, S.Offset);
  writeSection(Out, S.Id, Payload);
  size_t Rest = S.PayloadOffset + S.PayloadSize;
  append(Out, Data + Rest, Size - Rest);
}

/// \p M's bytes with its code section rebuilt: each body keeps its locals,
/// and \p WriteCode(index, body, out) appends its code (instructions and
/// final `end`); it returns false to give up, leaving \p Out as it was.
template <typename Fn> bool rewriteBodies(const Module &M, Bytes &Out, Fn WriteCode) {
  Bytes Result;
  Result.reserve(M.Size);
  append(Result, M.Data, 8);
  for (const Section &S : M.Sections) {
    uint32_t End = S.PayloadOffset + S.PayloadSize;
    if (S.Id != 10 /* code */) {
      append(Result, M.Data + S.Offset, End - S.Offset);
      continue;
    }
    Bytes P;
    writeULEB(P, M.Bodies.size());
    Bytes Body;
    for (size_t K = 0; K < M.Bodies.size(); ++K) {
      const FunctionBody &B = M.Bodies[K];
      Body.clear();
      append(Body, M.Data + B.Offset, B.CodeOffset - B.Offset); // locals
      if (!WriteCode(K, B, Body))
        return false;
      writeULEB(P, Body.size());
      append(P, Body.data(), Body.size());
    }
    writeSection(Result, S.Id, P);
  }
  Out.swap(Result);
  return true;
}

class ModuleRewriter {
public:
  ModuleRewriter(const Module &M, const VerifyReport &Rep,
                 const std::vector<InstrumentedCall> &Seqs, uint32_t Limit,
                 InstrumentResult &Res)
      : M(M), Rep(Rep), Seqs(Seqs), Limit(Limit), Res(Res) {}
  virtual ~ModuleRewriter() = default;

protected:
  const Module &M;
  const VerifyReport &Rep;
  const std::vector<InstrumentedCall> &Seqs;
  uint32_t Limit;
  InstrumentResult &Res;
  uint32_t Counter = 0;
  bool NewCounter = true;
  // Entry points that are already thunks get none (completion).
  bool SkipThunkEntries = false;
  // Drop DWARF and source maps (bodies move), or keep them (they do not).
  bool DropDebugSections = true;
  // Remove an export of the counter (completion, after --export-all).
  bool DropCounterExport = false;
  std::vector<uint32_t> ThunkOf; // per function index: its new thunk, or NoFunction
  std::vector<uint32_t> Wrapped; // defined functions that get a thunk, ascending
  std::vector<uint32_t> CodeRefTargets;
  // Completion: linker-made entry functions with uncounted calls. Each gets
  // a counted copy (appended) and its thunk; the original is retired in place.
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
  void addEntry(uint32_t F);
  uint32_t redirect(uint32_t F) const { return ThunkOf[F] == NoFunction ? F : ThunkOf[F]; }
  void writeCall(Bytes &Out, uint32_t Callee, const uint8_t *CallBytes, size_t CallLen);
  /// Exports, start, element segments and global initialisers: addEntry.
  void collectEntryPoints();
  bool collectCodeRefs();
  /// Numbers the thunks from \p NextThunk on, in increasing order of the
  /// function they wrap; fails where a wrapped function's cost is unknown.
  bool numberThunks(uint32_t NextThunk);
  /// Fails on a relocatable object file: only linked modules are rewritten.
  bool refuseObjectFile();
  bool rewriteBody(uint32_t F, Bytes &Out, bool CountThunkCalls = true);
  void writeThunk(uint32_t F, Bytes &Out);
  /// Appends the thunks to the code section's payload \p P, then writes the
  /// section \p S to \p Out.
  void finishCodeSection(const Section &S, Bytes &P, Bytes &Out);
  void emitGlobalSection(Bytes &Out, const Section *Old);
  void emitNameSection(Bytes &Out, const Section &S);
  virtual bool writeCodeSection(const Section &S, Bytes &Out) = 0;
  /// Writes the whole module to Res.Output.
  bool emitModule();
};

} // namespace detail
} // namespace stackcap

#endif
