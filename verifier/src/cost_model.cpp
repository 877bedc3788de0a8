//===- cost_model.cpp - The `compat` stack cost model ---------------------===//
//
// Part of stackcap. Mirrors wasm-instrument 0.4 src/stack_limiter/max_height.rs
// rule for rule; section 1 of the spec is the reference. The order of the
// separate pops inside one instruction matters in unreachable code, so each
// instruction performs exactly the pops the spec lists, in that order.
//
//===----------------------------------------------------------------------===//
#include "stackcap/cost_model.h"

namespace stackcap {

const char *costErrorMessage(CostError E) {
  switch (E) {
  case CostError::None: return "no error";
  case CostError::PopBelowFrame: return "pops more values than its block pushed";
  case CostError::BadLabel: return "branch to a label that does not exist";
  case CostError::BrTableArity: return "br_table targets have different arities";
  case CostError::EndWithoutFrame: return "instruction after the function's final end";
  case CostError::Unterminated: return "body ends inside an open block";
  case CostError::Overflow: return "stack height overflows 32 bits";
  case CostError::UnsupportedOp: return "instruction not covered by the cost model";
  }
  return "unknown error";
}

void StackCostModel::reset(uint32_t FuncResults) {
  Frames.clear();
  Height = ActivationFrameCost;
  Max = 0;
  FuncArity = FuncResults;
  Err = CostError::None;
  Frames.push_back({false, FuncResults, FuncResults, 0});
}

bool StackCostModel::push(uint64_t N) {
  Height += N;
  if (Height > UINT32_MAX)
    return fail(CostError::Overflow);
  return true;
}

bool StackCostModel::pop(uint64_t N) {
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

bool StackCostModel::checkBrTableTarget(uint32_t Depth, uint32_t DefaultDepth) {
  if (Err != CostError::None)
    return false;
  const Frame *T, *D;
  if (!frameAt(Depth, T) || !frameAt(DefaultDepth, D))
    return fail(CostError::BadLabel);
  if (T->BranchArity != D->BranchArity)
    return fail(CostError::BrTableArity);
  return true;
}

bool StackCostModel::step(const AbstractOp &Op) {
  if (Err != CostError::None)
    return false;
  if (Frames.empty())
    return fail(CostError::EndWithoutFrame);
  if (Height > Max && !Frames.back().Poly)
    Max = Height;

  const Frame *Target;
  switch (Op.Kind) {
  case OpKind::Plain:
    return pop(Op.Pops) && push(Op.Pushes);
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
    return pop(Op.Pops) && push(Op.Pushes);
  case OpKind::CallIndirect:
    return pop(1) && pop(Op.Pops) && push(Op.Pushes);
  case OpKind::Select:
    return pop(2) && pop(1) && push(1);
  case OpKind::Unsupported:
    break;
  }
  return fail(CostError::UnsupportedOp);
}

} // namespace stackcap
