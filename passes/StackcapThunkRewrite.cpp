//===- StackcapThunkRewrite.cpp - Give thunks their exact shape -----------===//
//
// Part of stackcap.
//
// Code generation of a thunk's IR (`call body(args); ret`) is not always a
// bare forwarding: a demoted return gets a stack temporary, a byval argument
// a copy, a varargs call a fresh empty buffer, -O0 extra locals. None of that
// may survive: a thunk must be `local.get 0 .. local.get n-1  call  end` with
// no declared locals (spec section 2). This pass runs after
// wasm-replace-phys-regs and before stackification and explicit locals, and
// replaces the whole function by ARGUMENT 0..n-1, the call with those
// arguments, and RETURN of its results. The call's operands, lowered for the
// very same signature as the thunk's own, say how many wasm parameters there
// are and of what types. StackcapInstrument checks the final shape.
//
// Run alone (test/lit/passes/):
//   llc-22 -load=stackcap-plugin.so -mtriple=wasm32 -run-pass=stackcap-thunk-rewrite x.mir
//
//===----------------------------------------------------------------------===//
#include "StackcapPasses.h"
#include "WasmMachineInfo.h"

#include "llvm/ADT/Statistic.h"
#include "llvm/CodeGen/MachineFunctionPass.h"
#include "llvm/CodeGen/MachineInstrBuilder.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/Module.h"
#include "llvm/InitializePasses.h"
#include "llvm/Support/Debug.h"

using namespace llvm;

#define DEBUG_TYPE "stackcap-thunk-rewrite"

STATISTIC(NumThunksRewritten, "Number of thunks given their canonical shape");

namespace stackcap {
namespace {

class StackcapThunkRewrite : public MachineFunctionPass {
public:
  static char ID;
  StackcapThunkRewrite() : StackcapThunkRewrite(registeredPassConfig()) {}
  explicit StackcapThunkRewrite(const StackcapConfig &Config)
      : MachineFunctionPass(ID), TestMissingOpcodes(Config.TestMissingOpcodes) {}
  StringRef getPassName() const override { return "stackcap: canonical thunks"; }
  bool runOnMachineFunction(MachineFunction &MF) override;

private:
  std::vector<std::string> TestMissingOpcodes;
  const TargetInstrInfo *InfoFor = nullptr;
  WasmMachineInfo Info;

  bool fail(MachineFunction &MF, const Twine &Msg) {
    const Function &F = MF.getFunction();
    F.getContext().diagnose(DiagnosticInfoUnsupported(
        F, "stackcap: in function '" + sourceName(F) + "': " + Msg));
    return false;
  }
};

char StackcapThunkRewrite::ID = 0;

bool StackcapThunkRewrite::runOnMachineFunction(MachineFunction &MF) {
  const Function &F = MF.getFunction();
  if (!F.hasFnAttribute(ThunkAttr) || !isStackcapTarget(F) ||
      F.getParent()->getNamedMetadata(RefusedModuleMD))
    return false;
  const TargetInstrInfo &TII = *MF.getSubtarget().getInstrInfo();
  if (InfoFor != &TII) {
    std::string Error;
    if (!Info.init(TII, *MF.getSubtarget().getRegisterInfo(), TestMissingOpcodes, Error))
      return fail(MF, Error);
    InfoFor = &TII;
  }

  StringRef BodyName = F.getFnAttribute(ThunkAttr).getValueAsString();
  MachineInstr *Call = nullptr;
  for (MachineBasicBlock &MBB : MF)
    for (MachineInstr &MI : MBB) {
      if (!MI.isCall())
        continue;
      const MachineOperand &Callee = MI.getOperand(MI.getNumExplicitDefs());
      if (Call || !Info.isCall(MI) || !Callee.isGlobal() || Callee.getGlobal()->getName() != BodyName)
        return fail(MF, "internal error: thunk does not consist of one call to " + BodyName);
      Call = &MI;
    }
  if (!Call)
    return fail(MF, "internal error: thunk has no call to " + BodyName);

  Call->removeFromParent();
  for (MachineBasicBlock &MBB : MF) {
    while (!MBB.succ_empty())
      MBB.removeSuccessor(MBB.succ_begin());
    while (!MBB.empty())
      MBB.begin()->eraseFromParent();
  }
  while (MF.size() > 1)
    MF.erase(std::prev(MF.end()));
  MachineBasicBlock &Entry = MF.front();

  MachineRegisterInfo &MRI = MF.getRegInfo();
  unsigned Index = 0;
  for (MachineOperand &MO : Call->explicit_uses()) {
    if (!MO.isReg())
      continue;
    const TargetRegisterClass *RC = MRI.getRegClass(MO.getReg());
    unsigned ArgOpc = Info.argumentOpcode(RC);
    if (!ArgOpc) {
      Call->eraseFromParent();
      return fail(MF, "internal error: thunk argument of an unknown register class");
    }
    Register R = MRI.createVirtualRegister(RC);
    BuildMI(Entry, Entry.end(), DebugLoc(), TII.get(ArgOpc), R).addImm(Index++);
    MO.setReg(R);
    MO.setIsKill(false);
  }
  Entry.insert(Entry.end(), Call);
  MachineInstrBuilder Ret = BuildMI(Entry, Entry.end(), DebugLoc(), TII.get(Info.Return));
  for (unsigned I = 0, E = Call->getNumExplicitDefs(); I != E; ++I)
    Ret.addReg(Call->getOperand(I).getReg());
  ++NumThunksRewritten;
  LLVM_DEBUG(dbgs() << "stackcap-thunk-rewrite: " << MF.getName() << ": " << Index
                    << " arguments, call " << BodyName << ", return of "
                    << Call->getNumExplicitDefs() << " results\n");
  return true;
}

} // namespace

Pass *createStackcapThunkRewritePass(const StackcapConfig &Config) {
  return new StackcapThunkRewrite(Config);
}

} // namespace stackcap

using stackcap::StackcapThunkRewrite;
INITIALIZE_PASS(StackcapThunkRewrite, DEBUG_TYPE, "stackcap: canonical thunks", false, false)
