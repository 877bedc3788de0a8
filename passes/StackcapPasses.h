//===- StackcapPasses.h - The passes of the stackcap plugin -----*- C++ -*-===//
//
// Part of stackcap. Three legacy passes, placed into the WebAssembly code
// generation pipeline by the plugin (see docs/plugin.md):
//
//  1. StackcapThunks, `stackcap-thunks` (IR, after
//     wasm-fix-function-bitcasts): the counter global and a thunk for every
//     function that can be entered without a counted call.
//  2. StackcapThunkRewrite, `stackcap-thunk-rewrite` (machine, after
//     wasm-replace-phys-regs): turns each thunk into exactly "arguments,
//     call, return" before stackification, so that it ends as
//     `local.get 0 .. local.get n-1  call  end` with no locals.
//  3. StackcapInstrument, `stackcap-instrument` (machine-level module pass,
//     after wasm-peephole, or wasm-lower-br_unless at -O0): computes every
//     function's cost on its final instruction stream and wraps every
//     counted call.
//
// All three are registered in the legacy PassRegistry under those names
// (initializeStackcapPasses), so `llc -run-pass=`, `-stop-before=`,
// `-print-after=` and `-debug-only=` know them; StackcapThunksPass is the
// new pass manager's form of the IR pass (`opt -passes=stackcap-thunks`).
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_PASSES_H
#define STACKCAP_PASSES_H

#include "StackcapConfig.h"

#include "llvm/ADT/StringRef.h"
#include "llvm/IR/PassManager.h"

#include <string>

namespace llvm {
class Pass;
class PassRegistry;
class Function;
class Module;

void initializeStackcapThunksPass(PassRegistry &);
void initializeStackcapThunkRewritePass(PassRegistry &);
void initializeStackcapInstrumentPass(PassRegistry &);
} // namespace llvm

namespace stackcap {

/// The counter global (spec section 2): one per linked module, however many
/// objects define it, since it is `linkonce_odr hidden`.
constexpr llvm::StringLiteral CounterGlobalName = "__stackcap_stack_height";
/// Function attribute naming a thunk's callee.
constexpr llvm::StringLiteral ThunkAttr = "stackcap-thunk-of";
/// Suffix of a renamed function body whose symbol became its thunk.
constexpr llvm::StringLiteral BodySuffix = ".stackcap_body";
/// Named metadata set on a module the IR pass refused (and reported): the
/// machine passes then leave it alone instead of reporting consequences.
constexpr llvm::StringLiteral RefusedModuleMD = "stackcap.refused";
/// Suffix of the thunk of a function with local linkage.
constexpr llvm::StringLiteral ThunkSuffix = ".stackcap_thunk";

// The factories return llvm::Pass: TargetPassConfig::insertPass takes either a
// Pass instance or a pass ID (a void pointer), and a pointer to a derived class
// that is incomplete where insertPass is called would silently become an ID.
/// \p FatalError, when not empty, is reported as a compile error instead of
/// running the pass (the plugin's checks of its host process).
llvm::Pass *createStackcapThunksPass(const StackcapConfig &Config,
                                     const std::string &FatalError = "");
llvm::Pass *createStackcapThunkRewritePass(const StackcapConfig &Config);
llvm::Pass *createStackcapInstrumentPass(const StackcapConfig &Config);

/// Registers the three legacy passes in \p Registry under their names.
void initializeStackcapPasses(llvm::PassRegistry &Registry);

/// StackcapThunks for the new pass manager (`opt -passes=stackcap-thunks`):
/// the same transformation as the legacy pass the code generation pipeline
/// runs.
class StackcapThunksPass : public llvm::PassInfoMixin<StackcapThunksPass> {
public:
  explicit StackcapThunksPass(StackcapConfig Config = StackcapConfig())
      : Config(std::move(Config)) {}
  llvm::PreservedAnalyses run(llvm::Module &M, llvm::ModuleAnalysisManager &);

private:
  StackcapConfig Config;
};

/// True for wasm32 modules, the only target stackcap instruments.
bool isStackcapTarget(const llvm::Function &F);

/// The source-level name of \p F for diagnostics: demangled, without the
/// suffixes stackcap adds.
std::string sourceName(const llvm::Function &F);

} // namespace stackcap

#endif
