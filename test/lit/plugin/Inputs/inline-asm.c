// A wasm inline asm statement in a local function: invisible to the cost model.
static __attribute__((noinline)) int twice(int x) {
  int r;
  __asm__("local.get %1\n\ti32.const 2\n\ti32.mul\n\tlocal.set %0" : "=r"(r) : "r"(x));
  return r;
}
__attribute__((export_name("g"))) int g(int x) { return twice(x) + 1; }
