// SIMD with wasm_simd128.h intrinsics (-msimd128): v128 loads/stores,
// lane-wise arithmetic, shuffles, lane extraction, bitmask, and v128 values
// passed to and returned from functions.
#include <stdint.h>
#include <stdio.h>
#include <wasm_simd128.h>

__attribute__((noinline)) v128_t madd(v128_t a, v128_t b, v128_t c) {
  return wasm_i32x4_add(wasm_i32x4_mul(a, b), c);
}

__attribute__((noinline)) int32_t dot(const int32_t *a, const int32_t *b, int n) {
  v128_t acc = wasm_i32x4_splat(0);
  int i = 0;
  for (; i + 4 <= n; i += 4)
    acc = madd(wasm_v128_load(a + i), wasm_v128_load(b + i), acc);
  int32_t s = wasm_i32x4_extract_lane(acc, 0) + wasm_i32x4_extract_lane(acc, 1) +
              wasm_i32x4_extract_lane(acc, 2) + wasm_i32x4_extract_lane(acc, 3);
  for (; i < n; ++i)
    s += a[i] * b[i];
  return s;
}

__attribute__((noinline)) v128_t reverse_bytes(v128_t v) {
  return wasm_i8x16_shuffle(v, v, 15, 14, 13, 12, 11, 10, 9, 8, 7, 6, 5, 4, 3, 2, 1, 0);
}

__attribute__((noinline)) float hsum(const float *v, int n) {
  v128_t acc = wasm_f32x4_splat(0.0f);
  for (int i = 0; i + 4 <= n; i += 4)
    acc = wasm_f32x4_add(acc, wasm_f32x4_sqrt(wasm_v128_load(v + i)));
  return wasm_f32x4_extract_lane(acc, 0) + wasm_f32x4_extract_lane(acc, 1) +
         wasm_f32x4_extract_lane(acc, 2) + wasm_f32x4_extract_lane(acc, 3);
}

int main(void) {
  int32_t a[19], b[19];
  float f[16];
  for (int i = 0; i < 19; ++i) {
    a[i] = i - 5;
    b[i] = 3 * i + 1;
  }
  for (int i = 0; i < 16; ++i)
    f[i] = (float)(i * i);
  printf("dot=%d hsum=%.1f\n", dot(a, b, 19), hsum(f, 16));
  uint8_t bytes[16];
  for (int i = 0; i < 16; ++i)
    bytes[i] = (uint8_t)(i * 17);
  v128_t r = reverse_bytes(wasm_v128_load(bytes));
  wasm_v128_store(bytes, r);
  for (int i = 0; i < 16; ++i)
    printf("%02x", bytes[i]);
  v128_t m = wasm_i8x16_gt(r, wasm_i8x16_splat(0));
  printf(" mask=%#x any=%d all=%d\n", wasm_i8x16_bitmask(m), wasm_v128_any_true(m),
         wasm_i8x16_all_true(m));
  return 0;
}
