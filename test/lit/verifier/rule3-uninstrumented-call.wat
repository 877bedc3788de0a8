;; Rule 3: a plain call to a defined function that is not a thunk. The other
;; call is instrumented, so the counter exists; the call to the import needs
;; no instrumentation.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: func[3] <plain>:
;; OBJ-NEXT: 000051: 10 00 {{.*}}| call 0 <ext>
;; OBJ-NEXT: 000053: 10 01 {{.*}}| call 1 <leaf>

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: func 3 ($plain) at offset 0x53 (code section +0x{{[0-9a-f]+}}): rule 3 ({{[^)]*}}): call to func 1 ($leaf) is not instrumented: the object that defines it was probably compiled without stackcap
;; CHECK-NOT: rule

;; JSON: "instrumented_calls": 1,
;; JSON: "thunk_calls": 0,
;; JSON: {"rule": 3, "function": 3, "name": "plain", "offset": 83, "message": "call to func 1 ($leaf) is not instrumented: the object that defines it was probably compiled without stackcap", "callee": 1}

(module
  (import "env" "ext" (func $ext (result i32)))
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (func $plain (result i32)
    call $ext
    call $leaf
    i32.add))
