// The main object: calls functions defined in another object (xobj-lib.c),
// which it reaches through their symbols, i.e. their thunks.
int lib_twice(int x);
int lib_chain(int x);
static __attribute__((noinline)) int square(int x) { return x * x; }
__attribute__((export_name("run"))) int run(int x) {
  return lib_twice(x) + square(x) + lib_chain(x);
}
