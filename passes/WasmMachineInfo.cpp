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

#include "llvm/ADT/StringSet.h"
#include "llvm/CodeGen/Analysis.h"
#include "llvm/CodeGen/MachineFunction.h"
#include "llvm/CodeGen/TargetInstrInfo.h"
#include "llvm/CodeGen/TargetLowering.h"
#include "llvm/CodeGen/TargetOpcodes.h"
#include "llvm/CodeGen/TargetRegisterInfo.h"
#include "llvm/CodeGen/TargetSubtargetInfo.h"
#include "llvm/IR/Function.h"
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

// The opcodes looked up by exact name (the families SELECT_*, ARGUMENT_* and
// LOCAL_* are recognised by prefix).
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
    "SUB_I32",            "GT_U_I32",       "COMPILER_FENCE",
};
// Outside profile compat (spec rule 6), or not modelled: the compile fails.
const char *const Rejected[] = {
    "RET_CALL",  "RET_CALL_INDIRECT", "RET_CALL_RESULTS", "TRY",     "TRY_TABLE",
    "END_TRY",   "END_TRY_TABLE",     "CATCH",            "CATCH_ALL", "CATCH_REF",
    "CATCH_ALL_REF", "CATCH_LEGACY",  "CATCH_ALL_LEGACY", "THROW",   "THROW_REF",
    "RETHROW",   "DELEGATE",          "CATCHRET",         "CLEANUPRET", "CALL_PARAMS",
    "CALL_RESULTS",
};
const std::pair<const char *, const char *> ArgumentByClass[] = {
    {"I32", "ARGUMENT_i32"},         {"I64", "ARGUMENT_i64"},
    {"F32", "ARGUMENT_f32"},         {"F64", "ARGUMENT_f64"},
    {"V128", "ARGUMENT_v16i8"},      {"FUNCREF", "ARGUMENT_funcref"},
    {"EXTERNREF", "ARGUMENT_externref"}, {"EXNREF", "ARGUMENT_exnref"},
};

} // namespace

bool WasmMachineInfo::init(const TargetInstrInfo &TII, const TargetRegisterInfo &TRI,
                           std::string &Error) {
  // One pass over the backend's ~3000 opcode names; only the few dozen
  // looked up by name are kept.
  static const StringSet<> Wanted = [] {
    StringSet<> W;
    for (const auto &Entry : Tagged)
      W.insert(Entry.first);
    for (const char *Name : Emitted)
      W.insert(Name);
    for (const char *Name : Rejected)
      W.insert(Name);
    for (const auto &Entry : ArgumentByClass)
      W.insert(Entry.second);
    return W;
  }();
  for (unsigned Op = 0, E = TII.getNumOpcodes(); Op != E; ++Op) {
    StringRef Name = TII.getName(Op);
    if (Name.ends_with("_S"))
      continue;
    if (Wanted.contains(Name))
      Opcodes[Name] = Op;
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
  }

  auto Need = [&](StringRef Name, unsigned &Out) {
    Out = Opcodes.lookup(Name);
    if (!Out && Error.empty())
      Error = ("the WebAssembly backend has no machine opcode " + Name).str();
    return Out;
  };
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
  Need("IF", If);
  Need("END_IF", EndIf);
  Need("DEBUG_UNREACHABLE", DebugUnreachable);
  for (const auto &[Name, T] : Tagged) {
    unsigned Op;
    if (Need(Name, Op))
      Kinds[Op] = T;
  }
  if (!Error.empty())
    return false;

  NoCodeOps[FallthroughReturn] = true;
  NoCodeOps[Opcodes.lookup("COMPILER_FENCE")] = true;
  for (const char *Name : Rejected)
    if (unsigned Op = Opcodes.lookup(Name))
      UnsupportedNames[Op] = Name;

  for (unsigned I = 0, E = TRI.getNumRegClasses(); I != E; ++I) {
    const TargetRegisterClass *RC = TRI.getRegClass(I);
    StringRef Name = TRI.getRegClassName(RC);
    for (const auto &[ClassName, ArgName] : ArgumentByClass)
      if (Name == ClassName)
        ArgumentOpcodes[RC] = Opcodes.lookup(ArgName);
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
    std::string Name = Rejected->second;
    if (Name.rfind("RET_CALL", 0) == 0)
      Why = "tail call (" + Name + "): return_call is outside profile compat";
    else
      Why = "exception handling (" + Name + ") is outside profile compat";
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
