//===- WasmMachineInfo.cpp - WebAssembly machine facts by name ------------===//
//
// Part of stackcap.
//
// After WebAssemblyExplicitLocals every machine instruction that emits code is
// exactly one wasm instruction in register form: its explicit register uses
// are the values it pops and its explicit register defs the values it pushes.
// Control flow, calls and `select` get their own kinds so that the shared cost
// model treats them exactly as it treats the decoded bytes.
//
//===----------------------------------------------------------------------===//
#include "WasmMachineInfo.h"

#include "llvm/ADT/STLExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/ADT/StringMap.h"
#include "llvm/CodeGen/Analysis.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/MachineRegisterInfo.h"
#include "llvm/CodeGen/MachineInstrBuilder.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetLowering.h"
#include "llvm/CodeGen/TargetOpcodes.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/Config/llvm-config.h"
#include "llvm/IR/Function.h"
#include "llvm/MC/MCInstrInfo.h"
#include "llvm/MC/MCRegisterInfo.h"
#include "llvm/MC/MCSubtargetInfo.h"
#include "llvm/Target/TargetMachine.h"

using namespace llvm;

namespace stackcap {
namespace {

enum Tag : uint8_t {
  TagBlock = 1,
  TagLoop,
  TagIf,
  TagElse,
  TagEnd,
  TagBr,
  TagBrIf,
  TagBrTable,
  TagReturn,
  TagUnreachable,
  TagCall,
  TagCallIndirect,
  TagSelect,
};

// WebAssembly::BlockType values used as BLOCK/LOOP/IF immediates.
constexpr int64_t BlockTypeVoid = 0x40;
constexpr int64_t BlockTypeMultivalue = 0xffff;

// Every opcode and register class below is required: a name this LLVM's
// WebAssembly backend does not have fails the compile (see checkRequired),
// never a silently skipped lookup. That holds for the rejected opcodes too: were
// RET_CALL renamed, a tail call would otherwise be costed as a plain
// instruction. The names are those of LLVM 22 (TargetInstrInfo::getName); the
// register-form families ARGUMENT_*, LOCAL_* and SELECT_* are also recognised
// by prefix, for their vector variants.
const std::pair<const char *, Tag> Tagged[] = {
    {"BLOCK", TagBlock},          {"LOOP", TagLoop},
    {"IF", TagIf},                {"ELSE", TagElse},
    {"END_BLOCK", TagEnd},        {"END_LOOP", TagEnd},
    {"END_IF", TagEnd},           {"END_FUNCTION", TagEnd},
    {"BR", TagBr},                {"BR_IF", TagBrIf},
    {"BR_TABLE_I32", TagBrTable}, {"BR_TABLE_I64", TagBrTable},
    {"RETURN", TagReturn},        {"UNREACHABLE", TagUnreachable},
    {"DEBUG_UNREACHABLE", TagUnreachable},
    {"CALL", TagCall},            {"CALL_INDIRECT", TagCallIndirect},
};
const char *const Emitted[] = {
    "FALLTHROUGH_RETURN", "GLOBAL_GET_I32", "GLOBAL_SET_I32", "CONST_I32", "ADD_I32",
    "SUB_I32",            "GT_U_I32",       "LT_U_I32",       "COMPILER_FENCE",
};

enum class Family : uint8_t { TailCall, Exceptions, CallPseudo };
// Outside profile compat (spec rule 6), or not modelled: the compile fails.
const std::pair<const char *, Family> Rejected[] = {
    {"RET_CALL", Family::TailCall},         {"RET_CALL_INDIRECT", Family::TailCall},
    {"RET_CALL_RESULTS", Family::TailCall}, {"TRY", Family::Exceptions},
    {"TRY_TABLE", Family::Exceptions},      {"END_TRY", Family::Exceptions},
    {"END_TRY_TABLE", Family::Exceptions},  {"CATCH", Family::Exceptions},
    {"CATCH_ALL", Family::Exceptions},      {"CATCH_REF", Family::Exceptions},
    {"CATCH_ALL_REF", Family::Exceptions},  {"CATCH_LEGACY", Family::Exceptions},
    {"CATCH_ALL_LEGACY", Family::Exceptions}, {"THROW", Family::Exceptions},
    {"THROW_REF", Family::Exceptions},      {"RETHROW", Family::Exceptions},
    {"DELEGATE", Family::Exceptions},       {"CATCHRET", Family::Exceptions},
    {"CLEANUPRET", Family::Exceptions},     {"CALL_PARAMS", Family::CallPseudo},
    {"CALL_RESULTS", Family::CallPseudo},
};

// Per register class: the opcodes that emit no code (ARGUMENT) or whose local
// index counts towards the declared locals (LOCAL_*), and `select`.
struct ClassOpcodes {
  const char *Class, *Argument, *LocalGet, *LocalSet, *LocalTee, *Select;
};
const ClassOpcodes ByClass[] = {
    {"I32", "ARGUMENT_i32", "LOCAL_GET_I32", "LOCAL_SET_I32", "LOCAL_TEE_I32", "SELECT_I32"},
    {"I64", "ARGUMENT_i64", "LOCAL_GET_I64", "LOCAL_SET_I64", "LOCAL_TEE_I64", "SELECT_I64"},
    {"F32", "ARGUMENT_f32", "LOCAL_GET_F32", "LOCAL_SET_F32", "LOCAL_TEE_F32", "SELECT_F32"},
    {"F64", "ARGUMENT_f64", "LOCAL_GET_F64", "LOCAL_SET_F64", "LOCAL_TEE_F64", "SELECT_F64"},
    {"V128", "ARGUMENT_v16i8", "LOCAL_GET_V128", "LOCAL_SET_V128", "LOCAL_TEE_V128",
     "SELECT_V128"},
    {"FUNCREF", "ARGUMENT_funcref", "LOCAL_GET_FUNCREF", "LOCAL_SET_FUNCREF",
     "LOCAL_TEE_FUNCREF", "SELECT_FUNCREF"},
    {"EXTERNREF", "ARGUMENT_externref", "LOCAL_GET_EXTERNREF", "LOCAL_SET_EXTERNREF",
     "LOCAL_TEE_EXTERNREF", "SELECT_EXTERNREF"},
    {"EXNREF", "ARGUMENT_exnref", "LOCAL_GET_EXNREF", "LOCAL_SET_EXNREF", "LOCAL_TEE_EXNREF",
     "SELECT_EXNREF"},
};

// What to do about a tail call. LLVM 22's "generic" CPU, clang's and rustc's
// default, has no tail-call feature; -mtail-call, -mcpu=bleeding-edge or
// rustc's -C target-feature=+tail-call turn it on, and then the backend
// makes return_call of calls in tail position, musttail or not. Without it,
// clang-22 ignores musttail (with a warning).
const char *const TailCallAdvice =
    "build without the wasm tail-call feature, which turns calls in tail position into "
    "return_call: clang -mno-tail-call (or drop -mtail-call, or a -mcpu that enables it "
    "such as bleeding-edge), rustc -C target-feature=-tail-call; musttail calls then "
    "become plain calls";

/// Every name above, with what stackcap needs it for (for the error message).
const StringMap<const char *> &requiredOpcodes() {
  static const StringMap<const char *> Required = [] {
    StringMap<const char *> R;
    for (const auto &Entry : Tagged)
      R[Entry.first] = "control flow or a call";
    for (const char *Name : Emitted)
      R[Name] = "an instruction the instrumentation emits or skips";
    for (const auto &[Name, F] : Rejected)
      R[Name] = F == Family::TailCall     ? "a tail call, which stackcap must reject"
                : F == Family::Exceptions ? "exception handling, which stackcap must reject"
                                          : "a call pseudo-instruction, which stackcap must reject";
    for (const ClassOpcodes &C : ByClass) {
      R[C.Argument] = "an argument, which emits no code";
      for (const char *Name : {C.LocalGet, C.LocalSet, C.LocalTee})
        R[Name] = "a local access, which counts towards the declared locals";
      R[C.Select] = "select";
    }
    return R;
  }();
  return Required;
}

/// Looks every required opcode up by name in one pass over the backend's
/// ~2000 names. Calls \p EachOpcode for every opcode that is not a stack form.
template <typename Fn>
StringMap<unsigned> findRequired(const MCInstrInfo &MII, ArrayRef<std::string> TestMissing,
                                 Fn EachOpcode) {
  const StringMap<const char *> &Required = requiredOpcodes();
  StringMap<unsigned> Found;
  for (unsigned Op = 0, E = MII.getNumOpcodes(); Op != E; ++Op) {
    StringRef Name = MII.getName(Op);
    if (Name.ends_with("_S"))
      continue;
    if (Required.contains(Name) && !is_contained(TestMissing, Name))
      Found[Name] = Op;
    EachOpcode(Op, Name);
  }
  return Found;
}

/// Names everything required that is missing, or returns "".
std::string describeMissing(const StringMap<unsigned> &Found, const MCRegisterInfo &MRI) {
  std::string Missing;
  auto Add = [&](const Twine &What) {
    Missing += Missing.empty() ? "" : ", ";
    Missing += What.str();
  };
  // In the order of the tables above, so that the message is deterministic.
  SmallVector<const char *, 128> Names;
  for (const auto &Entry : Tagged)
    Names.push_back(Entry.first);
  Names.append(std::begin(Emitted), std::end(Emitted));
  for (const auto &Entry : Rejected)
    Names.push_back(Entry.first);
  for (const ClassOpcodes &C : ByClass)
    Names.append({C.Argument, C.LocalGet, C.LocalSet, C.LocalTee, C.Select});
  for (const char *Name : Names)
    if (!Found.contains(Name))
      Add(Twine("machine opcode ") + Name + " (" + requiredOpcodes().lookup(Name) + ")");
  for (const ClassOpcodes &C : ByClass) {
    bool Has = false;
    for (unsigned I = 0, E = MRI.getNumRegClasses(); I != E; ++I)
      Has |= StringRef(MRI.getRegClassName(&MRI.getRegClass(I))) == C.Class;
    if (!Has)
      Add(Twine("register class ") + C.Class);
  }
  if (Missing.empty())
    return "";
  return "stackcap: the WebAssembly backend of this LLVM (" LLVM_VERSION_STRING ") has no " +
         Missing +
         "; stackcap relies on these names (those of LLVM 22's WebAssembly backend) and must "
         "be updated for this LLVM before it can stack-limit code";
}

} // namespace

std::string WasmMachineInfo::checkRequired(const MCInstrInfo &MII, const MCRegisterInfo &MRI,
                                           ArrayRef<std::string> TestMissing) {
  return describeMissing(findRequired(MII, TestMissing, [](unsigned, StringRef) {}), MRI);
}

bool WasmMachineInfo::init(const TargetInstrInfo &TII, const TargetRegisterInfo &TRI,
                           ArrayRef<std::string> TestMissing, std::string &Error) {
  StringMap<unsigned> Opcodes = findRequired(TII, TestMissing, [&](unsigned Op, StringRef Name) {
    if (Name.starts_with("SELECT_"))
      Kinds[Op] = TagSelect;
    else if (Name.starts_with("ARGUMENT_"))
      NoCodeOps[Op] = true;
    else if (Name.starts_with("LOCAL_GET_") || Name.starts_with("LOCAL_SET_") ||
             Name.starts_with("LOCAL_TEE_")) {
      LocalOps[Op] = true;
      if (Name.starts_with("LOCAL_GET_"))
        LocalGetOps[Op] = true;
    }
  });
  Error = describeMissing(Opcodes, TRI);
  if (!Error.empty())
    return false;

  auto Need = [&](StringRef Name, unsigned &Out) { Out = Opcodes.lookup(Name); };
  Need("CALL", Call);
  Need("CALL_INDIRECT", CallIndirect);
  Need("RETURN", Return);
  Need("FALLTHROUGH_RETURN", FallthroughReturn);
  Need("END_FUNCTION", EndFunction);
  Need("GLOBAL_GET_I32", GlobalGetI32);
  Need("GLOBAL_SET_I32", GlobalSetI32);
  Need("CONST_I32", ConstI32);
  Need("ADD_I32", AddI32);
  Need("SUB_I32", SubI32);
  Need("GT_U_I32", GtUI32);
  Need("LT_U_I32", LtUI32);
  Need("IF", If);
  Need("END_IF", EndIf);
  Need("DEBUG_UNREACHABLE", DebugUnreachable);
  for (const auto &[Name, T] : Tagged)
    Kinds[Opcodes.lookup(Name)] = T;

  NoCodeOps[FallthroughReturn] = true;
  NoCodeOps[Opcodes.lookup("COMPILER_FENCE")] = true;
  for (const auto &[Name, F] : Rejected)
    UnsupportedNames[Opcodes.lookup(Name)] = {Name, static_cast<uint8_t>(F)};

  for (unsigned I = 0, E = TRI.getNumRegClasses(); I != E; ++I) {
    const TargetRegisterClass *RC = TRI.getRegClass(I);
    StringRef Name = TRI.getRegClassName(RC);
    for (const ClassOpcodes &C : ByClass)
      if (Name == C.Class)
        ArgumentOpcodes[RC] = Opcodes.lookup(C.Argument);
    if (Name == "I32")
      I32RC = RC;
  }
  if (!I32RC) {
    Error = "the WebAssembly backend has no I32 register class";
    return false;
  }
  return true;
}

MIRole WasmMachineInfo::classify(const MachineInstr &MI, uint32_t FuncResults, AbstractOp &Op,
                                 std::string &Why) const {
  unsigned Opc = MI.getOpcode();
  if (MI.isDebugInstr() || MI.isCFIInstruction() || MI.isLabel() || MI.isKill() ||
      MI.isImplicitDef() || MI.isPseudoProbe() || MI.isFakeUse() ||
      Opc == TargetOpcode::LIFETIME_START || Opc == TargetOpcode::LIFETIME_END ||
      NoCodeOps.count(Opc))
    return MIRole::NoCode;
  if (MI.isInlineAsm()) {
    // An empty asm statement (the compiler barrier `asm volatile("" :::
    // "memory")`) emits no instruction; any other is invisible to the model.
    const MachineOperand &Str = MI.getOperand(0);
    if (Str.isSymbol() && StringRef(Str.getSymbolName()).trim().empty())
      return MIRole::NoCode;
    Why = "inline assembly (its instructions are invisible to the cost model)";
    return MIRole::Unsupported;
  }
  auto Rejected = UnsupportedNames.find(Opc);
  if (Rejected != UnsupportedNames.end()) {
    std::string Name = Rejected->second.first;
    switch (static_cast<Family>(Rejected->second.second)) {
    case Family::TailCall:
      Why = "tail call (" + Name + "): return_call is outside profile compat; " + TailCallAdvice;
      break;
    case Family::Exceptions:
      Why = "exception handling (" + Name + ") is outside profile compat";
      break;
    case Family::CallPseudo:
      Why = "internal error: " + Name + ", a pseudo-instruction the backend lowers earlier";
      break;
    }
    return MIRole::Unsupported;
  }
  if (Opc < TargetOpcode::GENERIC_OP_END) {
    Why = ("unexpected generic machine instruction " +
           MI.getMF()->getSubtarget().getInstrInfo()->getName(Opc))
              .str();
    return MIRole::Unsupported;
  }

  unsigned Uses = 0;
  for (const MachineOperand &MO : MI.explicit_uses())
    if (MO.isReg())
      ++Uses;
  unsigned Defs = MI.getNumExplicitDefs();

  auto T = Kinds.find(Opc);
  if (T == Kinds.end()) {
    Op = AbstractOp::plain(Uses, Defs);
    return MIRole::Instruction;
  }
  auto BlockResults = [&]() -> uint32_t {
    int64_t BT = MI.getOperand(0).getImm();
    if (BT == BlockTypeVoid)
      return 0;
    if (BT == BlockTypeMultivalue)
      return FuncResults;
    return 1;
  };
  switch (T->second) {
  case TagBlock: Op = AbstractOp::block(OpKind::Block, 0, BlockResults()); break;
  case TagLoop: Op = AbstractOp::block(OpKind::Loop, 0, BlockResults()); break;
  case TagIf: Op = AbstractOp::block(OpKind::If, 0, BlockResults()); break;
  case TagElse: Op = AbstractOp::of(OpKind::Else); break;
  case TagEnd: Op = AbstractOp::of(OpKind::End); break;
  case TagBr:
    Op = AbstractOp::branch(OpKind::Br, static_cast<uint32_t>(MI.getOperand(0).getImm()));
    break;
  case TagBrIf:
    Op = AbstractOp::branch(OpKind::BrIf, static_cast<uint32_t>(MI.getOperand(0).getImm()));
    break;
  case TagBrTable:
    Op = AbstractOp::branch(
        OpKind::BrTable,
        static_cast<uint32_t>(MI.getOperand(MI.getNumExplicitOperands() - 1).getImm()));
    break;
  case TagReturn: Op = AbstractOp::of(OpKind::Return); break;
  case TagUnreachable: Op = AbstractOp::of(OpKind::Unreachable); break;
  case TagCall: Op = AbstractOp::call(OpKind::Call, Uses, Defs); break;
  case TagCallIndirect:
    Op = AbstractOp::call(OpKind::CallIndirect, Uses ? Uses - 1 : 0, Defs);
    break;
  case TagSelect: Op = AbstractOp::of(OpKind::Select); break;
  default: Op = AbstractOp::plain(Uses, Defs); break;
  }
  return MIRole::Instruction;
}

void WasmMachineInfo::emitSteps(MachineBasicBlock &MBB, MachineBasicBlock::iterator At,
                                const DebugLoc &DL, ArrayRef<SeqStep> Steps,
                                const SequenceValues &V, const GlobalValue *Counter,
                                SmallVectorImpl<MachineInstr *> *CostConsts) const {
  MachineFunction &MF = *MBB.getParent();
  MachineRegisterInfo &MRI = MF.getRegInfo();
  const TargetInstrInfo &TII = *MF.getSubtarget().getInstrInfo();
  SmallVector<Register, 4> Stack; // the values the steps pushed
  for (const SeqStep &S : Steps) {
    unsigned Opc = 0;
    switch (S.Opcode) {
    case op::GlobalGet: Opc = GlobalGetI32; break;
    case op::GlobalSet: Opc = GlobalSetI32; break;
    case op::I32Const: Opc = ConstI32; break;
    case op::I32Add: Opc = AddI32; break;
    case op::I32Sub: Opc = SubI32; break;
    case op::I32GtU: Opc = GtUI32; break;
    case op::I32LtU: Opc = LtUI32; break;
    case op::If: Opc = If; break;
    case op::Unreachable: Opc = DebugUnreachable; break;
    case op::End: Opc = EndIf; break; // a sequence's `end` closes its `if`
    default: llvm_unreachable("stackcap: a sequence step without a machine opcode");
    }
    const OpcodeInfo *OI = lookupOpcode(0, S.Opcode);
    unsigned Pops = OI->Kind == OpKind::If ? 1 : OI->Pops, Pushes = OI->Pushes;
    MachineInstrBuilder B = Pushes ? BuildMI(MBB, At, DL, TII.get(Opc),
                                             MRI.createVirtualRegister(I32RC))
                                   : BuildMI(MBB, At, DL, TII.get(Opc));
    switch (S.Imm) {
    case SeqImm::Counter: B.addGlobalAddress(Counter); break;
    case SeqImm::Cost:
    case SeqImm::Limit: B.addImm(static_cast<int32_t>(seqImmValue(S.Imm, V))); break;
    case SeqImm::EmptyBlock: B.addImm(EmptyBlockTypeByte); break;
    case SeqImm::None: break;
    case SeqImm::Callee: llvm_unreachable("stackcap: the call is not emitted from its step");
    }
    for (unsigned K = Stack.size() - Pops; K < Stack.size(); ++K)
      B.addReg(Stack[K]);
    Stack.resize(Stack.size() - Pops);
    if (Pushes)
      Stack.push_back(B.getReg(0));
    if (S.Imm == SeqImm::Cost && CostConsts)
      CostConsts->push_back(B.getInstr());
  }
}

bool WasmMachineInfo::walkCode(
    const MachineFunction &MF, uint32_t FuncResults,
    function_ref<bool(const MachineInstr &, const AbstractOp &)> OnInstr, int64_t &MaxLocal,
    std::string &Why, const MachineInstr *&At) const {
  MaxLocal = -1;
  At = nullptr;
  for (const MachineBasicBlock &MBB : MF)
    for (const MachineInstr &MI : MBB) {
      AbstractOp Op;
      switch (classify(MI, FuncResults, Op, Why)) {
      case MIRole::NoCode:
        continue;
      case MIRole::Unsupported:
        At = &MI;
        return false;
      case MIRole::Instruction:
        break;
      }
      if (isLocalAccess(MI))
        for (const MachineOperand &MO : MI.explicit_operands())
          if (MO.isImm()) {
            MaxLocal = std::max<int64_t>(MaxLocal, MO.getImm());
            break;
          }
      if (!OnInstr(MI, Op))
        return false;
    }
  return true;
}

bool computeWasmSignature(const MachineFunction &MF, unsigned &Params, unsigned &Results,
                          std::string &Error) {
  const Function &F = MF.getFunction();
  if (F.getCallingConv() == CallingConv::Swift || F.getCallingConv() == CallingConv::SwiftTail) {
    Error = "the swift calling conventions are not supported";
    return false;
  }
  const TargetSubtargetInfo &STI = MF.getSubtarget();
  const TargetLowering &TLI = *STI.getTargetLowering();
  const DataLayout &DL = F.getDataLayout();
  LLVMContext &Ctx = F.getContext();
  // Mirrors the backend's computeLegalValueVTs: every value type of \p Ty in
  // as many registers as legalisation splits it into.
  auto Count = [&](Type *Ty) {
    SmallVector<EVT, 4> VTs;
    ComputeValueVTs(TLI, DL, Ty, VTs);
    unsigned N = 0;
    for (EVT VT : VTs)
      N += TLI.getNumRegisters(Ctx, VT);
    return N;
  };
  Results = Count(F.getReturnType());
  Params = 0;
  bool Multivalue = STI.checkFeatures("+multivalue") &&
                    MF.getTarget().Options.MCOptions.getABIName() == "experimental-mv";
  if (Results > 1 && !Multivalue) {
    Results = 0; // demoted to a hidden sret pointer, the first parameter
    Params = 1;
  }
  for (Type *P : F.getFunctionType()->params())
    Params += Count(P);
  if (F.isVarArg())
    ++Params; // pointer to the buffer of variadic arguments
  return true;
}

} // namespace stackcap
