// A freestanding contract: a recursion (stopped by the stack limit) and a
// call between defined functions (instrumented with its cost).
__attribute__((noinline)) static int leaf(int x) { return x * 3 + 1; }
volatile int sink;
__attribute__((export_name("rec"))) int rec(int n) {
  if (n <= 0)
    return leaf(n);
  int r = rec(n - 1);
  sink = r;
  return r + 1;
}
