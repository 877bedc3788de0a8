int util_mix(int a, int b);
__attribute__((import_module("env"), import_name("host_value"))) int host_value(void);
static int seed;
__attribute__((constructor)) static void init(void) { seed = host_value() + 3; }
static __attribute__((noinline)) int step(int x) { return util_mix(x, seed) ^ 0x55; }
__attribute__((export_name("call"))) int call(int n) {
  int acc = 0;
  for (int i = 0; i < n; ++i)
    acc += step(i + acc);
  return acc;
}
