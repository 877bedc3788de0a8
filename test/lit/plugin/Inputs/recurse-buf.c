// A recursive export with an address-taken 512-byte buffer in every frame:
// each level takes 512 bytes of linear-memory stack besides its cost. Each
// level records itself in g_depth (exported with -Wl,--export=g_depth).
volatile int g_depth;
volatile int rec_sink;
__attribute__((noinline)) void fill(volatile char *p, int n) {
  for (int i = 0; i < 512; i += 64)
    p[i] = (char)n;
}
__attribute__((export_name("rec"))) int rec(int n) {
  char buf[512];
  g_depth = g_depth + 1;
  fill(buf, n);
  if (n <= 0)
    return buf[0];
  int r = rec(n - 1);
  rec_sink = r;
  return r + buf[64];
}
