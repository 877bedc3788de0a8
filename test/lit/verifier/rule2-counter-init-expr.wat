;; Rule 2: the counter must be initialised by exactly `i32.const 0`; an
;; extended constant expression computing 0 is not accepted.
;; RUN: wat2wasm --enable-extended-const --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: module at offset 0x{{[0-9a-f]+}}: rule 2 ({{[^)]*}}): counter global 0 is not initialised by i32.const 0
;; CHECK-NOT: rule

(module
  (global $sp (mut i32) (i32.sub (i32.const 0) (i32.const 0)))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp))
