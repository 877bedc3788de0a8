//===- cost_model_test.cpp - Tests of the `compat` stack cost model -------===//
//
// Part of stackcap. Drives StackCostModel with AbstractOp sequences, as the
// verifier and the compiler's machine pass do. The first group reproduces
// every max-height test of wasm-instrument 0.4 (src/stack_limiter/
// max_height.rs, the version with ACTIVATION_FRAME_COST = 2): those tests
// assert H(f) *including* the activation cost of 2, e.g.
// `assert_eq!(height, 3 + ACTIVATION_FRAME_COST)`, which is exactly what
// maxHeight() returns. The same bodies are checked through the decoder and
// the verifier in test/lit/verifier/costs-wasm-instrument.wat.
//
//===----------------------------------------------------------------------===//

#include "stackcap/cost_model.h"

#include <gtest/gtest.h>

#include <initializer_list>

using namespace stackcap;

namespace {

// Shorthands for the instructions the tests use.
AbstractOp push1() { return AbstractOp::plain(0, 1); }  // i32.const, local.get
AbstractOp drop() { return AbstractOp::plain(1, 0); }   // drop, local.set
AbstractOp unary() { return AbstractOp::plain(1, 1); }  // memory.grow, loads
AbstractOp binary() { return AbstractOp::plain(2, 1); } // i32.add
AbstractOp store() { return AbstractOp::plain(2, 0); }  // i32.store
AbstractOp end() { return AbstractOp::of(OpKind::End); }
AbstractOp elseOp() { return AbstractOp::of(OpKind::Else); }
AbstractOp unreachable() { return AbstractOp::of(OpKind::Unreachable); }
AbstractOp ret() { return AbstractOp::of(OpKind::Return); }
AbstractOp select() { return AbstractOp::of(OpKind::Select); }
AbstractOp block(uint32_t P = 0, uint32_t R = 0) { return AbstractOp::block(OpKind::Block, P, R); }
AbstractOp loop(uint32_t P = 0, uint32_t R = 0) { return AbstractOp::block(OpKind::Loop, P, R); }
AbstractOp ifOp(uint32_t P = 0, uint32_t R = 0) { return AbstractOp::block(OpKind::If, P, R); }
AbstractOp br(uint32_t D) { return AbstractOp::branch(OpKind::Br, D); }
AbstractOp brIf(uint32_t D) { return AbstractOp::branch(OpKind::BrIf, D); }
AbstractOp brTable(uint32_t Default) { return AbstractOp::branch(OpKind::BrTable, Default); }
AbstractOp call(uint32_t P, uint32_t R) { return AbstractOp::call(OpKind::Call, P, R); }
AbstractOp callIndirect(uint32_t P, uint32_t R) {
  return AbstractOp::call(OpKind::CallIndirect, P, R);
}

/// Steps every op; expects all to succeed and the body to be finished.
uint32_t heightOf(uint32_t FuncResults, std::initializer_list<AbstractOp> Ops) {
  StackCostModel M(FuncResults);
  size_t K = 0;
  for (const AbstractOp &Op : Ops) {
    EXPECT_TRUE(M.step(Op)) << "op " << K << ": " << costErrorMessage(M.error());
    ++K;
  }
  EXPECT_TRUE(M.finished());
  EXPECT_EQ(M.error(), CostError::None);
  return M.maxHeight();
}

/// Steps the ops until one fails; expects that to be the last one, with \p E.
void expectError(uint32_t FuncResults, std::initializer_list<AbstractOp> Ops, CostError E) {
  StackCostModel M(FuncResults);
  size_t K = 0, N = Ops.size();
  for (const AbstractOp &Op : Ops) {
    bool Ok = M.step(Op);
    if (K + 1 < N)
      EXPECT_TRUE(Ok) << "op " << K << " failed early: " << costErrorMessage(M.error());
    else
      EXPECT_FALSE(Ok) << "the last op was accepted";
    ++K;
  }
  EXPECT_EQ(M.error(), E) << costErrorMessage(M.error());
  EXPECT_FALSE(M.finished());
}

//===----------------------------------------------------------------------===//
// wasm-instrument 0.4's own max_height tests, with the numbers it asserts.
//===----------------------------------------------------------------------===//

TEST(WasmInstrumentMaxHeight, SimpleTest) {
  // i32.const 1  i32.const 2  i32.const 3  drop drop drop
  // wasm-instrument: assert_eq!(height, 3 + ACTIVATION_FRAME_COST)
  EXPECT_EQ(heightOf(0, {push1(), push1(), push1(), drop(), drop(), drop(), end()}),
            3 + ActivationFrameCost);
  EXPECT_EQ(ActivationFrameCost, 2u);
}

TEST(WasmInstrumentMaxHeight, ImplicitAndExplicitReturn) {
  // (func (result i32) i32.const 0 return)
  // wasm-instrument: assert_eq!(height, 1 + ACTIVATION_FRAME_COST)
  EXPECT_EQ(heightOf(1, {push1(), ret(), end()}), 1 + ActivationFrameCost);
}

TEST(WasmInstrumentMaxHeight, DontCountInUnreachable) {
  // (func (result i32) unreachable grow_memory)
  // wasm-instrument: assert_eq!(height, ACTIVATION_FRAME_COST)
  EXPECT_EQ(heightOf(1, {unreachable(), unary(), end()}), ActivationFrameCost);
}

TEST(WasmInstrumentMaxHeight, YetAnotherTest) {
  // i32.const 0  i32.const 1  drop drop  unreachable  i32.const 0 1 2
  // wasm-instrument: assert_eq!(height, 2 + ACTIVATION_FRAME_COST)
  EXPECT_EQ(heightOf(0, {push1(), push1(), drop(), drop(), unreachable(), push1(), push1(), push1(),
                         end()}),
            2 + ActivationFrameCost);
}

TEST(WasmInstrumentMaxHeight, CallIndirect) {
  // (call_indirect (i32.const 0)) three times, type [] -> []
  // wasm-instrument: assert_eq!(height, 1 + ACTIVATION_FRAME_COST)
  EXPECT_EQ(heightOf(0, {push1(), callIndirect(0, 0), push1(), callIndirect(0, 0), push1(),
                         callIndirect(0, 0), end()}),
            1 + ActivationFrameCost);
}

TEST(WasmInstrumentMaxHeight, Breaks) {
  // block (result i32) block (result i32) i32.const 99 br 1 end end drop
  // wasm-instrument: assert_eq!(height, 1 + ACTIVATION_FRAME_COST)
  EXPECT_EQ(heightOf(0, {block(0, 1), block(0, 1), push1(), br(1), end(), end(), drop(), end()}),
            1 + ActivationFrameCost);
}

TEST(WasmInstrumentMaxHeight, IfElseWorks) {
  // i32.const 7  i32.const 1  if (result i32) i32.const 42 else i32.const 99
  // end  i32.const 97  drop drop drop
  // wasm-instrument: assert_eq!(height, 3 + ACTIVATION_FRAME_COST)
  EXPECT_EQ(heightOf(0, {push1(), push1(), ifOp(0, 1), push1(), elseOp(), push1(), end(), push1(),
                         drop(), drop(), drop(), end()}),
            3 + ActivationFrameCost);
}

//===----------------------------------------------------------------------===//
// The rules of spec section 1, one at a time.
//===----------------------------------------------------------------------===//

TEST(CostModel, EmptyBodyCostsTheActivationFrame) {
  EXPECT_EQ(heightOf(0, {end()}), ActivationFrameCost);
  // A function with results whose body is only `unreachable`.
  EXPECT_EQ(heightOf(2, {unreachable(), end()}), ActivationFrameCost);
}

TEST(CostModel, MaxIsTakenBeforeTheEffect) {
  // The height after the last instruction is only seen by the next one: the
  // final `end` sees the pushed value, so it counts.
  EXPECT_EQ(heightOf(1, {push1(), end()}), 3u);
  // After the final `end` the height is 0 + R(f), which nothing sees.
  StackCostModel M(5);
  EXPECT_TRUE(M.step(end()));
  EXPECT_TRUE(M.finished());
  EXPECT_EQ(M.maxHeight(), 2u);
}

TEST(CostModel, PlainAndSelect) {
  // 3 operands then select: pop(2), pop(1), push(1).
  EXPECT_EQ(heightOf(0, {push1(), push1(), push1(), select(), drop(), end()}), 5u);
  // A store pops two; a binary op pops two and pushes one.
  EXPECT_EQ(heightOf(0, {push1(), push1(), store(), push1(), push1(), binary(), drop(), end()}),
            4u);
  // Multi-result Plain ops (e.g. a k-input/j-output instruction).
  EXPECT_EQ(heightOf(0, {push1(), AbstractOp::plain(1, 3), AbstractOp::plain(3, 0), end()}), 5u);
}

TEST(CostModel, CallPopsParamsPushesResults) {
  // local.get x3, call [3 params] -> [2 results], drop drop
  EXPECT_EQ(heightOf(0, {push1(), push1(), push1(), call(3, 2), drop(), drop(), end()}), 5u);
  // call_indirect pops the table index first, then the parameters.
  EXPECT_EQ(heightOf(1, {push1(), push1(), callIndirect(1, 1), end()}), 4u);
}

TEST(CostModel, ElseKeepsHeight) {
  // i32.const 1; if (result i32) i32.const 2 else i32.const 3 end; drop
  // The else branch starts where the then branch ended (no reset), so the
  // second constant counts on top of the first: 2 + 1 + 1 = 4 (a real
  // engine needs 3).
  EXPECT_EQ(heightOf(0, {push1(), ifOp(0, 1), push1(), elseOp(), push1(), end(), drop(), end()}),
            4u);
  // Without an else the same then branch costs 3.
  EXPECT_EQ(heightOf(0, {push1(), ifOp(0, 1), push1(), end(), drop(), end()}), 3u);
}

TEST(CostModel, ElseKeepsPoly) {
  // i32.const 1; if; unreachable; else; i32.const x4; drop x4; end
  // After `unreachable` in the then branch the frame stays polymorphic
  // through the else branch, whose pushes are not counted at all.
  EXPECT_EQ(heightOf(0, {push1(), ifOp(), unreachable(), elseOp(), push1(), push1(), push1(),
                         push1(), drop(), drop(), drop(), drop(), end(), end()}),
            3u);
  // The same with `br 0` in the then branch.
  EXPECT_EQ(heightOf(0, {push1(), ifOp(), br(0), elseOp(), push1(), push1(), drop(), drop(), end(),
                         end()}),
            3u);
  // The poly frame also tolerates pops at its start height in the else branch.
  EXPECT_EQ(heightOf(0, {push1(), ifOp(), unreachable(), elseOp(), drop(), drop(), end(), end()}),
            3u);
  // The `if` frame is popped at `end`: code after it counts again.
  EXPECT_EQ(heightOf(0, {push1(), ifOp(), unreachable(), elseOp(), end(), push1(), push1(), push1(),
                         drop(), drop(), drop(), end()}),
            5u);
}

TEST(CostModel, BrIfArity) {
  // block (result i32) i32.const 1 i32.const 0 br_if 0 end drop
  // br_if: pop(1) (the value), pop(1) (the condition), push(1).
  StackCostModel M(0);
  for (const AbstractOp &Op : {block(0, 1), push1(), push1()})
    ASSERT_TRUE(M.step(Op));
  ASSERT_TRUE(M.step(brIf(0)));
  // After br_if the value is back on the stack: dropping it is fine, and
  // a second drop pops below the block.
  ASSERT_TRUE(M.step(drop()));
  EXPECT_FALSE(M.step(drop()));
  EXPECT_EQ(M.error(), CostError::PopBelowFrame);

  EXPECT_EQ(heightOf(0, {block(0, 1), push1(), push1(), brIf(0), end(), drop(), end()}), 4u);
  // br_if to a block without results only pops the condition.
  EXPECT_EQ(heightOf(0, {block(), push1(), brIf(0), end(), end()}), 3u);
  // br_if to a target with arity 2 (a type-index block), the function frame
  // two levels out: pop(2), pop(1), push(2).
  EXPECT_EQ(heightOf(2, {block(), push1(), push1(), push1(), brIf(1), drop(), drop(), end(),
                         push1(), push1(), end()}),
            5u);
  // A br_if whose target arity exceeds what the block pushed, in reachable
  // code, is malformed.
  expectError(0, {block(0, 1), push1(), brIf(0)}, CostError::PopBelowFrame);
}

TEST(CostModel, BrAndReturnMakePoly) {
  // After `br`, pushes up to the block's end do not count.
  EXPECT_EQ(heightOf(0, {block(), br(0), push1(), push1(), push1(), end(), end()}), 2u);
  // `return` pops R(f) then marks the frame poly.
  EXPECT_EQ(heightOf(2, {push1(), push1(), ret(), push1(), push1(), end()}), 4u);
  // A branch beyond the control stack.
  expectError(0, {block(), br(2)}, CostError::BadLabel);
  expectError(0, {brIf(1)}, CostError::BadLabel);
  expectError(0, {brTable(1)}, CostError::BadLabel);
}

TEST(CostModel, BrTableArity) {
  // block (result i32) block i32.const 0 br_table 0 1 end end
  StackCostModel M(0);
  for (const AbstractOp &Op : {block(0, 1), block(), push1()})
    ASSERT_TRUE(M.step(Op));
  EXPECT_FALSE(M.checkBrTableTarget(0, 1));
  EXPECT_EQ(M.error(), CostError::BrTableArity);
  EXPECT_FALSE(M.step(brTable(1))); // stays failed

  // Same arities are accepted, and the default target's arity is popped.
  StackCostModel N(0);
  for (const AbstractOp &Op : {block(0, 1), block(0, 1), push1(), push1()})
    ASSERT_TRUE(N.step(Op));
  EXPECT_TRUE(N.checkBrTableTarget(0, 1));
  EXPECT_TRUE(N.checkBrTableTarget(1, 0));
  EXPECT_TRUE(N.step(brTable(0)));
  for (const AbstractOp &Op : {push1(), push1(), end(), drop(), end(), end()})
    ASSERT_TRUE(N.step(Op)) << costErrorMessage(N.error());
  EXPECT_TRUE(N.finished());
  EXPECT_EQ(N.maxHeight(), 4u);

  // A target label out of range.
  StackCostModel O(0);
  ASSERT_TRUE(O.step(block()));
  EXPECT_FALSE(O.checkBrTableTarget(2, 0));
  EXPECT_EQ(O.error(), CostError::BadLabel);
}

TEST(CostModel, PopBelowFrameInReachableCode) {
  // block; drop — pops what the enclosing frame pushed.
  expectError(0, {push1(), block(), drop()}, CostError::PopBelowFrame);
  // In the function frame: its start is 0 and h starts at 2, so the first
  // two pops succeed (wasm-instrument counts the activation frame as stack)
  // and the third, at h == 0 == start, fails.
  expectError(0, {drop(), drop(), drop()}, CostError::PopBelowFrame);
  // The same pop in a polymorphic frame is ignored.
  EXPECT_EQ(heightOf(0, {push1(), block(), unreachable(), drop(), drop(), end(), drop(), end()}),
            3u);
  // An `if` pops its condition: without one, it fails at the block start.
  expectError(0, {block(), ifOp()}, CostError::PopBelowFrame);
  // pop(0) never fails, even at the frame start.
  EXPECT_EQ(heightOf(0, {block(), call(0, 0), AbstractOp::plain(0, 0), end(), end()}), 2u);
}

TEST(CostModel, UnreachablePopsGoToZero) {
  // i32.const; unreachable; pop 5 at h = 3: h < n, so h becomes 0 (where
  // wasm-instrument fails with "stack underflow"), and the model carries on.
  StackCostModel M(0);
  for (const AbstractOp &Op : {push1(), unreachable(), AbstractOp::plain(5, 0)})
    ASSERT_TRUE(M.step(Op)) << costErrorMessage(M.error());
  // A block opened there starts at height 0: four pushes reach 4, not 7.
  for (const AbstractOp &Op : {block(), push1(), push1(), push1(), push1(), end(), end()})
    ASSERT_TRUE(M.step(Op)) << costErrorMessage(M.error());
  EXPECT_TRUE(M.finished());
  EXPECT_EQ(M.maxHeight(), 4u);
}

TEST(CostModel, UnreachablePopsBelowTheFrameStart) {
  // block (start 2); i32.const (h 3); unreachable; a 2-operand op: h != start,
  // so h = 3 - 2 = 1, below the block's start.
  // A block opened there starts from 1: three pushes reach 4, and the max is
  // taken at the inner `end` (the inner frame is not poly).
  EXPECT_EQ(heightOf(0, {block(), push1(), unreachable(), AbstractOp::plain(2, 0), block(), push1(),
                         push1(), push1(), end(), end(), end()}),
            4u);
  // After the inner block ends, h = 1 again; further pops at h != start go
  // down to 0 and stop there.
  EXPECT_EQ(heightOf(0, {block(), push1(), unreachable(), AbstractOp::plain(2, 0), drop(), drop(),
                         drop(), block(), push1(), end(), end(), end()}),
            3u);
}

TEST(CostModel, TypeIndexBlocksWithParams) {
  // i32.const i32.const; block (param i32 i32) (result i32) i32.add end; drop
  // The block starts at h - P = 2 and ends at 2 + R = 3.
  EXPECT_EQ(heightOf(0, {push1(), push1(), block(2, 1), binary(), end(), drop(), end()}), 4u);
  // The params are the block's own: popping them is not below its frame.
  EXPECT_EQ(heightOf(0, {push1(), push1(), block(2, 0), drop(), drop(), end(), end()}), 4u);
  // ... but popping one more is.
  expectError(0, {push1(), push1(), block(2, 0), drop(), drop(), drop()}, CostError::PopBelowFrame);
  // Multi-value results: block (result i32 i32 i32) pushes 3 at `end`.
  EXPECT_EQ(
      heightOf(0, {block(0, 3), push1(), push1(), push1(), end(), drop(), drop(), drop(), end()}),
      5u);
  // `if` with params pops the condition first, then P for the frame start.
  EXPECT_EQ(
      heightOf(0, {push1(), push1(), ifOp(1, 2), push1(), elseOp(), end(), drop(), drop(), end()}),
      4u);
  // Params beyond the height in unreachable code start the block at 0; the
  // height itself is unchanged (2), and the new frame is not poly, so its
  // push counts: 3.
  EXPECT_EQ(heightOf(0, {unreachable(), block(5, 0), push1(), end(), end()}), 3u);
}

TEST(CostModel, LoopBranchArityIsParams) {
  // loop (param i32) (result i32 i32): branches to the loop carry 1 value.
  StackCostModel M(0);
  for (const AbstractOp &Op : {block(0, 1), push1(), loop(1, 2)})
    ASSERT_TRUE(M.step(Op));
  // br_table between the loop (branch arity P = 1) and the outer block
  // (branch arity R = 1) is consistent.
  EXPECT_TRUE(M.checkBrTableTarget(0, 1));
  EXPECT_TRUE(M.checkBrTableTarget(1, 0));

  // A loop with results but no params has branch arity 0 (wasm-instrument's
  // MVP rule: "branch to the loop header can't take any values").
  StackCostModel N(0);
  for (const AbstractOp &Op : {block(0, 1), loop(0, 1)})
    ASSERT_TRUE(N.step(Op));
  EXPECT_FALSE(N.checkBrTableTarget(0, 1));
  EXPECT_EQ(N.error(), CostError::BrTableArity);

  // br_if 0 in loop (param i32): pop(1) value, pop(1) condition, push(1).
  // i32.const; loop (param i32) (result i32); i32.const; br_if 0; end; drop
  EXPECT_EQ(heightOf(0, {push1(), loop(1, 1), push1(), brIf(0), end(), drop(), end()}), 4u);
  // br 0 in a loop without params pops nothing, even at the frame start.
  EXPECT_EQ(heightOf(0, {loop(0, 1), br(0), end(), drop(), end()}), 3u);
  // ... while br 0 in a block with a result pops 1 and fails there.
  expectError(0, {block(0, 1), br(0)}, CostError::PopBelowFrame);
}

TEST(CostModel, EndWithoutFrame) {
  expectError(0, {end(), push1()}, CostError::EndWithoutFrame);
  expectError(0, {block(), end(), end(), end()}, CostError::EndWithoutFrame);
}

TEST(CostModel, Unterminated) {
  // The model reports an unterminated body by not being finished(); the
  // verifier turns that into CostError::Unterminated.
  StackCostModel M(0);
  for (const AbstractOp &Op : {block(), push1(), drop(), end()})
    ASSERT_TRUE(M.step(Op));
  EXPECT_FALSE(M.finished());
  EXPECT_EQ(M.error(), CostError::None);
  EXPECT_EQ(M.depth(), 1u);
  StackCostModel N(0);
  ASSERT_TRUE(N.step(loop()));
  EXPECT_EQ(N.depth(), 2u);
  EXPECT_FALSE(N.finished());
  EXPECT_STREQ(costErrorMessage(CostError::Unterminated), "body ends inside an open block");
}

TEST(CostModel, UnsupportedOpAndStickyErrors) {
  expectError(0, {push1(), AbstractOp::of(OpKind::Unsupported)}, CostError::UnsupportedOp);
  // Once failed, the model ignores further input and keeps the first error.
  StackCostModel M(0);
  EXPECT_FALSE(M.step(br(3)));
  EXPECT_EQ(M.error(), CostError::BadLabel);
  EXPECT_FALSE(M.step(end()));
  EXPECT_FALSE(M.checkBrTableTarget(0, 0));
  EXPECT_EQ(M.error(), CostError::BadLabel);
  EXPECT_FALSE(M.finished());
}

TEST(CostModel, Overflow) {
  expectError(0, {AbstractOp::plain(0, UINT32_MAX)}, CostError::Overflow);
  StackCostModel M(0);
  ASSERT_TRUE(M.step(AbstractOp::plain(0, UINT32_MAX - 2))); // h = 2^32 - 1
  EXPECT_FALSE(M.step(push1()));
  EXPECT_EQ(M.error(), CostError::Overflow);
  // `end` pushing the block arity can overflow too.
  StackCostModel N(0);
  ASSERT_TRUE(N.step(AbstractOp::plain(0, UINT32_MAX - 2)));
  ASSERT_TRUE(N.step(block(0, 2)));
  EXPECT_FALSE(N.step(end()));
  EXPECT_EQ(N.error(), CostError::Overflow);

  uint32_t C = 0;
  EXPECT_TRUE(addCost(3, 5, C));
  EXPECT_EQ(C, 8u);
  EXPECT_TRUE(addCost(UINT32_MAX - 5, 5, C));
  EXPECT_EQ(C, UINT32_MAX);
  EXPECT_FALSE(addCost(UINT32_MAX - 4, 5, C));
}

TEST(CostModel, ResetStartsOver) {
  StackCostModel M(0);
  ASSERT_FALSE(M.step(br(7)));
  M.reset(1);
  EXPECT_EQ(M.error(), CostError::None);
  EXPECT_EQ(M.depth(), 1u);
  for (const AbstractOp &Op : {push1(), end()})
    ASSERT_TRUE(M.step(Op));
  EXPECT_TRUE(M.finished());
  EXPECT_EQ(M.maxHeight(), 3u);
}

} // namespace
