;; A module with three violations, of rules 3, 4 and 5, in that order of
;; reporting.
(module
  (global $sp (mut i32) (i32.const 0))
  (func $leaf (result i32)
    i32.const 1)
  (func $main (result i32)
    nop
    global.get $sp  i32.const 3  i32.add  global.set $sp
    global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
    call $leaf
    global.get $sp  i32.const 3  i32.sub  global.set $sp
    call $leaf
    i32.add)
  (func
    global.get $sp
    drop)
  (export "leaf" (func $leaf)))
