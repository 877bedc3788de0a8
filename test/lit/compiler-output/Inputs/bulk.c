// memcpy/memset/memmove with -mbulk-memory: constant-size and variable-size
// copies lower to memory.copy / memory.fill (LLVM 22 lowers the variable-size
// ones too when bulk-memory is on).
#include <stdio.h>
#include <string.h>

struct big {
  int a[64];
  char tag[32];
};

__attribute__((noinline)) void copy_big(struct big *d, const struct big *s) { *d = *s; }
__attribute__((noinline)) void fill(void *p, int c, size_t n) { memset(p, c, n); }
__attribute__((noinline)) void copy(void *d, const void *s, size_t n) { memcpy(d, s, n); }
__attribute__((noinline)) void move(void *d, const void *s, size_t n) { memmove(d, s, n); }

static unsigned char buf[4096];

int main(void) {
  struct big x, y;
  for (int i = 0; i < 64; ++i)
    x.a[i] = i * i;
  strcpy(x.tag, "bulk memory");
  copy_big(&y, &x);
  fill(buf, 0xab, sizeof buf);
  copy(buf + 100, "hello, bulk world", 17);
  move(buf + 104, buf + 100, 40);
  unsigned sum = 0;
  for (size_t i = 0; i < sizeof buf; ++i)
    sum = sum * 31 + buf[i];
  printf("%s %d %d %u\n", y.tag, y.a[10], y.a[63], sum);
  printf("%.21s\n", (const char *)buf + 100);
  return 0;
}
