;; Rule 6: tail calls are outside the compat profile (wasm-instrument cannot
;; charge them), both direct and indirect, also to an import.
;; RUN: wat2wasm --enable-tail-call --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: 000033: 12 01 {{.*}}| return_call 1
;; OBJ: 00003a: 13 00 00 {{.*}}| return_call_indirect 0 0
;; OBJ: 000040: 12 00 {{.*}}| return_call 0

;; Their costs are unknown, so --print-costs fails too.
;; RUN: %expect-exit 2 %stackcap-verify --print-costs %t.wasm 2>&1 | FileCheck %s --check-prefix=COSTS
;; COSTS-DAG: 1 3 leaf
;; COSTS-DAG: 2 ? direct
;; COSTS-DAG: 3 ? indirect
;; COSTS-DAG: 4 ? to_import
;; COSTS-DAG: some costs are unknown ('?')

;; CHECK: NOT verified: 3 violations
;; CHECK-NEXT: func 2 ($direct) at offset 0x33 (code section +0x{{[0-9a-f]+}}): rule 6 (no tail calls, call_ref, exception handling or stack switching): return_call is not covered by the compat profile
;; CHECK-NEXT: func 3 ($indirect) at offset 0x3a (code section +0x{{[0-9a-f]+}}): rule 6 ({{[^)]*}}): return_call_indirect is not covered by the compat profile
;; CHECK-NEXT: func 4 ($to_import) at offset 0x40 (code section +0x{{[0-9a-f]+}}): rule 6 ({{[^)]*}}): return_call is not covered by the compat profile
;; CHECK-NOT: rule

;; JSON: {"rule": 6, "function": 2, "name": "direct", "offset": 51,
;; JSON: {"rule": 6, "function": 3, "name": "indirect", "offset": 58,
;; JSON: {"rule": 6, "function": 4, "name": "to_import", "offset": 64,

(module
  (type $t (func (result i32)))
  (import "env" "ext" (func $ext (result i32)))
  (table 1 funcref)
  (func $leaf (result i32)
    i32.const 1)
  (func $direct (result i32)
    return_call $leaf)
  (func $indirect (result i32)
    i32.const 0
    return_call_indirect (type $t))
  (func $to_import (result i32)
    return_call $ext))
