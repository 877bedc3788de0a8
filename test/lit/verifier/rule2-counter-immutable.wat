;; Rule 2: the counter global is immutable. Such a module is not valid wasm
;; (global.set of an immutable global), hence --no-check; the verifier must
;; still reject it under rule 2.
;; RUN: wat2wasm --no-check --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s

;; CHECK: NOT verified: 1 violation
;; The violation points at the global's type (value type, mutability).
;; CHECK-NEXT: module at offset 0x17: rule 2 ({{[^)]*}}): counter global 0 is not a mutable i32
;; CHECK-NOT: rule

(module
  (global $sp i32 (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp))
