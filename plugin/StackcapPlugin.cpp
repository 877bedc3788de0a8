//===- StackcapPlugin.cpp - Entry point of the stackcap LLVM plugin -------===//
//
// Part of stackcap.
//
// Loaded by `clang -fpass-plugin=`, by wasm-ld through `-mllvm -load=` (for
// LTO code generation) and by rustc through `-Z llvm-plugins=`. The new pass
// manager entry point only makes the library loadable as a pass plugin; the
// work is done in the code generation pipeline, which the static
// RegisterTargetPassConfigCallback below joins whenever a TargetMachine builds
// it (once per module, or per codegen unit in rustc, possibly on several
// threads: nothing here keeps mutable state except the warn-once flag).
//
//===----------------------------------------------------------------------===//
#include "DriverCheck.h"
#include "StackcapOptions.h"
#include "StackcapPasses.h"

#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/PassRegistry.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Support/ErrorHandling.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"
#include "llvm/Target/TargetMachine.h"

#include <atomic>

using namespace llvm;

namespace stackcap {
namespace {

AnalysisID passID(StringRef Name) {
  const PassInfo *PI = PassRegistry::getPassRegistry()->getPassInfo(Name);
  if (!PI)
    report_fatal_error(Twine("stackcap: this LLVM has no pass named '") + Name +
                       "'; the plugin needs LLVM 22's WebAssembly backend");
  return PI->getTypeInfo();
}

void addStackcapPasses(TargetMachine &TM, PassManagerBase &, TargetPassConfig *PassConfig) {
  if (!PassConfig || DisableStackcap)
    return;
  const Triple &T = TM.getTargetTriple();
  if (T.getArch() != Triple::wasm32) {
    static std::atomic<bool> Warned{false};
    if (!Warned.exchange(true))
      errs() << "warning: stackcap: target '" << T.str()
             << "' is not wasm32; stackcap leaves its code uninstrumented\n";
    return;
  }
  const char *Late = PassConfig->getOptLevel() == CodeGenOptLevel::None ? "wasm-lower-br_unless"
                                                                         : "wasm-peephole";
  const std::string &Hazard = postLinkRewriteHazard();
  PassConfig->insertPass(passID("wasm-fix-function-bitcasts"), createStackcapThunksPass(Hazard));
  PassConfig->insertPass(passID("wasm-replace-phys-regs"), createStackcapThunkRewritePass());
  PassConfig->insertPass(passID(Late), createStackcapInstrumentPass(StackLimit));
}

RegisterTargetPassConfigCallback RegisterStackcap(addStackcapPasses);

} // namespace
} // namespace stackcap

extern "C" LLVM_ATTRIBUTE_WEAK PassPluginLibraryInfo llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "stackcap", "0.1.0", [](PassBuilder &) {}};
}
