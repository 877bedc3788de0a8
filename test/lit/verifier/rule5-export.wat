;; Rule 5: an export names a defined function that is not a thunk. $main is
;; exported through its thunk, as wasm-instrument does; $leaf directly.
;; Exports of imports need no thunk. ($main starts with a nop, so that it is
;; not itself a thunk of $leaf.)
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; The offset is that of the function index in the export entry.
;; RUN: od -An -tx1 -j 0x3d -N 7 %t.wasm | FileCheck %s --check-prefix=BYTES
;; BYTES: 04 6c 65 61 66 00 01

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: module at offset 0x43: rule 5 (exports, table entries, start and ref.func name imports or thunks): export "leaf" names func 1 ($leaf), which is not a thunk
;; CHECK-NOT: rule

;; JSON: "thunks": [
;; JSON-NEXT: {"function": 3, "wraps": 2}
;; JSON-NEXT: ],
;; JSON: {"rule": 5, "function": null, "name": null, "offset": 67, "message": "export \"leaf\" names func 1 ($leaf), which is not a thunk"}

(module
  (import "env" "ext" (func $ext))
  (global $sp (mut i32) (i32.const 0))
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
  (export "ext" (func $ext))
  (export "main" (func $main_thunk))
  (export "leaf" (func $leaf)))
