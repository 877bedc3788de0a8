;; Rule 2: the counter global is exported.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s

;; CHECK: NOT verified: 1 violation
;; The violation points at the export entry's global index.
;; CHECK-NEXT: module at offset 0x30: rule 2 ({{[^)]*}}): counter global 1 is exported as "sp"
;; CHECK-NOT: rule

(module
  (global $other (mut i32) (i32.const 0))
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (export "other" (global $other))
  (export "sp" (global $sp)))
