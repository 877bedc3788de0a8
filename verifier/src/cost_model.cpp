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

} // namespace stackcap
