;; Rule 2: the counter global does not start at 0. The offset is that of its
;; initialiser expression.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: od -An -tx1 -j 0x19 -N 3 %t.wasm | FileCheck %s --check-prefix=BYTES
;; BYTES: 41 05 0b

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: module at offset 0x19: rule 2 ({{[^)]*}}): counter global 0 is not initialised by i32.const 0
;; CHECK-NOT: rule

(module
  (global $sp (mut i32) (i32.const 5))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp))
