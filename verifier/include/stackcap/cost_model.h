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
  /// A call pops its parameters and pushes its results, as a plain
  /// instruction pops operands and pushes results.
  static AbstractOp call(OpKind K, uint32_t Params, uint32_t Results) {
    AbstractOp Op = plain(Params, Results);
    Op.Kind = K;
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

  /// step(AbstractOp::plain(Pops, Pushes)), for the common case: the same
  /// code as step's Plain case, without building an AbstractOp.
  bool stepPlain(uint32_t Pops, uint32_t Pushes) { return enter() && popPush(Pops, Pushes); }

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
  bool push(uint64_t N) {
    Height += N;
    if (Height > UINT32_MAX)
      return fail(CostError::Overflow);
    return true;
  }
  bool pop(uint64_t N) {
    if (N == 0)
      return true;
    const Frame &Top = Frames.back();
    if (Height == Top.Start)
      return Top.Poly ? true : fail(CostError::PopBelowFrame);
    // wasm-instrument fails with "stack underflow" here; that only happens in
    // unreachable code, and the spec carries on from zero instead.
    Height = Height < N ? 0 : Height - N;
    return true;
  }
  /// What every instruction does first: refuse after an error or after the
  /// final `end`, and record the height reached so far.
  bool enter() {
    if (Err != CostError::None)
      return false;
    if (Frames.empty())
      return fail(CostError::EndWithoutFrame);
    if (Height > Max && !Frames.back().Poly)
      Max = Height;
    return true;
  }
  /// A plain instruction, and a call: its operands, then its results.
  bool popPush(uint32_t Pops, uint32_t Pushes) { return pop(Pops) && push(Pushes); }
  bool frameAt(uint32_t Depth, const Frame *&F) const {
    if (Depth >= Frames.size())
      return false;
    F = &Frames[Frames.size() - 1 - Depth];
    return true;
  }
};

// Inline: the verifier steps the model once per instruction of every body.
inline bool StackCostModel::step(const AbstractOp &Op) {
  if (!enter())
    return false;

  const Frame *Target;
  switch (Op.Kind) {
  case OpKind::Plain:
    return popPush(Op.Pops, Op.Pushes);
  case OpKind::If:
    if (!pop(1))
      return false;
    [[fallthrough]];
  case OpKind::Block:
  case OpKind::Loop: {
    uint64_t Start = Height < Op.BlockParams ? 0 : Height - Op.BlockParams;
    uint32_t Branch = Op.Kind == OpKind::Loop ? Op.BlockParams : Op.BlockResults;
    Frames.push_back({false, Op.BlockResults, Branch, Start});
    return true;
  }
  case OpKind::Else:
    // wasm-instrument leaves the `if` frame as it is: no height reset and the
    // polymorphic flag survives (spec section 4).
    return true;
  case OpKind::End: {
    Frame F = Frames.back();
    Frames.pop_back();
    Height = F.Start;
    return push(F.EndArity);
  }
  case OpKind::Unreachable:
    Frames.back().Poly = true;
    return true;
  case OpKind::Br:
  case OpKind::BrTable:
    if (!frameAt(Op.Depth, Target))
      return fail(CostError::BadLabel);
    if (!pop(Target->BranchArity))
      return false;
    Frames.back().Poly = true;
    return true;
  case OpKind::BrIf: {
    if (!frameAt(Op.Depth, Target))
      return fail(CostError::BadLabel);
    uint32_t A = Target->BranchArity;
    return pop(A) && pop(1) && push(A);
  }
  case OpKind::Return:
    if (!pop(FuncArity))
      return false;
    Frames.back().Poly = true;
    return true;
  case OpKind::Call:
    return popPush(Op.Pops, Op.Pushes);
  case OpKind::CallIndirect:
    return pop(1) && pop(Op.Pops) && push(Op.Pushes);
  case OpKind::Select:
    return pop(2) && pop(1) && push(1);
  case OpKind::Unsupported:
    break;
  }
  return fail(CostError::UnsupportedOp);
}

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
