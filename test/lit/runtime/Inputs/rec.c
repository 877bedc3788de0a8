// Runaway recursion in hosted C.
//   rec STOP      recurses from level 1 to STOP, then prints "reached STOP"
//   rec           (no arguments) recurses without end: for wasm-interp, which
//                 runs the module with dummy WASI imports (argc is 0 there)
//                 and logs every import call, so nothing may call printf
//                 first (its write loop would spin on the dummy fd_write).
// Every level first writes "level N\n" to stdout through the WASI fd_write
// import itself: an import call is not counted, so rec calls no counted
// function but itself and the first call that can trap is the next level's.
// The last "level" line is the deepest level reached, in any engine (node,
// wasm-interp), even when the run ends in a trap.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct ciovec { const void *buf; size_t len; };
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
uint16_t raw_fd_write(int fd, const struct ciovec *iovs, size_t n, size_t *written);

volatile int g_sink;

__attribute__((noinline)) int rec(int n, int stop) {
  char line[24] = "level ";
  char digits[12];
  int nd = 0;
  unsigned v = (unsigned)n;
  do {
    digits[nd++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  int len = 6;
  while (nd) line[len++] = digits[--nd];
  line[len++] = '\n';
  struct ciovec iov = {line, (size_t)len};
  size_t written;
  raw_fd_write(1, &iov, 1, &written);
  if (n >= stop)
    return n;
  int r = rec(n + 1, stop);
  g_sink = r; // keeps the call from being a tail call
  return r + 1;
}

int main(int argc, char **argv) {
  int stop = argc > 1 ? atoi(argv[1]) : 0x7fffffff;
  int r = rec(1, stop);
  printf("reached %d (%d)\n", stop, r);
  return 0;
}
