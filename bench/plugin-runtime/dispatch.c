/* dispatch: a loop calling small functions through a table of function
 * pointers (call_indirect; with stackcap, every table entry is a thunk). */
#include "common.h"

typedef unsigned (*op_fn)(unsigned, unsigned);

static unsigned op_add(unsigned a, unsigned b) { return a + b; }
static unsigned op_sub(unsigned a, unsigned b) { return a - b; }
static unsigned op_xor(unsigned a, unsigned b) { return a ^ b; }
static unsigned op_mul(unsigned a, unsigned b) { return a * (b | 1); }
static unsigned op_rotl(unsigned a, unsigned b) { b &= 31; return (a << b) | (a >> ((32 - b) & 31)); }
static unsigned op_min(unsigned a, unsigned b) { return a < b ? a : b + 7; }
static unsigned op_shr(unsigned a, unsigned b) { return (a >> (b & 7)) + b; }
static unsigned op_mix(unsigned a, unsigned b) { a ^= b; a *= 0x9e3779b1u; return a ^ (a >> 15); }

/* Not const: the optimizer must not see through the table. */
op_fn ops[8] = {op_add, op_sub, op_xor, op_mul, op_rotl, op_min, op_shr, op_mix};

EXPORT("run") unsigned run(int n) {
  unsigned acc = 1, x = 12345;
  for (int i = 0; i < n; ++i) {
    x = x * 1103515245u + 12345u;
    acc = ops[(x >> 16) & 7](acc, x);
  }
  return acc;
}
