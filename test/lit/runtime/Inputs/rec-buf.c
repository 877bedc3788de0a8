// Runaway recursion in hosted C whose frames hold a 512-byte buffer: every
// level takes 512 bytes of linear-memory stack besides its cost. As rec.c,
// every level writes "level N\n" through the WASI fd_write import itself
// (not counted), so the last "level" line is the deepest level reached.
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>

struct ciovec { const void *buf; size_t len; };
__attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
uint16_t raw_fd_write(int fd, const struct ciovec *iovs, size_t n, size_t *written);

volatile int g_sink;

__attribute__((noinline)) int rec(int n, int stop) {
  char buf[512] = "level ";
  char digits[12];
  int nd = 0;
  unsigned v = (unsigned)n;
  do {
    digits[nd++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  int len = 6;
  while (nd) buf[len++] = digits[--nd];
  buf[len++] = '\n';
  struct ciovec iov = {buf, (size_t)len};
  size_t written;
  raw_fd_write(1, &iov, 1, &written);
  if (n >= stop)
    return n;
  int r = rec(n + 1, stop);
  g_sink = r; // keeps the call from being a tail call
  return r + buf[n % 512];
}

int main(int argc, char **argv) {
  int stop = argc > 1 ? atoi(argv[1]) : 0x7fffffff;
  int r = rec(1, stop);
  printf("reached %d (%d)\n", stop, r);
  return 0;
}
