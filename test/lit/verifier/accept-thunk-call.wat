;; Accepted: an uninstrumented call to a thunk (as in a linker-synthesised
;; __wasm_call_ctors): the thunk charges the callee itself. A thunk of a
;; function with parameters forwards them with local.get 0 .. n-1.
;; RUN: wat2wasm --debug-names %s -o %t.wasm
;; RUN: %stackcap-verify --limit 1024 %t.wasm | FileCheck %s
;; RUN: %stackcap-verify --json %t.wasm | FileCheck %s --check-prefix=JSON
;; RUN: %expect-exit 1 %stackcap-verify --limit 1023 %t.wasm > /dev/null

;; CHECK: {{.*}}.wasm: verified: limit 1024, counter global 0, 3 instrumented calls, 2 thunks

;; JSON: "status": "verified",
;; JSON: "counter_global": 0,
;; JSON: "limit": 1024,
;; JSON: "instrumented_calls": 3,
;; JSON: "thunk_calls": 2,
;; JSON: "thunks": [
;; JSON-NEXT: {"function": 2, "wraps": 0},
;; JSON-NEXT: {"function": 3, "wraps": 1}
;; JSON-NEXT: ],
;; JSON: "violation_count": 0,
;; JSON: "violations": []

(module
  (global $sp (mut i32) (i32.const 0))
  ;; cost 1 local + H 4 (2 + two values) = 5
  (func $init (param i32 i32) (local i32)
    local.get 0
    local.get 1
    i32.add
    local.set 2)
  ;; cost 0 + H 2 = 2
  (func $work
    nop)
  (func $init_thunk (param i32 i32)
    local.get 0
    local.get 1
    global.get $sp  i32.const 5  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $init
    global.get $sp  i32.const 5  i32.sub  global.set $sp)
  (func $work_thunk
    global.get $sp  i32.const 2  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $work
    global.get $sp  i32.const 2  i32.sub  global.set $sp)
  ;; No thunk itself (it has a nop), and entered through nothing.
  (func $__wasm_call_ctors
    nop
    i32.const 1
    i32.const 2
    call $init_thunk
    call $work_thunk
    global.get $sp  i32.const 2  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $work
    global.get $sp  i32.const 2  i32.sub  global.set $sp)
  (export "init" (func $init_thunk))
  (export "work" (func $work_thunk)))
