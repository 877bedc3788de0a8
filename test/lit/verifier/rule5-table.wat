;; Rule 5: an element segment puts a non-thunk into the table. Slot 0 holds
;; an import (fine), slot 1 the thunk of $main (fine), slot 2 $leaf itself.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; The offset is that of the function index in the segment.
;; RUN: od -An -tx1 -j 0x3a -N 1 %t.wasm | FileCheck %s --check-prefix=BYTES
;; BYTES: 01

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: module at offset 0x3a: rule 5 ({{[^)]*}}): an element segment names func 1 ($leaf), which is not a thunk
;; CHECK-NOT: rule

(module
  (import "env" "ext" (func $ext (result i32)))
  (table 3 funcref)
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    nop
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (func $main_thunk (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $main
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (elem (i32.const 0) func $ext $main_thunk $leaf))
