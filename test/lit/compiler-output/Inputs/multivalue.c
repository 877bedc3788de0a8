// Multi-value returns: with -mmultivalue -Xclang -target-abi -Xclang
// experimental-mv a struct of two scalars is returned as two wasm results,
// so calls push 2 values and blocks may get type-index block types.
#include <stdio.h>

struct pair {
  int q;
  int r;
};
struct fpair {
  double lo;
  long long hi;
};

__attribute__((noinline)) struct pair divmod(int a, int b) {
  struct pair p = {a / b, a % b};
  return p;
}

__attribute__((noinline)) struct fpair split(double x) {
  struct fpair p = {x - (long long)x, (long long)x};
  return p;
}

__attribute__((noinline)) struct pair minmax(const int *v, int n) {
  struct pair p = {v[0], v[0]};
  for (int i = 1; i < n; ++i) {
    if (v[i] < p.q)
      p.q = v[i];
    if (v[i] > p.r)
      p.r = v[i];
  }
  return p;
}

// A recursive multi-value function: results flow through instrumented calls.
__attribute__((noinline)) struct pair gcd_steps(int a, int b) {
  if (b == 0) {
    struct pair p = {a, 0};
    return p;
  }
  struct pair p = gcd_steps(b, a % b);
  p.r += 1;
  return p;
}

int main(void) {
  int v[] = {5, -3, 17, 0, 9, -11, 4};
  for (int a = 7; a < 60; a += 13) {
    struct pair p = divmod(a, 5);
    printf("%d = 5*%d + %d\n", a, p.q, p.r);
  }
  struct fpair f = split(12.75);
  printf("split %.2f %lld\n", f.lo, f.hi);
  struct pair m = minmax(v, 7);
  printf("min %d max %d\n", m.q, m.r);
  struct pair g = gcd_steps(1071, 462);
  printf("gcd %d in %d steps\n", g.q, g.r);
  return 0;
}
