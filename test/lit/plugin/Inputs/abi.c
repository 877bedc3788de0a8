// ABI corners: varargs, struct returns (sret), __int128 parameters and
// results, switch lowered to br_table, float and 64-bit code. Freestanding:
// no libcalls (no i128 multiply, divide or variable shifts).
#include <stdarg.h>

volatile int abi_sink;

// Varargs: the thunk passes the caller's buffer pointer on.
__attribute__((noinline)) int sum_ints(int n, ...) {
  va_list ap;
  va_start(ap, n);
  int s = 0;
  for (int i = 0; i < n; ++i)
    s += va_arg(ap, int);
  va_end(ap);
  abi_sink = s;
  return s;
}
static __attribute__((noinline)) double sum_doubles(int n, ...) {
  va_list ap;
  va_start(ap, n);
  double s = 0;
  for (int i = 0; i < n; ++i)
    s += va_arg(ap, double);
  va_end(ap);
  return s;
}

// Struct returns through a hidden pointer.
struct quad { int a, b, c, d; };
__attribute__((noinline)) struct quad make_quad(int x) {
  struct quad q = {x, x + 1, x * 2, x ^ 7};
  abi_sink = q.d;
  return q;
}
static __attribute__((noinline)) struct quad swap_quad(struct quad q) {
  struct quad r = {q.d, q.c, q.b, q.a};
  return r;
}

// __int128 in and out (lowered to pairs of i64 and an sret pointer).
__attribute__((noinline)) __int128 mix128(__int128 a, __int128 b) { return (a + b) ^ (a >> 64); }
static __attribute__((noinline)) unsigned __int128 widen(unsigned long long x) {
  return ((unsigned __int128)x << 64) | (x ^ 0x5555);
}

// A dense switch becomes a br_table.
__attribute__((noinline)) int classify(int k) {
  switch (k) {
  case 0: return 11;
  case 1: abi_sink = 1; return 22;
  case 2: return 33;
  case 3: abi_sink = 3; return 44;
  case 4: return 55;
  case 5: abi_sink = 5; return 66;
  case 6: return 77;
  case 7: return 88;
  default: return -1;
  }
}

// Floating point and 64-bit integers.
static __attribute__((noinline)) double poly(double x, float y) { return x * x * 0.5 + (double)y * 3.0 - 1.0; }
__attribute__((noinline)) long long mix64(long long a, unsigned long long b) {
  return (a * 6364136223846793005LL) ^ (long long)(b >> 7) ^ (a / 3);
}
static __attribute__((noinline)) float fsel(float a, float b) { return a > b ? a - b : b * 0.25f; }

__attribute__((export_name("run"))) int run(int x) {
  struct quad q = swap_quad(make_quad(x));
  __int128 w = mix128(widen((unsigned long long)x), (__int128)x);
  long long m = mix64(x, (unsigned long long)x * 3);
  double p = poly((double)x, (float)x) + sum_doubles(3, 1.5, 2.5, (double)x);
  return sum_ints(4, q.a, q.b, q.c, q.d) + classify(x & 7) + (int)(w >> 64) + (int)w +
         (int)(m & 0xffff) + (int)p + (int)fsel((float)x, 2.0f);
}

// i64 at the boundary.
__attribute__((export_name("run64"))) long long run64(long long a) { return mix64(a, (unsigned long long)a + 1); }
