;; Rule 3 without --limit: the limit is read from the module (its first
;; sequence) and must be the same everywhere. Here the second call checks
;; 2048 while the first checks 1024.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify %t.wasm | FileCheck %s --check-prefix=FIRST
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s --check-prefix=FIRST
;; RUN: %expect-exit 1 %stackcap-verify --limit 2048 %t.wasm | FileCheck %s --check-prefix=SECOND
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: 000037: 10 00 {{.*}}| call 0 <leaf>
;; OBJ: 000051: 10 00 {{.*}}| call 0 <leaf>

;; FIRST: NOT verified: 1 violation
;; FIRST-NEXT: func 1 ($main) at offset 0x51 (code section +0x33): rule 3 ({{[^)]*}}): instrumentation sequence checks limit 2048, expected 1024
;; FIRST-NOT: rule

;; SECOND: NOT verified: 1 violation
;; SECOND-NEXT: func 1 ($main) at offset 0x37 (code section +0x19): rule 3 ({{[^)]*}}): instrumentation sequence checks limit 1024, expected 2048
;; SECOND-NOT: rule

;; JSON: "limit": 1024,
;; JSON: "instrumented_calls": 2,
;; JSON: {"rule": 3, "function": 1, "name": "main", "offset": 81, "message": "instrumentation sequence checks limit 2048, expected 1024"}

(module
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 2048  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp
    i32.add))
