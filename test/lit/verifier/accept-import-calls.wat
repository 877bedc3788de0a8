;; Accepted: calls to imported functions are not instrumented, and a module
;; that only calls imports needs no counter (neither does one exporting or
;; tabling only imports).
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %stackcap-verify %t.wasm | FileCheck %s
;; RUN: %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON

;; CHECK: {{.*}}.wasm: verified: no defined function is called or entered

;; JSON: "status": "verified",
;; JSON: "counter_global": null,
;; JSON: "limit": null,
;; JSON: "instrumented_calls": 0,
;; JSON: "thunks": [],
;; JSON: "violations": []

(module
  (import "env" "log" (func $log (param i32)))
  (import "env" "get" (func $get (result i32)))
  (table 2 funcref)
  (elem (i32.const 0) func $log $get)
  (func $f
    call $get
    call $log
    i32.const 5
    i32.const 0
    call_indirect (param i32) (result i32)
    call $log)
  (export "log" (func $log)))
