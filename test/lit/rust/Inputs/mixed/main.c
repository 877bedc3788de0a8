/* The C half of mixed-c-rust.test: exports that call Rust (rustlib.rs), and
   functions Rust calls back (c_weight, c_descend). */
#include <stdint.h>

int32_t rust_weighted(int32_t n);
uint64_t rust_fact(uint32_t n);
int64_t rust_wide(int64_t a, int64_t b);
int32_t rust_descend(int32_t n);

volatile int32_t c_sink;

int32_t c_weight(int32_t x) { return x * 3 + 1; }

/* The C half of the recursion, exported as "descend": C -> Rust -> C -> ... */
__attribute__((export_name("descend"))) int32_t c_descend(int32_t n) {
  if (n <= 0) return 0;
  int32_t r = rust_descend(n - 1);
  c_sink = r;
  return r + 1;
}

__attribute__((export_name("weighted"))) int32_t weighted(int32_t n) { return rust_weighted(n) + 1000; }
__attribute__((export_name("fact"))) int64_t fact(int32_t n) { return (int64_t)rust_fact((uint32_t)n); }
__attribute__((export_name("wide"))) int64_t wide(int64_t a, int64_t b) {
  /* C's own 128-bit arithmetic too (__multi3, __divti3): compiler_builtins in
     librust.a and the instrumented libclang_rt.builtins both define them; the
     first archive that does wins, as usual, and both are instrumented. */
  __int128 p = (__int128)a * b;
  __int128 q = p / ((__int128)b | 3);
  return rust_wide(a, b) ^ (int64_t)(p >> 64) ^ (int64_t)q;
}
