;; Not valid wasm: the drop inside the block pops the value pushed before it.
(module
  (func
    i32.const 1
    block
      drop
    end))
