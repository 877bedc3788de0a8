// Function pointers and tables: every table entry must be a thunk.
typedef int (*op_fn)(int, int);
static int op_add(int a, int b) { return a + b; }
static int op_sub(int a, int b) { return a - b; }
int op_mul(int a, int b) { return a * b; }
__attribute__((noinline)) int op_xor(int a, int b) { return a ^ b; }

static const op_fn ops[] = {op_add, op_sub, op_mul, op_xor};

// Also called directly: the direct call still reaches the body, counted.
static __attribute__((noinline)) int apply(op_fn f, int a, int b) { return f(a, b) + op_xor(a, b); }

__attribute__((export_name("run"))) int run(int which, int a, int b) {
  return apply(ops[which & 3], a, b);
}

// A pointer handed to the host.
__attribute__((export_name("get_fn"))) op_fn get_fn(void) { return op_sub; }
