//===- StackcapPlugin.cpp - Entry point of the stackcap LLVM plugin -------===//
//
// Part of stackcap.
//
// Loaded by `clang -fpass-plugin=`, by wasm-ld through `-mllvm -load=` (for
// LTO code generation) and by rustc through `-Z llvm-plugins=`. The new pass
// manager entry point makes the library loadable as a pass plugin and names
// the IR pass for `opt -passes=`; the work is done in the code generation
// pipeline, which the static
// RegisterTargetPassConfigCallback below joins whenever a TargetMachine builds
// it (once per module, or per codegen unit in rustc, possibly on several
// threads: nothing here keeps mutable state except the warn-once flag).
//
//===----------------------------------------------------------------------===//
#include "DriverCheck.h"
#include "StackcapOptions.h"
#include "StackcapPasses.h"
#include "WasmMachineInfo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/CodeGen/TargetPassConfig.h"
#include "llvm/IR/LegacyPassManager.h"
#include "llvm/PassRegistry.h"
#include "llvm/Passes/PassBuilder.h"
#include "llvm/Plugins/PassPlugin.h"
#include "llvm/Support/CommandLine.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/Target/RegisterTargetPassConfigCallback.h"
#include "llvm/Target/TargetMachine.h"

#include <atomic>
#include <string>

using namespace llvm;

namespace stackcap {
namespace {

/// The ID of the WebAssembly pass \p Name, or null with \p Missing saying so.
AnalysisID passID(StringRef Name, std::string &Missing) {
  const PassInfo *PI = PassRegistry::getPassRegistry()->getPassInfo(Name);
  if (PI && !testPassMissing(Name))
    return PI->getTypeInfo();
  if (Missing.empty())
    Missing = ("stackcap: this LLVM has no pass named '" + Name +
               "'; the plugin needs LLVM 22's WebAssembly backend")
                  .str();
  return nullptr;
}

void addStackcapPasses(TargetMachine &TM, PassManagerBase &PM, TargetPassConfig *PassConfig) {
  if (!PassConfig || stackcapDisabled())
    return;
  const Triple &T = TM.getTargetTriple();
  if (T.getArch() != Triple::wasm32) {
    static std::atomic<bool> Warned{false};
    if (!Warned.exchange(true))
      errs() << "warning: stackcap: target '" << T.str()
             << "' is not wasm32; stackcap leaves its code uninstrumented\n";
    return;
  }
  // Everything the passes rely on must exist under the name they know: the
  // WebAssembly passes they follow, and every machine opcode they model, emit
  // or must reject. When something is missing, the compile fails with a
  // message saying what, reported by the IR pass ahead of code generation (an
  // error, not an abort: clang's cc1 would dump a stack and ask for a bug
  // report), and no pass that would instrument is added.
  StackcapConfig Config = configFromCommandLine();
  std::string Missing = WasmMachineInfo::checkRequired(*TM.getMCInstrInfo(),
                                                       *TM.getMCRegisterInfo(),
                                                       Config.TestMissingOpcodes);
  const char *Late = PassConfig->getOptLevel() == CodeGenOptLevel::None ? "wasm-lower-br_unless"
                                                                         : "wasm-peephole";
  AnalysisID AfterBitcasts = passID("wasm-fix-function-bitcasts", Missing);
  AnalysisID AfterPhysRegs = passID("wasm-replace-phys-regs", Missing);
  AnalysisID AfterLate = passID(Late, Missing);
  if (!Missing.empty()) {
    PM.add(createStackcapThunksPass(Config, Missing));
    return;
  }
  const std::string &Hazard = postLinkRewriteHazard();
  PassConfig->insertPass(AfterBitcasts, createStackcapThunksPass(Config, Hazard));
  PassConfig->insertPass(AfterPhysRegs, createStackcapThunkRewritePass(Config));
  PassConfig->insertPass(AfterLate, createStackcapInstrumentPass(Config));
}

RegisterTargetPassConfigCallback RegisterStackcap(addStackcapPasses);

/// Makes the passes known by name to the legacy PassRegistry when the plugin
/// is loaded (llc -load=, opt -load=, clang -fpass-plugin= ...), for
/// -run-pass=, -stop-before=, -print-after= and -debug-only=. Passes that LLVM
/// creates by name read the command line when they are created.
struct RegisterPasses {
  RegisterPasses() {
    setRegisteredPassConfig(configFromCommandLine);
    initializeStackcapPasses(*PassRegistry::getPassRegistry());
  }
} RegisterStackcapPasses;

/// The new pass manager's names: `opt -load-pass-plugin=<plugin>
/// -passes=stackcap-thunks`.
void registerPassBuilderCallbacks(PassBuilder &PB) {
  PB.registerPipelineParsingCallback(
      [](StringRef Name, ModulePassManager &MPM, ArrayRef<PassBuilder::PipelineElement>) {
        if (Name != "stackcap-thunks")
          return false;
        MPM.addPass(StackcapThunksPass(configFromCommandLine()));
        return true;
      });
}

} // namespace
} // namespace stackcap

// The plugin's only exported symbol (it is built with -fvisibility=hidden).
extern "C" LLVM_ATTRIBUTE_WEAK LLVM_ATTRIBUTE_VISIBILITY_DEFAULT PassPluginLibraryInfo
llvmGetPassPluginInfo() {
  return {LLVM_PLUGIN_API_VERSION, "stackcap", "0.1.0", stackcap::registerPassBuilderCallbacks};
}
