;; Rule 5: the start function is not a thunk.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; The offset is that of the function index in the start section.
;; RUN: od -An -tx1 -j 0x2d -N 1 %t.wasm | FileCheck %s --check-prefix=BYTES
;; BYTES: 03

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: module at offset 0x2d: rule 5 ({{[^)]*}}): the start section names func 3 ($init), which is not a thunk
;; CHECK-NOT: rule

(module
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
  (func $init
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $main_thunk
    global.get $sp  i32.const 3  i32.sub  global.set $sp
    drop)
  (export "main" (func $main_thunk))
  (start $init))
