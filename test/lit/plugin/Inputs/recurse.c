// A recursive export: each level records itself in g_depth (exported with
// -Wl,--export=g_depth), and the volatile store after the recursive call
// keeps clang from turning the recursion into a loop.
volatile int g_depth;
volatile int rec_sink;
__attribute__((export_name("rec"))) int rec(int n) {
  g_depth = g_depth + 1;
  if (n <= 0)
    return 0;
  int r = rec(n - 1);
  rec_sink = r;
  return r + 1;
}
