;; Rule 3: an instrumentation sequence whose cost is not the callee's cost.
;; $leaf costs 0 locals + H 3 (the activation frame 2 + one constant); the
;; sequence around the call adds 4 (both in the preamble and the postamble).
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify %t.wasm | FileCheck %s
;; The offset reported is the offset of the `call` in the file.
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: 000037: 10 00 {{.*}}| call 0 <leaf>

;; CHECK: {{.*}}.wasm: NOT verified: 1 violation
;; CHECK-NEXT: func 1 ($main) at offset 0x37 (code section +0x19): rule 3 (every call to a defined function is instrumented with its cost, or calls a thunk): call to func 0 ($leaf) adds cost 4, but its cost is 3
;; CHECK-NOT: rule

(module
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 4  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 4  i32.sub  global.set $sp))
