;; Exports named in UTF-8 ("café", "日本") and "badXY", all naming a function
;; that is not a thunk. cli-json-utf8.test patches "XY" into control
;; characters (0x7f, 0x01), which wat2wasm does not accept, or into an invalid
;; byte (0xff), which makes the module malformed.
(module
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    nop
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp)
  (export "caf\c3\a9" (func $leaf))
  (export "\e6\97\a5\e6\9c\ac" (func $leaf))
  (export "badXY" (func $leaf)))
