; Module-level inline assembly defines code the cost model cannot see: the
; compile fails, and the module is marked refused so that the machine passes
; do not report consequences.
; RUN: %not %opt -passes=stackcap-thunks -S %s -o - 2>&1 | %FileCheck %s

; CHECK: error: stackcap: module-level inline assembly is not supported: the code it defines cannot be stack-limited

target triple = "wasm32-unknown-unknown"

module asm ".globl hidden_fn"

define i32 @f(i32 %x) {
  ret i32 %x
}
