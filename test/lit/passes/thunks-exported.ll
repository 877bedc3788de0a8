; A function with non-local linkage keeps its symbol, which now names a thunk
; (call of the body, return); the body moves to the internal
; NAME.stackcap_body, and direct calls in the module go straight to it. The
; export attribute belongs to the symbol: it moves to the thunk. The counter
; global is created once: a wasm global (address space 1), linkonce_odr
; hidden.
; RUN: %opt -passes=stackcap-thunks -S %s -o - | %FileCheck %s

target triple = "wasm32-unknown-unknown"

; CHECK: @__stackcap_stack_height = linkonce_odr hidden addrspace(1) global i32 0

define i32 @exported(i32 %x) "wasm-export-name"="exp" {
  ret i32 %x
}

define hidden i32 @caller(i32 %x) {
  %r = call i32 @exported(i32 %x)
  ret i32 %r
}

; CHECK-LABEL: define internal i32 @exported.stackcap_body(i32 %x) {
; CHECK-NEXT:    ret i32 %x

; CHECK-LABEL: define internal i32 @caller.stackcap_body(i32 %x) {
; CHECK-NEXT:    %r = call i32 @exported.stackcap_body(i32 %x)

; CHECK:       define i32 @exported(i32 %0) #[[EXP:[0-9]+]] {
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %1 = notail call i32 @exported.stackcap_body(i32 %0)
; CHECK-NEXT:    ret i32 %1
; CHECK-NEXT:  }

; CHECK:       define hidden i32 @caller(i32 %0) #[[CALLER:[0-9]+]] {
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %1 = notail call i32 @caller.stackcap_body(i32 %0)
; CHECK-NEXT:    ret i32 %1

; CHECK: attributes #[[EXP]] = { noinline nounwind "stackcap-thunk-of"="exported.stackcap_body" "wasm-export-name"="exp" }
; CHECK: attributes #[[CALLER]] = { noinline nounwind "stackcap-thunk-of"="caller.stackcap_body" }
