;; An uninstrumented module whose costs are known (L + H):
;;   0 $ext   import
;;   1 $add   L 0 + H 4 = 4   (exported, in the table)
;;   2 (none) L 3 + H 3 = 6   (unnamed; started)
;;   3 $loop  L 1 + H 4 = 5   (calls $add and the unnamed function)
;;   4 $multi L 0 + H 5 = 5   (multi-value block with params)
(module
  (type $pair (func (param i32 i32) (result i32 i32)))
  (import "env" "ext" (func $ext (param i32)))
  (table 2 funcref)
  (func $add (param i32 i32) (result i32)
    local.get 0
    local.get 1
    i32.add)
  (func (local i32 i64 f32)
    i32.const 1
    local.set 0)
  (func $loop (param i32) (local i32)
    loop
      local.get 0
      local.get 0
      call $add
      local.tee 1
      call $ext
      call 2
      local.get 1
      br_if 0
    end)
  (func $multi (result i32)
    i32.const 1
    i32.const 2
    i32.const 3
    block (type $pair) (param i32 i32) (result i32 i32)
      i32.add
      i32.const 4
    end
    drop
    i32.add)
  (elem (i32.const 0) func $add $ext)
  (start 2)
  (export "add" (func $add))
  (export "loop" (func $loop)))
