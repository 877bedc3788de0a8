// Mutual recursion through guaranteed tail calls (return_call with -mtail-call).
#include <stdio.h>

__attribute__((noinline)) int even(int n);
__attribute__((noinline)) int odd(int n) {
  if (n == 0)
    return 0;
  __attribute__((musttail)) return even(n - 1);
}
__attribute__((noinline)) int even(int n) {
  if (n == 0)
    return 1;
  __attribute__((musttail)) return odd(n - 1);
}

int main(void) {
  printf("%d\n", even(100001));
  return 0;
}
