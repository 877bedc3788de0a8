; A function with local linkage whose address is used (here: a table entry
; and a stored pointer) gets an internal thunk NAME.stackcap_thunk that takes
; over every use except direct calls. A use in llvm.used only keeps the
; symbol alive: it stays with the body, and makes no thunk.
; RUN: %opt -passes=stackcap-thunks -S %s -o - | %FileCheck %s

target triple = "wasm32-unknown-unknown"

; CHECK: @table = internal global [1 x ptr] [ptr @local_fn.stackcap_thunk]
; CHECK: @llvm.used = appending global [1 x ptr] [ptr @kept]
@table = internal global [1 x ptr] [ptr @local_fn]
@llvm.used = appending global [1 x ptr] [ptr @kept], section "llvm.metadata"

define internal i32 @local_fn(i32 %x) {
  ret i32 %x
}

define internal void @kept() {
  ret void
}

define internal i32 @user(ptr %slot, i32 %x) {
  store ptr @local_fn, ptr %slot
  %r = call i32 @local_fn(i32 %x)
  ret i32 %r
}

; CHECK-LABEL: define internal i32 @local_fn(i32 %x) {
; CHECK-LABEL: define internal void @kept() {
; CHECK-LABEL: define internal i32 @user(ptr %slot, i32 %x) {
; CHECK-NEXT:    store ptr @local_fn.stackcap_thunk, ptr %slot
; CHECK-NEXT:    %r = call i32 @local_fn(i32 %x)

; CHECK:       define internal i32 @local_fn.stackcap_thunk(i32 %0) #[[T:[0-9]+]] {
; CHECK-NEXT:  entry:
; CHECK-NEXT:    %1 = notail call i32 @local_fn(i32 %0)
; CHECK-NEXT:    ret i32 %1
; CHECK-NEXT:  }
; CHECK-NOT:   define
; CHECK: attributes #[[T]] = { noinline nounwind "stackcap-thunk-of"="local_fn" }
