;; Rule 2: the counter global is imported (the host could share or reset it).
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %expect-exit 1 %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %expect-exit 1 %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON

;; CHECK: NOT verified: 1 violation
;; CHECK-NEXT: module: rule 2 (one counter global: defined, mutable i32, initialised to 0, not exported): counter global 0 is imported
;; CHECK-NOT: rule

;; JSON: "counter_global": 0,
;; JSON: {"rule": 2, "function": null, "name": null, "offset": 0, "message": "counter global 0 is imported"}

(module
  (import "env" "sp" (global $sp (mut i32)))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp))
