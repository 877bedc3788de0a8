//===- StackcapLean.h - Profile lean's reservations, after codegen -*- C++ -*-===//
//
// Part of stackcap. The machine-level half of profile lean
// (docs/spec/lean.md): which functions are checked, their entry and release
// sequences, frames and exact reservations. StackcapInstrument calls it in
// place of the compat instrumentation.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_PASSES_STACKCAPLEAN_H
#define STACKCAP_PASSES_STACKCAPLEAN_H

#include "llvm/ADT/ArrayRef.h"
#include "llvm/ADT/DenseMap.h"

#include <cstdint>

namespace llvm {
class Function;
class GlobalVariable;
class MachineFunction;
} // namespace llvm

namespace stackcap {

class WasmMachineInfo;

struct LeanFunctionInfo {
  uint32_t Frame = 0;   // frame(f) = P + L + H + A
  bool Checked = false;
  uint32_t Reservation = 0; // checked: R(f); covered: U(f)
};

/// Instruments \p MFs (every function of one module, after code generation)
/// for profile lean with counter \p Counter. Fills \p Out per function.
/// Returns false after reporting an error through the LLVMContext.
bool instrumentLean(llvm::ArrayRef<llvm::MachineFunction *> MFs, const WasmMachineInfo &Info,
                    llvm::GlobalVariable *Counter,
                    llvm::DenseMap<const llvm::Function *, LeanFunctionInfo> &Out);

} // namespace stackcap

#endif
