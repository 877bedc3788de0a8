//===- StackcapLean.cpp - Profile lean's reservations, after codegen ------===//
//
// Part of stackcap. docs/spec/lean.md, section 3, on machine instructions:
//
//  1. The direct call graph of the module's functions, and its cycles.
//  2. Checked: functions other objects can see, exported, address-taken, in a
//     cycle, or called directly by a cycle member; every other function is
//     covered and gets no instruction at all.
//  3. A checked function gets the entry sequence first and a release before
//     every return (the final `end` included: FALLTHROUGH_RETURN).
//  4. frame(f) = params + locals + H + A with the verifier's LeanHeightModel,
//     on the instrumented body; U of covered functions, callees first; R of
//     checked ones, written into their sequences.
//
// Covered functions are local, so every covered callee is in this module and
// the reservations are exact here. The verifier recomputes them on the
// linked module (rule 7).
//
//===----------------------------------------------------------------------===//

#include "StackcapLean.h"
#include "StackcapPasses.h"
#include "WasmMachineInfo.h"

#include "stackcap/lean.h"
#include "stackcap/scc.h"

#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/Statistic.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineInstrBuilder.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/DiagnosticInfo.h"
#include "llvm/IR/Function.h"
#include "llvm/IR/GlobalVariable.h"
#include "llvm/Support/Debug.h"

#include <algorithm>
#include <vector>

#define DEBUG_TYPE "stackcap-instrument"

using namespace llvm;

STATISTIC(NumLeanChecked, "Number of functions checked in profile lean");
STATISTIC(NumLeanCovered, "Number of functions covered in profile lean");

namespace stackcap {
namespace {

struct Node {
  MachineFunction *MF;
  std::vector<unsigned> Callees; // direct calls to functions of this module
  bool Checked = false;
  bool InCycle = false;
  uint32_t Frame = 0;
  uint64_t Reservation = 0; // R (checked) or U (covered)
  bool Done = false;
  SmallVector<MachineInstr *, 4> Consts; // the i32.const R of its sequences
};

void error(const Function &F, const Twine &Msg) {
  F.getContext().diagnose(
      DiagnosticInfoUnsupported(F, "stackcap: in function '" + sourceName(F) + "': " + Msg));
}

/// Marks the nodes in a cycle of direct calls (scc.h).
void markCycles(std::vector<Node> &Nodes) {
  std::vector<uint8_t> In =
      cycleMembers(static_cast<uint32_t>(Nodes.size()),
                   [&](uint32_t V) -> const std::vector<unsigned> & { return Nodes[V].Callees; });
  for (size_t V = 0; V < Nodes.size(); ++V)
    Nodes[V].InCycle = In[V];
}

class LeanInstrumenter {
public:
  LeanInstrumenter(const WasmMachineInfo &Info, GlobalVariable *Counter)
      : Info(Info), Counter(Counter) {}
  void insertEntry(Node &N);
  void insertRelease(Node &N, MachineInstr &Exit);
  /// The function's END_FUNCTION when its final `end` is reachable in
  /// validation's sense although no return precedes it: the backend
  /// (fixEndsAtEndOfFunction) types a trailing block or loop whose end is
  /// never reached with the function's results, so the code after it
  /// validates as reachable. Rule 3 wants a release there too.
  MachineInstr *unreleasedFinalEnd(Node &N);
  bool computeFrame(Node &N);

private:
  const WasmMachineInfo &Info;
  GlobalVariable *Counter;
};

void LeanInstrumenter::insertEntry(Node &N) {
  MachineBasicBlock &MBB = N.MF->front();
  // R is set once every frame is known (instrumentLean).
  Info.emitSteps(MBB, MBB.begin(), DebugLoc(), LeanEntry, SequenceValues(), Counter, &N.Consts);
}

void LeanInstrumenter::insertRelease(Node &N, MachineInstr &Exit) {
  Info.emitSteps(*Exit.getParent(), Exit.getIterator(), Exit.getDebugLoc(), LeanRelease,
                 SequenceValues(), Counter, &N.Consts);
}

MachineInstr *LeanInstrumenter::unreleasedFinalEnd(Node &N) {
  MachineFunction &MF = *N.MF;
  unsigned Params, Results;
  std::string Why;
  if (!computeWasmSignature(MF, Params, Results, Why))
    return nullptr; // computeFrame reports it
  LeanHeightModel Model(Results);
  bool Reachable = false, ReturnLast = false;
  int64_t MaxLocal;
  const MachineInstr *At;
  auto Step = [&](const MachineInstr &MI, const AbstractOp &Op) {
    if (Info.isEndFunction(MI))
      Reachable = !Model.unreachable();
    return Model.step(Op);
  };
  if (!Info.walkCode(MF, Results, Step, MaxLocal, Why, At) || !Reachable)
    return nullptr; // computeFrame reports a walk that fails
  // A fallthrough return emits no code but gets its release before it.
  MachineInstr *End = nullptr;
  for (MachineBasicBlock &MBB : MF)
    for (MachineInstr &MI : MBB) {
      AbstractOp Op;
      if (Info.isEndFunction(MI))
        End = &MI;
      else if (Info.isReturn(MI))
        ReturnLast = true;
      else if (Info.classify(MI, Results, Op, Why) != MIRole::NoCode)
        ReturnLast = false;
    }
  return End && !ReturnLast ? End : nullptr;
}

/// frame(f) = P + L + H + A, on the instrumented body.
bool LeanInstrumenter::computeFrame(Node &N) {
  MachineFunction &MF = *N.MF;
  const Function &F = MF.getFunction();
  unsigned Params, Results;
  std::string Why;
  if (!computeWasmSignature(MF, Params, Results, Why)) {
    error(F, Why);
    return false;
  }
  LeanHeightModel Model(Results);
  int64_t MaxLocal;
  const MachineInstr *At;
  auto Step = [&](const MachineInstr &, const AbstractOp &Op) {
    if (Model.step(Op))
      return true;
    error(F, Twine("internal error: lean height model: ") + costErrorMessage(Model.error()));
    return false;
  };
  if (!Info.walkCode(MF, Results, Step, MaxLocal, Why, At)) {
    if (At)
      error(F, "cannot stack-limit this function: " + Why);
    return false;
  }
  if (!Model.finished()) {
    error(F, "internal error: the function's instruction stream does not end with its final end");
    return false;
  }
  uint64_t Locals = MaxLocal + 1 > int64_t(Params) ? uint64_t(MaxLocal + 1 - Params) : 0;
  uint64_t Frame = Params + Locals + Model.maxHeight() + LeanActivationCost;
  if (Frame > UINT32_MAX) {
    error(F, "the function's frame cost overflows 32 bits");
    return false;
  }
  N.Frame = static_cast<uint32_t>(Frame);
  return true;
}

} // namespace

bool instrumentLean(ArrayRef<MachineFunction *> MFs, const WasmMachineInfo &Info,
                    GlobalVariable *Counter, DenseMap<const Function *, LeanFunctionInfo> &Out) {
  std::vector<Node> Nodes;
  DenseMap<const Function *, unsigned> IndexOf;
  for (MachineFunction *MF : MFs) {
    IndexOf[&MF->getFunction()] = Nodes.size();
    Nodes.emplace_back();
    Nodes.back().MF = MF;
  }
  // 1. The direct call graph.
  for (Node &N : Nodes) {
    for (MachineBasicBlock &MBB : *N.MF)
      for (MachineInstr &MI : MBB) {
        if (!Info.isCall(MI))
          continue;
        const MachineOperand &Callee = MI.getOperand(MI.getNumExplicitDefs());
        if (!Callee.isGlobal())
          continue;
        auto It = IndexOf.find(dyn_cast<Function>(Callee.getGlobal()));
        if (It != IndexOf.end())
          N.Callees.push_back(It->second);
      }
    llvm::sort(N.Callees);
    N.Callees.erase(std::unique(N.Callees.begin(), N.Callees.end()), N.Callees.end());
  }
  // 2. Checked or covered.
  markCycles(Nodes);
  for (Node &N : Nodes) {
    const Function &F = N.MF->getFunction();
    N.Checked |= !F.hasLocalLinkage() || F.hasFnAttribute("wasm-export-name") || N.InCycle ||
                 F.hasAddressTaken(nullptr, /*IgnoreCallbackUses=*/false,
                                   /*IgnoreAssumeLikeCalls=*/true, /*IgnoreLLVMUsed=*/true);
    // A helper of a recursion reserves when it is live, not at every level.
    if (N.InCycle)
      for (unsigned C : N.Callees)
        Nodes[C].Checked = true;
  }
  // 3. Sequences, 4. frames.
  LeanInstrumenter LI(Info, Counter);
  for (Node &N : Nodes) {
    if (N.Checked) {
      SmallVector<MachineInstr *, 4> Exits;
      for (MachineBasicBlock &MBB : *N.MF)
        for (MachineInstr &MI : MBB)
          if (Info.isReturn(MI))
            Exits.push_back(&MI);
      if (MachineInstr *End = LI.unreleasedFinalEnd(N))
        Exits.push_back(End);
      LI.insertEntry(N);
      for (MachineInstr *Exit : Exits)
        LI.insertRelease(N, *Exit);
      ++NumLeanChecked;
    } else {
      ++NumLeanCovered;
    }
    if (!LI.computeFrame(N))
      return false;
  }
  // U of covered functions, callees first (covered functions form no cycle:
  // cycle members are checked); then R of checked ones.
  std::vector<std::pair<unsigned, unsigned>> Work;
  auto Subtree = [&](const Node &N) {
    uint64_t S = 0;
    for (unsigned C : N.Callees)
      if (!Nodes[C].Checked)
        S = std::max(S, Nodes[C].Reservation);
    return S;
  };
  for (unsigned Root = 0; Root < Nodes.size(); ++Root) {
    if (Nodes[Root].Checked || Nodes[Root].Done)
      continue;
    Work.push_back({Root, 0});
    while (!Work.empty()) {
      auto &[V, Next] = Work.back();
      Node &N = Nodes[V];
      if (Next < N.Callees.size()) {
        unsigned C = N.Callees[Next++];
        if (!Nodes[C].Checked && !Nodes[C].Done)
          Work.push_back({C, 0});
        continue;
      }
      N.Reservation = N.Frame + Subtree(N);
      N.Done = true;
      Work.pop_back();
    }
  }
  for (Node &N : Nodes) {
    const Function &F = N.MF->getFunction();
    if (N.Checked) {
      N.Reservation = N.Frame + Subtree(N);
      for (MachineInstr *C : N.Consts)
        C->getOperand(1).setImm(static_cast<int32_t>(static_cast<uint32_t>(N.Reservation)));
    }
    if (N.Reservation > UINT32_MAX) {
      error(F, "the function's reservation overflows 32 bits");
      return false;
    }
    LLVM_DEBUG(dbgs() << "stackcap-instrument: lean: " << N.MF->getName() << ": frame "
                      << N.Frame << (N.Checked ? ", checked, R " : ", covered, U ")
                      << N.Reservation << '\n');
    Out[&F] = {N.Frame, N.Checked, static_cast<uint32_t>(N.Reservation)};
  }
  return true;
}

} // namespace stackcap
