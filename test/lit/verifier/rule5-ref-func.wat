;; Rule 5: ref.func of a non-thunk in code, in a global initialiser and in an
;; element expression (the ref.null makes wat2wasm encode the passive segment
;; with expressions; the segment also declares $leaf for the ref.func in code,
;; which valid wasm requires). ref.func of the thunk and of an import are fine.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: wasm-objdump -d %t.wasm | FileCheck %s --check-prefix=OBJ
;; OBJ: func[4] <take>:
;; OBJ: 000096: d2 01 {{.*}}| ref.func 1{{$}}
;; The offsets of module-level references are those of the function index.
;; RUN: od -An -tx1 -j 0x32 -N 1 %t.wasm | FileCheck %s --check-prefix=BYTES
;; RUN: od -An -tx1 -j 0x46 -N 1 %t.wasm | FileCheck %s --check-prefix=BYTES
;; BYTES: 01

;; CHECK: NOT verified: 3 violations
;; CHECK-NEXT: module at offset 0x46: rule 5 ({{[^)]*}}): an element segment names func 1 ($leaf), which is not a thunk
;; CHECK-NEXT: module at offset 0x32: rule 5 ({{[^)]*}}): a global initialiser's ref.func names func 1 ($leaf), which is not a thunk
;; CHECK-NEXT: func 4 ($take) at offset 0x96 (code section +0x{{[0-9a-f]+}}): rule 5 ({{[^)]*}}): ref.func names func 1 ($leaf), which is not a thunk
;; CHECK-NOT: rule

;; JSON: "violation_count": 3,
;; JSON: {"rule": 5, "function": null, "name": null,
;; JSON: {"rule": 5, "function": null, "name": null,
;; JSON: {"rule": 5, "function": 4, "name": "take",

(module
  (import "env" "ext" (func $ext (result i32)))
  (global $sp (mut i32) (i32.const 0))
  (global $g funcref (ref.func $leaf))
  (global $h funcref (ref.func $main_thunk))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    nop
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (func $main_thunk (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $main
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (elem funcref (ref.func $ext) (ref.null func) (ref.func $leaf) (ref.func $main_thunk))
  (func $take (result funcref)
    ref.func $ext
    drop
    ref.func $main_thunk
    drop
    ref.func $leaf))
