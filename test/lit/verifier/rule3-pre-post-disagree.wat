;; Rule 3: preamble and postamble of one call disagree, on the cost (first
;; call) or on the global (second call). The third call is correct, so the
;; counter is global 0.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: 00003c: 10 00 {{.*}}| call 0 <leaf>
;; OBJ: 000056: 10 00 {{.*}}| call 0 <leaf>

;; CHECK: NOT verified: 2 violations
;; CHECK-NEXT: func 1 ($main) at offset 0x3c (code section +0x19): rule 3 ({{[^)]*}}): call to func 0 ($leaf): preamble (global 0, cost 3) and postamble (global 0, cost 4) disagree
;; CHECK-NEXT: func 1 ($main) at offset 0x56 (code section +0x33): rule 3 ({{[^)]*}}): call to func 0 ($leaf): preamble (global 0, cost 3) and postamble (global 1, cost 3) disagree
;; CHECK-NOT: rule

(module
  (global $sp (mut i32) (i32.const 0))
  (global $other (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 4  i32.sub  global.set $sp
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $other  i32.const 3  i32.sub  global.set $other
    i32.add
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp
    i32.add))
