; A module without functions needs no counter (and LLVM's wasm object writer
; could not emit a global before any function): nothing is added.
; RUN: %opt -passes=stackcap-thunks -S %s -o - | %FileCheck %s
; Other targets are left alone.
; RUN: sed 's/wasm32-unknown-unknown/x86_64-pc-linux-gnu/; s/^;X86 //' %s > %t.ll
; RUN: %opt -passes=stackcap-thunks -S %t.ll -o - | %FileCheck --check-prefix=X86 %s

target triple = "wasm32-unknown-unknown"

@data = global i32 7
;X86 define i32 @f() {
;X86   ret i32 0
;X86 }

; CHECK-NOT: __stackcap_stack_height
; CHECK-NOT: define
; X86-NOT:   __stackcap_stack_height
; X86:       define i32 @f() {
; X86-NEXT:    ret i32 0
; X86-NOT:   stackcap_
