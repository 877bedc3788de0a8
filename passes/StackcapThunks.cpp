//===- StackcapThunks.cpp - Counter global and thunks at the IR level -----===//
//
// Part of stackcap.
//
// Every way into a function other than a counted direct call must pass
// through a thunk that does the counting (spec section 2). After this pass:
//
//  * A function with non-local linkage keeps its symbol, but the symbol now
//    names a thunk; the body moves to an internal function NAME.stackcap_body.
//    Whatever refers to the symbol from elsewhere (other objects, exports of
//    any kind, tables, the linker's __wasm_call_ctors) therefore reaches the
//    thunk, so no cost ever has to cross an object boundary: calls from other
//    objects are plain calls to a thunk, which rule 3 accepts.
//    Direct calls in this module go straight to the body (and are counted by
//    StackcapInstrument), except for weak and linkonce functions, whose body
//    may be replaced at link time: their calls keep going to the thunk.
//  * A function with local linkage whose address is used (function pointers,
//    llvm.global_ctors, export_name) gets an internal thunk NAME.stackcap_thunk
//    that takes over every use except direct calls.
//
// The IR body of a thunk is only a call and a return; StackcapThunkRewrite
// gives it its exact final shape after instruction selection.
//
// Run alone (test/lit/passes/):
//   opt-22 -load-pass-plugin=stackcap-plugin.so -passes=stackcap-thunks -S x.ll
//
//===----------------------------------------------------------------------===//
#include "StackcapPasses.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/Constants.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalAlias.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/IRBuilder.h"
#include "llvm/IR/Instructions.h"
#include "llvm/IR/Module.h"
#include "llvm/InitializePasses.h"
#include "llvm/Pass.h"
#include "llvm/Support/Debug.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

#define DEBUG_TYPE "stackcap-thunks"

STATISTIC(NumThunks, "Number of thunks created");
STATISTIC(NumRenamedBodies, "Number of bodies renamed to NAME.stackcap_body");

namespace stackcap {

bool isStackcapTarget(const Function &F) {
  const Triple &T = F.getParent()->getTargetTriple();
  return T.getArch() == Triple::wasm32;
}

std::string sourceName(const Function &F) {
  StringRef Name = F.getName();
  for (StringRef Suffix : {BodySuffix, ThunkSuffix})
    Name.consume_back(Suffix);
  return demangle(Name);
}

namespace {

/// Attributes of the export/import machinery that belong to the symbol, not to
/// the code: they move from a body to its thunk.
constexpr StringLiteral SymbolAttrs[] = {"wasm-export-name"};

/// The transformation, shared by the legacy pass and the new-PM pass.
class ThunkMaker {
public:
  ThunkMaker(const std::string &FatalError, bool Lean) : FatalError(FatalError), Lean(Lean) {}
  bool run(Module &M);

private:
  const std::string &FatalError;
  bool Lean;
  static CallInst *thunkCall(Function &T) {
    return cast<CallInst>(T.getEntryBlock().getTerminator()->getPrevNode());
  }
  Function *createThunk(Function &Body, StringRef Name, GlobalValue::LinkageTypes Linkage);
  bool check(Module &M);
};

class StackcapThunks : public ModulePass {
public:
  static char ID;
  StackcapThunks() : StackcapThunks(registeredPassConfig(), "") {}
  StackcapThunks(const StackcapConfig &Config, std::string FatalError)
      : ModulePass(ID), FatalError(std::move(FatalError)),
        Lean(Config.Profile == StackcapProfile::Lean) {}
  StringRef getPassName() const override { return "stackcap: counter global and thunks"; }
  bool runOnModule(Module &M) override { return ThunkMaker(FatalError, Lean).run(M); }

private:
  std::string FatalError;
  bool Lean; // profile lean: the counter only, no thunks
};

char StackcapThunks::ID = 0;

bool isDirectCall(const Use &U, const Function &F) {
  const auto *CB = dyn_cast<CallBase>(U.getUser());
  return CB && CB->isCallee(&U) && CB->getFunctionType() == F.getFunctionType();
}

/// Uses in llvm.used / llvm.compiler.used keep a symbol alive; they are not a
/// way into the function and stay with the body.
bool isUsedListUse(const Use &U) {
  const User *Usr = U.getUser();
  if (isa<ConstantArray>(Usr) && Usr->hasOneUse())
    Usr = *Usr->user_begin();
  const auto *GV = dyn_cast<GlobalVariable>(Usr);
  return GV && (GV->getName() == "llvm.used" || GV->getName() == "llvm.compiler.used");
}

Function *ThunkMaker::createThunk(Function &Body, StringRef Name,
                                  GlobalValue::LinkageTypes Linkage) {
  Module &M = *Body.getParent();
  Function *T = Function::Create(Body.getFunctionType(), Linkage, Body.getAddressSpace(), Name, &M);
  T->setCallingConv(Body.getCallingConv());
  // Keep what affects code generation or the calling convention; drop what
  // describes the body's behaviour.
  AttributeList BodyAttrs = Body.getAttributes();
  for (unsigned I = 0, E = T->arg_size(); I != E; ++I)
    for (Attribute::AttrKind K : {Attribute::ZExt, Attribute::SExt, Attribute::InReg,
                                  Attribute::StructRet, Attribute::ByVal, Attribute::NoUndef})
      if (BodyAttrs.hasParamAttr(I, K))
        T->addParamAttr(I, BodyAttrs.getParamAttr(I, K));
  for (Attribute::AttrKind K : {Attribute::ZExt, Attribute::SExt, Attribute::NoUndef})
    if (BodyAttrs.hasRetAttr(K))
      T->addRetAttr(BodyAttrs.getRetAttr(K));
  for (StringRef A : {"target-cpu", "target-features"})
    if (Body.hasFnAttribute(A))
      T->addFnAttr(Body.getFnAttribute(A));
  T->addFnAttr(Attribute::NoInline);
  T->addFnAttr(Attribute::NoUnwind);
  T->addFnAttr(ThunkAttr, Body.getName());
  ++NumThunks;
  LLVM_DEBUG(dbgs() << "stackcap-thunks: thunk " << Name << " of " << Body.getName() << '\n');

  BasicBlock *BB = BasicBlock::Create(M.getContext(), "entry", T);
  IRBuilder<> B(BB);
  SmallVector<Value *, 8> Args;
  for (Argument &A : T->args())
    Args.push_back(&A);
  CallInst *Call = B.CreateCall(Body.getFunctionType(), &Body, Args);
  Call->setCallingConv(Body.getCallingConv());
  // No byval copy at the call: the thunk's caller already made one, and the
  // thunk must not grow a frame. StackcapThunkRewrite rebuilds the call anyway.
  for (unsigned I = 0, E = T->arg_size(); I != E; ++I)
    if (BodyAttrs.hasParamAttr(I, Attribute::StructRet))
      Call->addParamAttr(I, BodyAttrs.getParamAttr(I, Attribute::StructRet));
  Call->setTailCallKind(CallInst::TCK_NoTail);
  if (T->getReturnType()->isVoidTy())
    B.CreateRetVoid();
  else
    B.CreateRet(Call);
  return T;
}

/// Constructs that the cost model cannot see make the compile fail.
bool ThunkMaker::check(Module &M) {
  if (!M.getModuleInlineAsm().empty()) {
    M.getContext().emitError("stackcap: module-level inline assembly is not supported: the "
                             "code it defines cannot be stack-limited");
    return false;
  }
  return true;
}

bool ThunkMaker::run(Module &M) {
  if (M.getTargetTriple().getArch() != Triple::wasm32)
    return false;
  if (!FatalError.empty() || !check(M)) {
    LLVM_DEBUG(dbgs() << "stackcap-thunks: module " << M.getName() << " refused\n");
    if (!FatalError.empty())
      M.getContext().emitError(FatalError);
    M.getOrInsertNamedMetadata(RefusedModuleMD);
    return true;
  }

  SmallVector<Function *, 32> Defined;
  for (Function &F : M)
    if (!F.isDeclaration() && !F.hasAvailableExternallyLinkage() &&
        !F.hasFnAttribute(ThunkAttr))
      Defined.push_back(&F);
  // A module without functions needs no counter, and LLVM's WebAssembly
  // object writer cannot emit a wasm global before it emitted a function
  // ("Aggregate globals not yet implemented").
  if (Defined.empty())
    return false;

  LLVMContext &Ctx = M.getContext();
  Type *I32 = Type::getInt32Ty(Ctx);
  if (!M.getNamedGlobal(CounterGlobalName)) {
    // Address space 1 makes it a wasm global rather than linear memory, which
    // the guest cannot write.
    auto *G = new GlobalVariable(M, I32, /*isConstant=*/false, GlobalValue::LinkOnceODRLinkage,
                                 ConstantInt::get(I32, 0), CounterGlobalName, nullptr,
                                 GlobalValue::NotThreadLocal, /*AddressSpace=*/1);
    G->setVisibility(GlobalValue::HiddenVisibility);
  }
  // Profile lean has no thunks: checked functions reserve for themselves
  // (StackcapInstrument).
  if (Lean)
    return true;

  for (Function *F : Defined) {
    bool HasAddressUse = false;
    for (const Use &U : F->uses())
      if (!isDirectCall(U, *F) && !isUsedListUse(U))
        HasAddressUse = true;
    bool Exported = F->hasFnAttribute("wasm-export-name");

    if (F->hasLocalLinkage()) {
      if (!HasAddressUse && !Exported)
        continue;
      Function *T = createThunk(*F, (F->getName() + ThunkSuffix).str(), F->getLinkage());
      for (StringRef A : SymbolAttrs)
        if (F->hasFnAttribute(A)) {
          T->addFnAttr(F->getFnAttribute(A));
          F->removeFnAttr(A);
        }
      CallInst *ThunkCall = thunkCall(*T);
      F->replaceUsesWithIf(T, [&](Use &U) {
        return U.getUser() != ThunkCall && !isDirectCall(U, *F) && !isUsedListUse(U);
      });
      continue;
    }

    // Non-local linkage: the symbol becomes the thunk.
    std::string Name = F->getName().str();
    GlobalValue::LinkageTypes Linkage = F->getLinkage();
    bool Replaceable = F->isInterposable() || F->hasLinkOnceLinkage() || F->hasWeakLinkage();
    F->setName(Name + BodySuffix.str());
    ++NumRenamedBodies;
    Function *T = createThunk(*F, Name, Linkage);
    T->setVisibility(F->getVisibility());
    T->setDLLStorageClass(F->getDLLStorageClass());
    T->setUnnamedAddr(F->getUnnamedAddr());
    if (F->hasSection())
      T->setSection(F->getSection());
    T->setComdat(F->getComdat());
    for (StringRef A : SymbolAttrs)
      if (F->hasFnAttribute(A)) {
        T->addFnAttr(F->getFnAttribute(A));
        F->removeFnAttr(A);
      }
    F->setLinkage(GlobalValue::InternalLinkage);
    F->setVisibility(GlobalValue::DefaultVisibility);
    F->setDLLStorageClass(GlobalValue::DefaultStorageClass);
    CallInst *ThunkCall = thunkCall(*T);
    F->replaceUsesWithIf(T, [&](Use &U) {
      if (U.getUser() == ThunkCall)
        return false;
      if (isUsedListUse(U))
        return true; // keep the exported symbol alive, not just the body
      return Replaceable || !isDirectCall(U, *F);
    });
  }
  return true;
}

} // namespace

Pass *createStackcapThunksPass(const StackcapConfig &Config, const std::string &FatalError) {
  return new StackcapThunks(Config, FatalError);
}

PreservedAnalyses StackcapThunksPass::run(Module &M, ModuleAnalysisManager &) {
  std::string NoError;
  return ThunkMaker(NoError, registeredPassConfig().Profile == StackcapProfile::Lean).run(M)
             ? PreservedAnalyses::none()
             : PreservedAnalyses::all();
}

} // namespace stackcap

using stackcap::StackcapThunks;
INITIALIZE_PASS(StackcapThunks, DEBUG_TYPE, "stackcap: counter global and thunks", false, false)
