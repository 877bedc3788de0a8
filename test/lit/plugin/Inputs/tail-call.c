// musttail under -mtail-call: return_call, outside profile compat.
int odd(int n);
static __attribute__((noinline)) int even(int n) {
  if (n == 0)
    return 1;
  __attribute__((musttail)) return odd(n - 1);
}
__attribute__((export_name("odd"))) int odd(int n) {
  if (n == 0)
    return 0;
  __attribute__((musttail)) return even(n - 1);
}
