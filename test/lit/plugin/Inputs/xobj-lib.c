// The other object: an external helper called directly inside this object
// (its body, counted) and from the main object (its thunk, not counted).
volatile int lib_sink;
__attribute__((noinline)) int lib_helper(int x) { lib_sink = x; return x + 7; }
int lib_twice(int x) { return lib_helper(x) * 2; }
int lib_chain(int x) { int r = lib_helper(x + 1); lib_sink = r; return r - lib_twice(r); }
