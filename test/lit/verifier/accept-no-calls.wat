;; Accepted: a module that calls nothing and is entered nowhere needs no
;; counter global, whatever its functions do.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %stackcap-verify --limit 0 %t.wasm | FileCheck %s
;; RUN: %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON

;; CHECK: {{.*}}.wasm: verified: no defined function is called or entered

;; JSON: "status": "verified",
;; JSON: "counter_global": null,

(module
  (memory 1)
  (global $g (mut i32) (i32.const 7))
  (func $a (param i32) (result i32)
    local.get 0
    global.get $g
    i32.add
    i32.load)
  (func $b
    i32.const 0
    i32.const 0
    i32.store)
  (export "mem" (memory 0)))
