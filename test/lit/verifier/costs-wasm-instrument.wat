;; wasm-instrument 0.4's own max_height tests (src/stack_limiter/
;; max_height.rs), one function each, through the decoder and the verifier.
;; Those tests assert H including ACTIVATION_FRAME_COST = 2; none of these
;; functions declares locals, so cost = H. The same sequences are driven
;; directly through the cost model in test/unit/cost_model_test.cpp.
;; yet_another_test leaves values on the stack after `unreachable`, which
;; wasm-instrument assembles with validation off: hence --no-check.
;; RUN: wat2wasm --no-check --debug-names %s -o %t.wasm
;; RUN: %stackcap-verify --print-costs %t.wasm | FileCheck %s --match-full-lines

;; simple_test: 3 + ACTIVATION_FRAME_COST
;; CHECK:      0 5 simple_test
;; implicit_and_explicit_return: 1 + ACTIVATION_FRAME_COST
;; CHECK-NEXT: 1 3 implicit_and_explicit_return
;; dont_count_in_unreachable: ACTIVATION_FRAME_COST
;; CHECK-NEXT: 2 2 dont_count_in_unreachable
;; yet_another_test: 2 + ACTIVATION_FRAME_COST
;; CHECK-NEXT: 3 4 yet_another_test
;; call_indirect: 1 + ACTIVATION_FRAME_COST (and its callee)
;; CHECK-NEXT: 4 3 call_indirect
;; CHECK-NEXT: 5 3 callee
;; breaks: 1 + ACTIVATION_FRAME_COST
;; CHECK-NEXT: 6 3 breaks
;; if_else_works: 3 + ACTIVATION_FRAME_COST
;; CHECK-NEXT: 7 5 if_else_works
;; CHECK-NOT: {{.}}

(module
  (memory 0)
  (table $ptr 1 1 funcref)
  (elem $ptr (i32.const 0) func $callee)
  (func $simple_test
    i32.const 1
      i32.const 2
        i32.const 3
        drop
      drop
    drop)
  (func $implicit_and_explicit_return (result i32)
    i32.const 0
    return)
  (func $dont_count_in_unreachable (result i32)
    unreachable
    memory.grow)
  (func $yet_another_test
    i32.const 0
    i32.const 1
    drop
    drop
    unreachable
    i32.const 0
    i32.const 1
    i32.const 2)
  (func $call_indirect
    (call_indirect (i32.const 0))
    (call_indirect (i32.const 0))
    (call_indirect (i32.const 0)))
  (func $callee
    i64.const 42
    drop)
  (func $breaks
    block (result i32)
      block (result i32)
        i32.const 99
        br 1
      end
    end
    drop)
  (func $if_else_works
    i32.const 7
    i32.const 1
    if (result i32)
      i32.const 42
    else
      i32.const 99
    end
    i32.const 97
    drop
    drop
    drop))
