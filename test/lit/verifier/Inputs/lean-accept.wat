;; Profile lean: a module that verifies. Checked: the exports $rec and
;; $entry, $viatable (a table element) and $start; covered: $leaf and $mid,
;; reserved by their checked callers. Lines marked (;seq;) are the
;; instrumentation that lean-mutants.test deletes and lowers one at a time.
(module
  (import "env" "host" (func $host (param i32) (result i32)))
  (type $t (func (param i32) (result i32)))
  (table 1 funcref)
  (elem (i32.const 0) $viatable)
  (global $g (mut i32) (i32.const 4096))
  (global $other (mut i32) (i32.const 0))
  (start $start)
  (func $leaf (param i32) (result i32) (local i32)
    local.get 0 local.get 0 i32.mul local.tee 1 local.get 1 i32.add)
  (func $mid (param i32) (result i32)
    local.get 0 call $leaf local.get 0 call $host i32.add)
  (func $rec (export "rec") (param i32) (result i32)
    global.get $g i32.const 17 i32.lt_u if unreachable end (;seq;)
    global.get $g i32.const 17 i32.sub global.set $g (;seq;)
    local.get 0 i32.eqz
    if
      i32.const 1 call $mid
      global.get $g i32.const 17 i32.add global.set $g (;seq;)
      return
    end
    local.get 0 i32.const 1 i32.sub call $rec i32.const 1 i32.add
    global.get $g i32.const 17 i32.add global.set $g (;seq;))
  (func $viatable (param i32) (result i32)
    global.get $g i32.const 12 i32.lt_u if unreachable end (;seq;)
    global.get $g i32.const 12 i32.sub global.set $g (;seq;)
    local.get 0 call $leaf
    global.get $g i32.const 12 i32.add global.set $g (;seq;))
  (func $entry (export "entry") (param i32) (result i32)
    global.get $g i32.const 17 i32.lt_u if unreachable end (;seq;)
    global.get $g i32.const 17 i32.sub global.set $g (;seq;)
    global.get $other drop
    block (result i32)
      local.get 0 call $mid
      local.get 0 i32.const 0 call_indirect (type $t)
      i32.add
      local.get 0 br_if 0
      drop i32.const 7
    end
    global.get $g i32.const 17 i32.add global.set $g (;seq;))
  (func $start
    global.get $g i32.const 4 i32.lt_u if unreachable end (;seq;)
    global.get $g i32.const 4 i32.sub global.set $g (;seq;)
    i32.const 3 call $rec drop
    global.get $g i32.const 4 i32.add global.set $g (;seq;)))
