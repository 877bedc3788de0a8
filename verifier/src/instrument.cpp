//===- instrument.cpp - Reference post-link instrumenter ------------------===//
//
// Part of stackcap. Does to a linked, uninstrumented module what
// wasm-instrument 0.4's stack_limiter::inject does (instrument.h): a new
// counter, every call to a defined function counted, thunks for every entry
// point. The link-time completion of a module the plugin built
// (InstrumentOptions::EntriesOnly) is in complete.cpp; both share the
// section writers of module_rewriter.h.
//
//===----------------------------------------------------------------------===//
#include "stackcap/instrument.h"

#include "module_rewriter.h"

#include "stackcap/verify.h"

namespace stackcap {
namespace detail {
bool completeModule(const Module &M, const VerifyReport &Rep,
                    const std::vector<InstrumentedCall> &Seqs, uint32_t Limit,
                    const InstrumentOptions &Opts, InstrumentResult &Res);
} // namespace detail

namespace {

using namespace detail;

class ReferenceInstrumenter : public ModuleRewriter {
public:
  using ModuleRewriter::ModuleRewriter;
  bool run();

private:
  bool writeCodeSection(const Section &S, Bytes &Out) override;
};

bool ReferenceInstrumenter::writeCodeSection(const Section &S, Bytes &Out) {
  Bytes P;
  writeULEB(P, M.Bodies.size() + Wrapped.size());
  for (uint32_t F = M.NumImportedFuncs; F < M.numFuncs(); ++F)
    if (!rewriteBody(F, P))
      return false;
  finishCodeSection(S, P, Out);
  return true;
}

bool ReferenceInstrumenter::run() {
  if (!refuseObjectFile())
    return false;
  if (Rep.NumInstrumentedCalls)
    return fail("module already contains stack-limit instrumentation sequences");
  Counter = static_cast<uint32_t>(M.Globals.size());
  Res.CounterGlobal = Counter;
  Res.Limit = Limit;

  collectEntryPoints();
  if (!collectCodeRefs())
    return false;
  for (uint32_t Target : CodeRefTargets)
    addEntry(Target);
  if (!numberThunks(M.numFuncs()))
    return false;
  for (size_t I = 0; I < M.Bodies.size(); ++I)
    if (!Rep.CostValid[I])
      return fail(describeFunction(M, M.NumImportedFuncs + static_cast<uint32_t>(I)) +
                      ": its cost cannot be computed (instruction outside the compat profile)",
                  true);
  Res.Output.reserve(M.Size + M.Size / 2 + 64);
  if (!emitModule())
    return false;
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
  if (Opts.EntriesOnly)
    detail::completeModule(M, Rep, Seqs, Limit, Opts, Res);
  else
    ReferenceInstrumenter(M, Rep, Seqs, Limit, Res).run();
  if (!Res.Ok)
    Res.Output.clear();
  return Res;
}

} // namespace stackcap
