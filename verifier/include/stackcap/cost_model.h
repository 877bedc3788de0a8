//===- cost_model.h - The `compat` stack cost model -------------*- C++ -*-===//
//
// Part of stackcap. The abstract interpreter of section 1 of
// shared/spec/stack-limit-compat.md, which reproduces wasm-instrument 0.4's
// max_height computation. It is fed one abstract instruction at a time, so the
// verifier drives it from decoded bytes and the compiler's machine pass drives
// the very same code from MachineInstrs.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_COST_MODEL_H
#define STACKCAP_COST_MODEL_H

#include "stackcap/instr.h"

#include <cstdint>
#include <vector>

namespace stackcap {

/// wasm-instrument's ACTIVATION_FRAME_COST: the height a body starts at.
constexpr uint32_t ActivationFrameCost = 2;

/// What an instruction does in the model. Kind is one of the OpKind values;
/// `Unsupported` is not accepted.
struct AbstractOp {
  OpKind Kind = OpKind::Plain;
  uint32_t Pops = 0;   // Plain: operands; Call, CallIndirect: parameters
  uint32_t Pushes = 0; // Plain: results; Call, CallIndirect: results
  uint32_t BlockParams = 0;  // Block, Loop, If
  uint32_t BlockResults = 0; // Block, Loop, If
  uint32_t Depth = 0;        // Br, BrIf; BrTable: the default target

  static AbstractOp plain(uint32_t Pops, uint32_t Pushes) {
    AbstractOp Op;
    Op.Pops = Pops;
    Op.Pushes = Pushes;
    return Op;
  }
  static AbstractOp of(OpKind K) {
    AbstractOp Op;
    Op.Kind = K;
    return Op;
  }
  static AbstractOp block(OpKind K, uint32_t Params, uint32_t Results) {
    AbstractOp Op = of(K);
    Op.BlockParams = Params;
    Op.BlockResults = Results;
    return Op;
  }
  static AbstractOp branch(OpKind K, uint32_t Depth) {
    AbstractOp Op = of(K);
    Op.Depth = Depth;
    return Op;
  }
  static AbstractOp call(OpKind K, uint32_t Params, uint32_t Results) {
    AbstractOp Op = of(K);
    Op.Pops = Params;
    Op.Pushes = Results;
    return Op;
  }
};

/// Why a body is malformed for the model (wasm-instrument would reject it).
enum class CostError : uint8_t {
  None,
  PopBelowFrame,     // pops more than its frame pushed, in reachable code
  BadLabel,          // branch depth beyond the control stack
  BrTableArity,      // br_table targets of different arities
  EndWithoutFrame,   // `end` or an instruction after the final `end`
  Unterminated,      // body ended with frames still open
  Overflow,          // height or cost beyond 2^32-1
  UnsupportedOp,
};

const char *costErrorMessage(CostError E);

/// Computes H(f) for one function body.
class StackCostModel {
public:
  /// Starts a body of a function with \p FuncResults results.
  explicit StackCostModel(uint32_t FuncResults = 0) { reset(FuncResults); }

  void reset(uint32_t FuncResults);

  /// For a br_table: checks one non-default target against the default one,
  /// before the br_table itself is stepped.
  bool checkBrTableTarget(uint32_t Depth, uint32_t DefaultDepth);

  /// Applies one instruction. Returns false once the body is malformed; the
  /// model then ignores further input.
  bool step(const AbstractOp &Op);

  /// True after the final `end` closed the function frame.
  bool finished() const { return Frames.empty() && Err == CostError::None; }
  CostError error() const { return Err; }
  /// Maximum height so far (H(f) once finished()).
  uint32_t maxHeight() const { return static_cast<uint32_t>(Max); }
  /// Number of open control frames, the implicit function frame included.
  size_t depth() const { return Frames.size(); }

private:
  struct Frame {
    bool Poly;
    uint32_t EndArity;
    uint32_t BranchArity;
    uint64_t Start;
  };
  std::vector<Frame> Frames;
  uint64_t Height = ActivationFrameCost;
  uint64_t Max = 0;
  uint32_t FuncArity = 0;
  CostError Err = CostError::None;

  bool fail(CostError E) {
    Err = E;
    return false;
  }
  bool push(uint64_t N);
  bool pop(uint64_t N);
  bool frameAt(uint32_t Depth, const Frame *&F) const {
    if (Depth >= Frames.size())
      return false;
    F = &Frames[Frames.size() - 1 - Depth];
    return true;
  }
};

/// cost(f) = L(f) + H(f), or false on overflow past 2^32-1.
inline bool addCost(uint32_t Locals, uint32_t MaxHeight, uint32_t &Cost) {
  uint64_t C = uint64_t(Locals) + MaxHeight;
  if (C > UINT32_MAX)
    return false;
  Cost = static_cast<uint32_t>(C);
  return true;
}

} // namespace stackcap

#endif
