;; Rule 3: the sequences check limit 1000, but the verifier was asked for 1024.
;; Without --limit the module's own limit is used, and it verifies.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %stackcap-verify --limit 1000 %t.wasm | FileCheck %s --check-prefix=OK
;; RUN: %stackcap-verify %t.wasm | FileCheck %s --check-prefix=OK
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: 000037: 10 00 {{.*}}| call 0 <leaf>

;; CHECK: {{.*}}.wasm: NOT verified: 1 violation
;; CHECK-NEXT: func 1 ($main) at offset 0x37 (code section +0x19): rule 3 ({{[^)]*}}): instrumentation sequence checks limit 1000, expected 1024
;; CHECK-NOT: rule

;; OK: {{.*}}.wasm: verified: limit 1000, counter global 0, 1 instrumented calls, {{[0-9]+}} thunks

(module
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1000  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp))
