// Sign-extension (i32.extend8_s, i64.extend32_s, ...) and non-trapping
// float-to-int conversion (i32.trunc_sat_f64_s, ...), both on by default for
// LLVM 22's generic wasm CPU.
#include <stdint.h>
#include <stdio.h>

__attribute__((noinline)) int32_t sx8(int32_t x) { return (int8_t)x; }
__attribute__((noinline)) int32_t sx16(int32_t x) { return (int16_t)x; }
__attribute__((noinline)) int64_t sx32(int64_t x) { return (int32_t)x; }
__attribute__((noinline)) int64_t sx8_64(int64_t x) { return (int8_t)x; }
__attribute__((noinline)) int32_t f2i(double d) { return (int32_t)d; }
__attribute__((noinline)) uint32_t f2u(float f) { return (uint32_t)f; }
__attribute__((noinline)) int64_t d2l(double d) { return (int64_t)d; }
__attribute__((noinline)) uint64_t f2ul(float f) { return (uint64_t)f; }

int main(void) {
  int32_t xs[] = {0x7f, 0x80, 0xff, 0x1234, 0x8765, -1};
  for (int i = 0; i < 6; ++i)
    printf("%#x: %d %d %lld %lld\n", (unsigned)xs[i], sx8(xs[i]), sx16(xs[i]),
           (long long)sx32(0x100000000LL + xs[i]), (long long)sx8_64(xs[i]));
  double ds[] = {0.0, -1.5, 2.99, 123456.78, -2147483648.0, 1e9};
  for (int i = 0; i < 6; ++i)
    printf("%g: %d %u %lld %llu\n", ds[i], f2i(ds[i]), f2u((float)(ds[i] < 0 ? -ds[i] : ds[i])),
           (long long)d2l(ds[i] * 1000), (unsigned long long)f2ul((float)(ds[i] < 0 ? 0 : ds[i])));
  return 0;
}
