//===- StackcapInstrument.cpp - Costs and counted calls, after codegen ----===//
//
// Part of stackcap.
//
// A machine-level module pass placed just before wasm-reg-numbering, where
// every machine instruction that emits code is one final wasm instruction.
// Because it is a module pass, the legacy pass manager runs it only after all
// functions of the module went through code generation, so every callee's
// cost is known whatever the order of the functions.
//
//  1. cost(f) = declared locals + maximum height, computed by the verifier's
//     StackCostModel fed from the machine instructions: one implementation of
//     the cost model for the compiler and the verifier.
//  2. Every direct call to a function with local linkage defined here gets the
//     15-instruction sequence of spec section 2 with the callee's cost. Calls
//     to functions with non-local linkage reach thunks (StackcapThunks) or
//     imports, and stay as they are.
//  3. Thunks are checked for their exact shape.
//  4. Every function's cost and linear-memory frame go into the custom
//     section "stackcap.frames" (frame_records.h), from which the link step
//     sizes the linear-memory stack.
//
// Anything the cost model cannot see fails the compile with the function's
// name and the reason: never a module that looks instrumented and is not.
//
// Every function's cost is an optimisation remark of pass "stackcap"
// (clang -Rpass-analysis=stackcap, rustc -C remark=stackcap, llc
// -pass-remarks-analysis=stackcap, -fsave-optimization-record).
//
// Run alone (test/lit/passes/):
//   llc-22 -load=stackcap-plugin.so -mtriple=wasm32 -run-pass=stackcap-instrument x.mir
//
//===----------------------------------------------------------------------===//
#include "StackcapLean.h"
#include "StackcapPasses.h"
#include "WasmMachineInfo.h"

#include "stackcap/cost_model.h"
#include "stackcap/frame_records.h"
#include "stackcap/placeholders.h"

#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/Analysis/OptimizationRemarkEmitter.h"
#include "llvm/CodeGen/MachineFrameInfo.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineInstrBuilder.h"
#include "llvm/CodeGen/MachineModuleInfo.h"
#include "llvm/CodeGen/MachineOptimizationRemarkEmitter.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/CodeGen/TargetFrameLowering.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/Demangle/Demangle.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/IR/Module.h"
#include "llvm/InitializePasses.h"
#include "llvm/Pass.h"
#include "llvm/Support/Debug.h"
#include "llvm/Support/raw_ostream.h"
#include "llvm/TargetParser/Triple.h"

using namespace llvm;

#define DEBUG_TYPE "stackcap-instrument"

STATISTIC(NumCheckedFunctions, "Number of functions whose cost was computed");
STATISTIC(NumCheckedThunks, "Number of thunks checked for their final shape");
STATISTIC(NumInstrumentedCalls, "Number of calls wrapped in the counted call sequence");
STATISTIC(NumPlaceholderCalls, "Number of counted calls with a cost set at link time");

/// The pass name of the cost remarks (-Rpass-analysis=stackcap).
static const char RemarkPassName[] = "stackcap";

namespace stackcap {
namespace {

class StackcapInstrument : public ModulePass {
public:
  static char ID;
  StackcapInstrument() : StackcapInstrument(registeredPassConfig()) {}
  explicit StackcapInstrument(const StackcapConfig &Config) : ModulePass(ID), Config(Config) {}
  StringRef getPassName() const override { return "stackcap: costs and counted calls"; }
  void getAnalysisUsage(AnalysisUsage &AU) const override {
    AU.addRequired<MachineModuleInfoWrapperPass>();
    AU.addPreserved<MachineModuleInfoWrapperPass>();
  }
  bool runOnModule(Module &M) override;

private:
  StackcapConfig Config;
  WasmMachineInfo Info;
  GlobalVariable *Counter = nullptr;
  DenseMap<const Function *, uint32_t> Costs;

  struct FunctionFacts {
    unsigned Params = 0, Results = 0;
  };

  void error(const Function &F, const Twine &Msg, const MachineInstr *MI = nullptr) {
    DiagnosticLocation Loc;
    if (MI && MI->getDebugLoc())
      Loc = DiagnosticLocation(MI->getDebugLoc());
    // Clang prints these without the function's name and finds no source
    // location for a renamed body, so the message names the function itself.
    F.getContext().diagnose(DiagnosticInfoUnsupported(
        F, "stackcap: in function '" + sourceName(F) + "': " + Msg, Loc));
  }
  bool computeCost(MachineFunction &MF, uint32_t &Cost);
  bool checkThunk(MachineFunction &MF);
  void instrumentCall(MachineInstr &Call, uint32_t Cost);
  void remarkCost(MachineFunction &MF, uint32_t Cost, raw_ostream *PrintTo);
  void recordFrames(Module &M, ArrayRef<MachineFunction *> MFs);
};

char StackcapInstrument::ID = 0;

bool StackcapInstrument::computeCost(MachineFunction &MF, uint32_t &Cost) {
  const Function &F = MF.getFunction();
  unsigned Params, Results;
  std::string Why;
  if (!computeWasmSignature(MF, Params, Results, Why)) {
    error(F, Why);
    return false;
  }
  StackCostModel Model(Results);
  int64_t MaxLocal;
  const MachineInstr *At;
  // Every return, FALLTHROUGH_RETURN (which emits no code) included, takes
  // the function's results.
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB)
      if (Info.isReturn(MI)) {
        unsigned Uses = 0;
        for (const MachineOperand &MO : MI.explicit_uses())
          Uses += MO.isReg();
        if (Uses != Results) {
          error(F, "internal error: return of " + Twine(Uses) + " values in a function with " +
                       Twine(Results) + " results", &MI);
          return false;
        }
      }
  auto Step = [&](const MachineInstr &MI, const AbstractOp &Op) {
    if (Op.Kind == OpKind::BrTable)
      for (unsigned I = 1, E = MI.getNumExplicitOperands() - 1; I < E; ++I)
        if (MI.getOperand(I).isImm() &&
            !Model.checkBrTableTarget(static_cast<uint32_t>(MI.getOperand(I).getImm()), Op.Depth))
          break;
    if (!Model.step(Op)) {
      error(F, Twine("internal error: cost model: ") + costErrorMessage(Model.error()), &MI);
      return false;
    }
    return true;
  };
  if (!Info.walkCode(MF, Results, Step, MaxLocal, Why, At)) {
    if (At)
      error(F, "cannot stack-limit this function: " + Why, At);
    return false;
  }
  if (!Model.finished()) {
    error(F, "internal error: the function's instruction stream does not end with its final end");
    return false;
  }
  uint32_t Locals = MaxLocal + 1 > int64_t(Params) ? uint32_t(MaxLocal + 1 - Params) : 0;
  if (!addCost(Locals, Model.maxHeight(), Cost)) {
    error(F, "the function's cost overflows 32 bits");
    return false;
  }
  return true;
}

/// A thunk must end as `local.get 0 .. local.get n-1  call body  end`.
bool StackcapInstrument::checkThunk(MachineFunction &MF) {
  const Function &F = MF.getFunction();
  StringRef Body = F.getFnAttribute(ThunkAttr).getValueAsString();
  unsigned Params, Results;
  std::string Why;
  if (!computeWasmSignature(MF, Params, Results, Why))
    return false;
  // At -O0 no wasm-peephole turns the final `return` into a fallthrough;
  // do it here, as the thunk must end with the call's results and `end`.
  MachineBasicBlock &Last = MF.back();
  if (Last.size() >= 2) {
    MachineInstr &End = Last.back();
    MachineInstr &BeforeEnd = *std::prev(End.getIterator());
    if (Info.isEndFunction(End) && BeforeEnd.getOpcode() == Info.Return)
      BeforeEnd.setDesc(MF.getSubtarget().getInstrInfo()->get(Info.FallthroughReturn));
  }
  unsigned NextLocal = 0;
  bool SawCall = false, SawEnd = false, Ok = true;
  for (MachineBasicBlock &MBB : MF)
    for (MachineInstr &MI : MBB) {
      AbstractOp Op;
      if (Info.classify(MI, Results, Op, Why) != MIRole::Instruction)
        continue;
      if (!SawCall && Info.isLocalGet(MI) && MI.getOperand(1).isImm() &&
          MI.getOperand(1).getImm() == NextLocal) {
        ++NextLocal;
        continue;
      }
      if (!SawCall && Info.isCall(MI) && NextLocal == Params) {
        const MachineOperand &Callee = MI.getOperand(MI.getNumExplicitDefs());
        SawCall = Callee.isGlobal() && Callee.getGlobal()->getName() == Body;
        Ok &= SawCall;
        continue;
      }
      if (SawCall && !SawEnd && Info.isEndFunction(MI)) {
        SawEnd = true;
        continue;
      }
      Ok = false;
    }
  if (Ok && SawCall && SawEnd)
    return true;
  error(F, "internal error: thunk of " + Body + " lost its shape (local.get 0.." +
               Twine(Params) + ", call, end)");
  return false;
}

void StackcapInstrument::instrumentCall(MachineInstr &Call, uint32_t Cost) {
  // The counted call of call_sequence.h: its preamble before the call, its
  // postamble after it.
  MachineBasicBlock &MBB = *Call.getParent();
  SequenceValues V;
  V.Cost = Cost;
  V.Limit = Config.LimitAtLink ? LimitPlaceholder : Config.Limit;
  const DebugLoc &DL = Call.getDebugLoc();
  Info.emitSteps(MBB, Call, DL, ArrayRef(CountedCall, PreambleLength), V, Counter);
  Info.emitSteps(MBB, std::next(Call.getIterator()), DL,
                 ArrayRef(CountedCall + PostambleStart, PostambleLength), V, Counter);
  ++NumInstrumentedCalls;
}

/// The cost of \p MF as an analysis remark, and with -stackcap-print-costs
/// the same message as a line on \p PrintTo.
void StackcapInstrument::remarkCost(MachineFunction &MF, uint32_t Cost, raw_ostream *PrintTo) {
  auto Build = [&] {
    const Function &F = MF.getFunction();
    DiagnosticLocation Loc;
    if (const DISubprogram *SP = F.getSubprogram())
      Loc = DiagnosticLocation(SP);
    MachineOptimizationRemarkAnalysis R(RemarkPassName, "FunctionCost", Loc, &MF.front());
    R << "stackcap-cost: " << ore::NV("Function", MF.getName()) << " "
      << ore::NV("Cost", Cost);
    return R;
  };
  MachineOptimizationRemarkEmitter(MF, nullptr).emit(Build);
  if (PrintTo)
    *PrintTo << Build().getMsg() << '\n';
}

/// Adds the "stackcap.frames" records of \p MFs to the custom sections the
/// AsmPrinter emits at the end of the object (wasm.custom_sections).
void StackcapInstrument::recordFrames(Module &M, ArrayRef<MachineFunction *> MFs) {
  std::string Records;
  for (MachineFunction *MF : MFs) {
    const MachineFrameInfo &MFI = MF->getFrameInfo();
    uint64_t Frame = MFI.getStackSize();
    // Over-aligned objects: the prologue aligns SP down, by up to
    // MaxAlign - StackAlign bytes more.
    Align StackAlign = MF->getSubtarget().getFrameLowering()->getStackAlign();
    if (MFI.getMaxAlign() > StackAlign)
      Frame += MFI.getMaxAlign().value() - StackAlign.value();
    StringRef Name = MF->getName();
    // wasm-ld's name section demangles by default: record that spelling too.
    std::string Demangled = demangle(Name);
    appendFrameRecord(Records, Costs[&MF->getFunction()],
                      static_cast<uint32_t>(std::min<uint64_t>(Frame, UINT32_MAX)),
                      MFI.hasVarSizedObjects(), std::string_view(Name.data(), Name.size()),
                      Demangled);
  }
  LLVMContext &Ctx = M.getContext();
  NamedMDNode *Sections = M.getOrInsertNamedMetadata("wasm.custom_sections");
  Sections->addOperand(MDTuple::get(
      Ctx, {MDString::get(Ctx, FrameRecordsSection), MDString::get(Ctx, Records)}));
}

bool StackcapInstrument::runOnModule(Module &M) {
  if (M.getTargetTriple().getArch() != Triple::wasm32)
    return false;
  if (M.getNamedMetadata(RefusedModuleMD))
    return false; // StackcapThunks reported why
  MachineModuleInfo &MMI = getAnalysis<MachineModuleInfoWrapperPass>().getMMI();
  Counter = M.getNamedGlobal(CounterGlobalName);

  SmallVector<MachineFunction *, 64> MFs;
  for (Function &F : M)
    if (MachineFunction *MF = MMI.getMachineFunction(F))
      MFs.push_back(MF);
  if (MFs.empty())
    return false;
  if (!Counter) {
    M.getContext().emitError("stackcap: internal error: the counter global was not created "
                             "(the IR pass did not run)");
    return false;
  }
  std::string Error;
  if (!Info.init(*MFs.front()->getSubtarget().getInstrInfo(),
                 *MFs.front()->getSubtarget().getRegisterInfo(), Config.TestMissingOpcodes,
                 Error)) {
    M.getContext().emitError(Error); // it says "stackcap: ..." itself
    return false;
  }

  if (Config.Profile == StackcapProfile::Lean) {
    // Profile lean (StackcapLean.cpp): no thunks and no counted calls. The
    // frame is the cost recorded for the link step's stack sizing.
    DenseMap<const Function *, LeanFunctionInfo> Lean;
    if (!instrumentLean(MFs, Info, Counter, Lean))
      return false;
    std::string Report;
    raw_string_ostream OS(Report);
    for (MachineFunction *MF : MFs) {
      const LeanFunctionInfo &LF = Lean[&MF->getFunction()];
      Costs[&MF->getFunction()] = LF.Frame;
      remarkCost(*MF, LF.Frame, Config.PrintCosts ? &OS : nullptr);
    }
    if (Config.PrintCosts)
      errs() << Report;
    recordFrames(M, MFs);
    return true;
  }

  bool Ok = true;
  for (MachineFunction *MF : MFs) {
    if (MF->getFunction().hasFnAttribute(ThunkAttr)) {
      if (!checkThunk(*MF)) {
        Ok = false;
        continue;
      }
      ++NumCheckedThunks;
    }
    uint32_t Cost;
    if (!computeCost(*MF, Cost)) {
      Ok = false;
      continue;
    }
    Costs[&MF->getFunction()] = Cost;
    ++NumCheckedFunctions;
    LLVM_DEBUG(dbgs() << "stackcap-instrument: cost(" << MF->getName() << ") = " << Cost << '\n');
  }
  if (!Ok)
    return false; // errors reported; emit nothing half-instrumented on purpose

  std::string Report;
  raw_string_ostream OS(Report);
  for (MachineFunction *MF : MFs) {
    SmallVector<std::pair<MachineInstr *, uint32_t>, 16> Calls;
    for (MachineBasicBlock &MBB : *MF)
      for (MachineInstr &MI : MBB) {
        if (!Info.isCall(MI))
          continue;
        const MachineOperand &Callee = MI.getOperand(MI.getNumExplicitDefs());
        const Function *CF = nullptr;
        StringRef CalleeName;
        if (Callee.isGlobal()) {
          CF = dyn_cast<Function>(Callee.getGlobal());
          CalleeName = Callee.getGlobal()->getName();
        } else if (Callee.isSymbol()) {
          CalleeName = Callee.getSymbolName();
        }
        // A function the linker makes has no thunk and its cost exists only
        // in the linked module: a placeholder, resolved after linking. So is
        // a weak declaration: it may stay undefined, and wasm-ld then calls a
        // trapping stub it makes (C++'s `errno` TLS-init hook, for one).
        if ((!CF || CF->isDeclaration()) &&
            (isLinkerSynthesized(CalleeName.data(), CalleeName.size()) ||
             (CF && CF->hasExternalWeakLinkage()))) {
          Calls.push_back({&MI, CostPlaceholder});
          ++NumPlaceholderCalls;
          continue;
        }
        if (!CF || !CF->hasLocalLinkage())
          continue;
        auto It = Costs.find(CF);
        if (It == Costs.end()) {
          error(MF->getFunction(), "internal error: call to " + CF->getName() +
                                        ", a local function without machine code", &MI);
          return false;
        }
        Calls.push_back({&MI, It->second});
      }
    for (auto &[Call, Cost] : Calls) {
      LLVM_DEBUG(dbgs() << "stackcap-instrument: " << MF->getName() << ": counted call, cost "
                        << Cost << ": " << *Call);
      instrumentCall(*Call, Cost);
    }
    remarkCost(*MF, Costs[&MF->getFunction()], Config.PrintCosts ? &OS : nullptr);
  }
  // One write per module, so that the lines of codegen units compiled on
  // several threads (rustc) do not interleave.
  if (Config.PrintCosts)
    errs() << Report;
  recordFrames(M, MFs);
  return true;
}

} // namespace

Pass *createStackcapInstrumentPass(const StackcapConfig &Config) {
  return new StackcapInstrument(Config);
}

} // namespace stackcap

using stackcap::StackcapInstrument;
INITIALIZE_PASS_BEGIN(StackcapInstrument, DEBUG_TYPE, "stackcap: costs and counted calls", false,
                      false)
INITIALIZE_PASS_DEPENDENCY(MachineModuleInfoWrapperPass)
INITIALIZE_PASS_END(StackcapInstrument, DEBUG_TYPE, "stackcap: costs and counted calls", false,
                    false)
