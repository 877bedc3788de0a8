// Runaway recursion for the stack-limit tests.
//   recursion direct|indirect STOP
// recurses from depth 1 to STOP (directly, or through a function pointer,
// i.e. call_indirect through a table thunk), storing the depth reached in
// g_depth at every level. Link with -Wl,--export=g_depth so that run-wasi.mjs
// can read g_depth after a trap.
#include <stdio.h>
#include <stdlib.h>

volatile int g_depth;
volatile int g_sink;

// A leaf apart from the recursive call itself: no other call may trap first.
__attribute__((noinline)) int rec(int n, int stop) {
  g_depth = n;
  if (n >= stop)
    return n;
  int r = rec(n + 1, stop);
  g_sink = r; // keeps the call from being a tail call
  return r;
}

int rec_ind(int n, int stop);
int (*volatile g_fn)(int, int) = rec_ind;

__attribute__((noinline)) int rec_ind(int n, int stop) {
  g_depth = n;
  if (n >= stop)
    return n;
  int r = g_fn(n + 1, stop);
  g_sink = r;
  return r;
}

int main(int argc, char **argv) {
  if (argc < 3) {
    fprintf(stderr, "usage: recursion direct|indirect STOP\n");
    return 2;
  }
  int stop = atoi(argv[2]);
  int r = argv[1][0] == 'i' ? g_fn(1, stop) : rec(1, stop);
  printf("reached %d\n", r);
  return 0;
}
