;; Rule 4: the counter is read (in $peek) and written (in $reset) outside the
;; instrumentation sequences. Other globals are free to use.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: func[2] <peek>:
;; OBJ-NEXT: 000051: 23 00 {{.*}}| global.get 0 <sp>
;; OBJ: func[3] <reset>:
;; OBJ-NEXT: 000056: 41 00 {{.*}}| i32.const 0
;; OBJ-NEXT: 000058: 24 00 {{.*}}| global.set 0 <sp>

;; CHECK: NOT verified: 2 violations
;; CHECK-NEXT: func 2 ($peek) at offset 0x51 (code section +0x{{[0-9a-f]+}}): rule 4 (the counter is accessed only inside instrumentation sequences): global.get of counter global 0 outside an instrumentation sequence
;; CHECK-NEXT: func 3 ($reset) at offset 0x58 (code section +0x{{[0-9a-f]+}}): rule 4 ({{[^)]*}}): global.set of counter global 0 outside an instrumentation sequence
;; CHECK-NOT: rule

;; JSON: "counter_global": 0,
;; JSON: "violation_count": 2,
;; JSON: {"rule": 4, "function": 2, "name": "peek", "offset": 81,
;; JSON: {"rule": 4, "function": 3, "name": "reset", "offset": 88,

(module
  (global $sp (mut i32) (i32.const 0))
  (global $free (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $free
    global.set $free
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (func $peek (result i32)
    global.get $sp)
  (func $reset
    i32.const 0
    global.set $sp))
