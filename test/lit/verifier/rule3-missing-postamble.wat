;; Rule 3: a call preceded by the preamble but without the postamble. The
;; four instructions after it are the next call's preamble, which begins
;; like a postamble but adds: it is not taken for one.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: 000037: 10 00 {{.*}}| call 0 <leaf>

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: func 1 ($main) at offset 0x37 (code section +0x19): rule 3 ({{[^)]*}}): call to func 0 ($leaf) has a preamble but no postamble
;; CHECK-NOT: rule

(module
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    ;; A correctly instrumented call, so that the counter exists.
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp
    i32.add))
