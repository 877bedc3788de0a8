// Usable depth in profile lean (docs/spec/lean.md, section 6): rec recurses
// and, at every level, calls a chain of six helpers h1 -> ... -> h6 with
// large frames (16 parameters each) before it goes deeper. The helpers are
// live only at the top of the recursion, so the exact limit of the naive VM
// allows about (LIMIT - frames of the chain) / frame(rec) levels. If rec's
// reservation covered the chain, every level would pay for it; lean checks
// the helpers of a recursion instead (they reserve when they run), so rec
// reserves only its own frame. g_depth records the deepest level reached.
#define NOINLINE __attribute__((noinline))
#define P16 int a, int b, int c, int d, int e, int f, int g, int h, \
            int i, int j, int k, int l, int m, int n, int o, int p
#define A16(x) x, x + 1, x + 2, x + 3, x + 4, x + 5, x + 6, x + 7, \
               x + 8, x + 9, x + 10, x + 11, x + 12, x + 13, x + 14, x + 15
#define SUM16 (a ^ b ^ c ^ d ^ e ^ f ^ g ^ h ^ i ^ j ^ k ^ l ^ m ^ n ^ o ^ p)

volatile int g_sink;
int g_depth;

static NOINLINE int h6(P16) { g_sink = SUM16; return SUM16; }
static NOINLINE int h5(P16) { return h6(A16(SUM16)) + 1; }
static NOINLINE int h4(P16) { return h5(A16(SUM16)) + 1; }
static NOINLINE int h3(P16) { return h4(A16(SUM16)) + 1; }
static NOINLINE int h2(P16) { return h3(A16(SUM16)) + 1; }
static NOINLINE int h1(P16) { return h2(A16(SUM16)) + 1; }

static NOINLINE int rec(int n) {
  g_depth = n;
  int r = h1(A16(n));
  if (n == 0x7fffffff)
    return r;
  r += rec(n + 1);
  g_sink = r;
  return r;
}

__attribute__((export_name("run"))) int run(int n) { return rec(n); }
