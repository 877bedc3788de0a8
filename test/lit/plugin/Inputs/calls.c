// Direct calls, self recursion and mutual recursion between local and
// external functions (freestanding wasm32).
volatile int sink;

static __attribute__((noinline)) int leaf(int x) { sink = x; return x * 3 + 1; }

// Self recursion that clang cannot turn into a loop: a volatile store after
// the recursive call.
__attribute__((noinline)) int fact(int n) {
  if (n <= 1)
    return 1;
  int r = n * fact(n - 1);
  sink = r;
  return r;
}

// Mutual recursion between a local and an external function.
int is_odd(int n);
static __attribute__((noinline)) int is_even(int n) {
  if (n == 0)
    return 1;
  int r = is_odd(n - 1);
  sink = r;
  return r;
}
__attribute__((noinline)) int is_odd(int n) {
  if (n == 0)
    return 0;
  int r = is_even(n - 1);
  sink = r;
  return r;
}

__attribute__((export_name("run"))) int run(int x) {
  return leaf(x) + leaf(x + 1) + fact(x) + is_odd(x);
}
