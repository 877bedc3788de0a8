//===- WasmMachineInfo.h - WebAssembly machine facts by name ----*- C++ -*-===//
//
// Part of stackcap. The WebAssembly backend's private headers are not
// installed, so its opcodes and register classes are found by name at run
// time; a missing name is an error, never a silent guess.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_WASM_MACHINE_INFO_H
#define STACKCAP_WASM_MACHINE_INFO_H

#include "stackcap/call_sequence.h"
#include "stackcap/cost_model.h"

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"
#include "llvm/ADT/STLFunctionalExtras.h"
#include "llvm/ADT/SmallVector.h"
#include "llvm/CodeGen/MachineBasicBlock.h"
#include "llvm/CodeGen/MachineInstr.h"

#include <string>

namespace llvm {
class Function;
class MachineFunction;
class MCInstrInfo;
class MCRegisterInfo;
class TargetInstrInfo;
class TargetRegisterClass;
class TargetRegisterInfo;
} // namespace llvm

namespace stackcap {

/// What one machine instruction is in the final wasm instruction stream.
enum class MIRole : uint8_t {
  NoCode,      // emits nothing (ARGUMENT, FALLTHROUGH_RETURN, debug, labels ...)
  Instruction, // exactly one wasm instruction; see classify()
  Unsupported, // outside profile compat (tail calls, exceptions, inline asm)
};

class WasmMachineInfo {
public:
  /// Every machine opcode and register class stackcap relies on, the ones it
  /// rejects included, must exist under the name it knows from LLVM 22.
  /// Returns an error message naming all that are missing, or "". The plugin
  /// checks this when the pass pipeline is built and then fails the compile
  /// with the message instead of instrumenting. Names in \p TestMissing are
  /// treated as missing (StackcapConfig::TestMissingOpcodes).
  static std::string checkRequired(const llvm::MCInstrInfo &MII, const llvm::MCRegisterInfo &MRI,
                                   llvm::ArrayRef<std::string> TestMissing);

  /// Looks up everything by name; returns false with \p Error naming what is
  /// missing (as checkRequired does) when this LLVM's WebAssembly backend
  /// does not have it.
  bool init(const llvm::TargetInstrInfo &TII, const llvm::TargetRegisterInfo &TRI,
            llvm::ArrayRef<std::string> TestMissing, std::string &Error);

  const llvm::TargetRegisterClass *i32Class() const { return I32RC; }

  /// ARGUMENT_* and LOCAL_GET_* opcodes for a value of register class \p RC,
  /// or 0 when the class is unknown.
  unsigned argumentOpcode(const llvm::TargetRegisterClass *RC) const {
    return ArgumentOpcodes.lookup(RC);
  }

  /// The role of \p MI and, for Instruction, its effect on the cost model.
  /// \p FuncResults is R(f). For Unsupported, \p Why says what it is.
  MIRole classify(const llvm::MachineInstr &MI, uint32_t FuncResults, AbstractOp &Op,
                  std::string &Why) const;

  /// Walks the instructions of \p MF that emit code, in order, calling
  /// \p OnInstr with each and its effect; \p MaxLocal becomes the highest
  /// local index accessed (-1 for none). Returns false for an instruction
  /// outside the model (\p Why says what, \p At is the instruction), or
  /// when \p OnInstr returns false (it reported why, \p At is null).
  /// Both profiles' frame costs are computed through this one walk.
  bool walkCode(const llvm::MachineFunction &MF, uint32_t FuncResults,
                llvm::function_ref<bool(const llvm::MachineInstr &, const AbstractOp &)> OnInstr,
                int64_t &MaxLocal, std::string &Why, const llvm::MachineInstr *&At) const;

  /// Builds the machine instructions of \p Steps (call_sequence.h, lean.h)
  /// before \p At: each pushed value in a new i32 virtual register, the
  /// operands from the values the steps before pushed, the immediates from
  /// \p V, the counter global \p Counter. The i32.consts of SeqImm::Cost go
  /// to \p CostConsts, when given, in order (to be set later). Every step
  /// must be one of the opcodes this class knows (init() requires them).
  void emitSteps(llvm::MachineBasicBlock &MBB, llvm::MachineBasicBlock::iterator At,
                 const llvm::DebugLoc &DL, llvm::ArrayRef<SeqStep> Steps, const SequenceValues &V,
                 const llvm::GlobalValue *Counter,
                 llvm::SmallVectorImpl<llvm::MachineInstr *> *CostConsts = nullptr) const;

  bool isCall(const llvm::MachineInstr &MI) const { return MI.getOpcode() == Call; }
  bool isLocalAccess(const llvm::MachineInstr &MI) const { return LocalOps.count(MI.getOpcode()); }
  bool isReturn(const llvm::MachineInstr &MI) const {
    return MI.getOpcode() == Return || MI.getOpcode() == FallthroughReturn;
  }
  bool isEndFunction(const llvm::MachineInstr &MI) const { return MI.getOpcode() == EndFunction; }
  bool isLocalGet(const llvm::MachineInstr &MI) const { return LocalGetOps.count(MI.getOpcode()); }

  unsigned Call = 0, CallIndirect = 0, Return = 0, FallthroughReturn = 0, EndFunction = 0;
  unsigned GlobalGetI32 = 0, GlobalSetI32 = 0, ConstI32 = 0, AddI32 = 0, SubI32 = 0;
  unsigned GtUI32 = 0, LtUI32 = 0, If = 0, EndIf = 0, DebugUnreachable = 0;

private:
  llvm::DenseMap<unsigned, uint8_t> Kinds; // opcode -> OpKind-like tag, see .cpp
  // opcode -> its name and rejected family (see .cpp)
  llvm::DenseMap<unsigned, std::pair<const char *, uint8_t>> UnsupportedNames;
  llvm::DenseMap<unsigned, bool> NoCodeOps;
  llvm::DenseMap<unsigned, bool> LocalOps;
  llvm::DenseMap<unsigned, bool> LocalGetOps;
  llvm::DenseMap<const llvm::TargetRegisterClass *, unsigned> ArgumentOpcodes;
  const llvm::TargetRegisterClass *I32RC = nullptr;
};

/// The wasm signature of \p F as the WebAssembly backend lowers it: the number
/// of parameters (with the hidden sret pointer of a demoted return and the
/// varargs buffer pointer) and of results.
bool computeWasmSignature(const llvm::MachineFunction &MF, unsigned &Params, unsigned &Results,
                          std::string &Error);

} // namespace stackcap

#endif
