; In the code generation pipeline the plugin inserts the legacy form of the
; pass right after wasm-fix-function-bitcasts, under the same name: llc can
; stop after it, and prints the same result as `opt -passes=stackcap-thunks`.
; RUN: %llc -stop-after=stackcap-thunks %s -o - | %FileCheck %s
; RUN: %llc -debug-pass=Structure %s -o /dev/null 2>&1 | %FileCheck --check-prefix=PIPELINE %s

target triple = "wasm32-unknown-unknown"

define i32 @f(i32 %x) {
  ret i32 %x
}

; CHECK: @__stackcap_stack_height = linkonce_odr hidden addrspace(1) global i32 0
; CHECK-LABEL: define internal i32 @f.stackcap_body(i32 %x)
; CHECK-LABEL: define i32 @f(i32 %0)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %1 = notail call i32 @f.stackcap_body(i32 %0)

; PIPELINE: -wasm-fix-function-bitcasts -stackcap-thunks
; PIPELINE-SAME: -wasm-replace-phys-regs -stackcap-thunk-rewrite
; PIPELINE-SAME: -wasm-peephole -stackcap-instrument -wasm-reg-numbering
