;; Rule 2: two different globals are used as counters. The first sequence in
;; the module fixes the counter (global 0); the other one is reported.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: func[2] <other>:
;; OBJ: 00005a: 10 00 {{.*}}| call 0 <leaf>

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: func 2 ($other) at offset 0x5a (code section +0x{{[0-9a-f]+}}): rule 2 ({{[^)]*}}): call to func 0 ($leaf) counts in global 1, but the counter is global 0
;; CHECK-NOT: rule

;; JSON: "counter_global": 0,
;; JSON: "instrumented_calls": 2,
;; JSON: {"rule": 2, "function": 2, "name": "other", "offset": 90,

(module
  (global $sp (mut i32) (i32.const 0))
  (global $sp2 (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (func $other (result i32)
    global.get $sp2  i32.const 3  i32.add  global.set $sp2
    global.get $sp2  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp2  i32.const 3  i32.sub  global.set $sp2))
