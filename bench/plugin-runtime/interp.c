/* interp: a small register-machine interpreter whose every opcode is a
 * separate, non-inlined handler called directly from the dispatch switch,
 * plus a "native" helper the bytecode calls: many small direct calls. */
#include "common.h"

enum { LOADI, ADD, SUB, MUL, MOD, SUBI, NATIVE, JNZ, HALT };

typedef struct { unsigned char op, a, b, c; int imm; } Insn;
typedef struct { int r[8]; } VM;

static NOINLINE void h_loadi(VM *vm, const Insn *i) { vm->r[i->a] = i->imm; }
static NOINLINE void h_add(VM *vm, const Insn *i) { vm->r[i->a] = vm->r[i->b] + vm->r[i->c]; }
static NOINLINE void h_sub(VM *vm, const Insn *i) { vm->r[i->a] = vm->r[i->b] - vm->r[i->c]; }
static NOINLINE void h_mul(VM *vm, const Insn *i) { vm->r[i->a] = vm->r[i->b] * vm->r[i->c]; }
static NOINLINE void h_mod(VM *vm, const Insn *i) {
  int d = vm->r[i->c];
  vm->r[i->a] = d ? (int)((unsigned)vm->r[i->b] % (unsigned)d) : 0;
}
static NOINLINE void h_subi(VM *vm, const Insn *i) { vm->r[i->a] = vm->r[i->b] - i->imm; }
static NOINLINE int native_hash(int x) { x ^= x >> 7; x *= 0x2545F491; return x ^ (x >> 11); }
static NOINLINE void h_native(VM *vm, const Insn *i) { vm->r[i->a] = native_hash(vm->r[i->b]); }

static NOINLINE int execute(VM *vm, const Insn *code) {
  int pc = 0;
  for (;;) {
    const Insn *i = &code[pc++];
    switch (i->op) {
    case LOADI: h_loadi(vm, i); break;
    case ADD: h_add(vm, i); break;
    case SUB: h_sub(vm, i); break;
    case MUL: h_mul(vm, i); break;
    case MOD: h_mod(vm, i); break;
    case SUBI: h_subi(vm, i); break;
    case NATIVE: h_native(vm, i); break;
    case JNZ: if (vm->r[i->a]) pc = i->imm; break;
    case HALT: return vm->r[i->a];
    }
  }
}

/* r0 = n; r1 = acc = 0; r2 = 1000003
 * loop: r3 = r0 * r0; r3 = r3 % r2; r4 = hash(r3); r1 = r1 + r4;
 *       r1 = r1 - r0; r0 = r0 - 1; jnz r0 loop; halt r1 */
static Insn program[] = {
    {LOADI, 1, 0, 0, 0},  {LOADI, 2, 0, 0, 1000003},
    {MUL, 3, 0, 0, 0},    {MOD, 3, 3, 2, 0},   {NATIVE, 4, 3, 0, 0},
    {ADD, 1, 1, 4, 0},    {SUB, 1, 1, 0, 0},   {SUBI, 0, 0, 0, 1},
    {JNZ, 0, 0, 0, 2},    {HALT, 1, 0, 0, 0},
};

EXPORT("run") int run(int n) {
  VM vm = {{0}};
  vm.r[0] = n;
  return execute(&vm, program);
}
