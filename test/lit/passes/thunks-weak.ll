; The linker may replace the body of a weak or linkonce function with
; another object's: every call in the module goes to its thunk, none to the
; body.
; RUN: %opt -passes=stackcap-thunks -S %s -o - | %FileCheck %s

target triple = "wasm32-unknown-unknown"

define weak i32 @replaceable(i32 %x) {
  ret i32 %x
}

define linkonce_odr i32 @inline_fn(i32 %x) {
  ret i32 %x
}

define internal i32 @caller(i32 %x) {
  %a = call i32 @replaceable(i32 %x)
  %b = call i32 @inline_fn(i32 %a)
  ret i32 %b
}

; CHECK-LABEL: define internal i32 @replaceable.stackcap_body(i32 %x) {
; CHECK-LABEL: define internal i32 @inline_fn.stackcap_body(i32 %x) {
; CHECK-LABEL: define internal i32 @caller(i32 %x) {
; CHECK-NEXT:    %a = call i32 @replaceable(i32 %x)
; CHECK-NEXT:    %b = call i32 @inline_fn(i32 %a)
; CHECK-LABEL: define weak i32 @replaceable(i32 %0)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %1 = notail call i32 @replaceable.stackcap_body(i32 %0)
; CHECK-LABEL: define linkonce_odr i32 @inline_fn(i32 %0)
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %1 = notail call i32 @inline_fn.stackcap_body(i32 %0)
