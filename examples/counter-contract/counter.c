/*
 * counter-contract: a small freestanding WebAssembly "smart contract" for the
 * stackcap demo. Build it with (see ../README.md):
 *
 *   stackcap-clang --stack-limit=4096 -O2 -nostdlib -Wl,--no-entry \
 *       -o counter.wasm counter.c
 *
 * State lives in linear memory: a 16-slot open-addressing key/value table of
 * counters, and the recursion statistics of descend(). The host provides one
 * import, env.log(ptr, len), which receives UTF-8 text from linear memory.
 *
 * Exports:
 *   init()               clear the store
 *   increment(key)       add 1 to key's counter, return the new value
 *   get(key)             key's counter (0 if absent)
 *   keys()               number of keys stored
 *   total()              sum of all counters (walks the table)
 *   fib(n)               naive doubly recursive Fibonacci
 *   apply(op, a, b)      op 0..3 = add, sub, mul, max, through a table of
 *                        function pointers (call_indirect)
 *   descend(n)           recurse n levels; records the depth reached
 *   max_depth()          deepest level any descend() reached
 *   depth_addr()         address of that record in linear memory, so a host
 *                        can still read it after a trap
 */
typedef unsigned int u32;

#define EXPORT(name) __attribute__((export_name(name)))

/* The one host function. Calls to imports are not counted (spec section 2). */
__attribute__((import_module("env"), import_name("log")))
void host_log(const char *msg, u32 len);

/* ---- logging helpers (freestanding: no libc) ---------------------------- */

static char logbuf[96];

static u32 put_str(u32 at, const char *s) {
  while (*s && at < sizeof logbuf)
    logbuf[at++] = *s++;
  return at;
}

static u32 put_u32(u32 at, u32 v) {
  char digits[10];
  u32 n = 0;
  do {
    digits[n++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  while (n && at < sizeof logbuf)
    logbuf[at++] = digits[--n];
  return at;
}

static void log_kv(const char *what, u32 key, const char *sep, u32 value) {
  u32 at = put_str(0, what);
  at = put_u32(at, key);
  at = put_str(at, sep);
  at = put_u32(at, value);
  host_log(logbuf, at);
}

/* ---- the key/value store ------------------------------------------------ */

#define SLOTS 16u

struct slot {
  u32 used;
  u32 key;
  u32 value;
};

static struct slot table[SLOTS];
static u32 nkeys;

static struct slot *lookup(u32 key, int create) {
  u32 h = (key * 2654435761u) >> 28; /* Fibonacci hashing into 16 slots */
  for (u32 probe = 0; probe < SLOTS; ++probe) {
    struct slot *s = &table[(h + probe) % SLOTS];
    if (s->used && s->key == key)
      return s;
    if (!s->used) {
      if (!create)
        return 0;
      s->used = 1;
      s->key = key;
      s->value = 0;
      ++nkeys;
      return s;
    }
  }
  return 0; /* full */
}

EXPORT("init") void init(void) {
  for (u32 i = 0; i < SLOTS; ++i)
    table[i].used = 0;
  nkeys = 0;
  host_log("init: store cleared", 19);
}

EXPORT("increment") u32 increment(u32 key) {
  struct slot *s = lookup(key, 1);
  if (!s) {
    host_log("increment: store full", 21);
    return 0;
  }
  s->value += 1;
  log_kv("increment: key ", key, " -> ", s->value);
  return s->value;
}

EXPORT("get") u32 get(u32 key) {
  struct slot *s = lookup(key, 0);
  return s ? s->value : 0;
}

EXPORT("keys") u32 keys(void) { return nkeys; }

EXPORT("total") u32 total(void) {
  u32 sum = 0;
  for (u32 i = 0; i < SLOTS; ++i)
    if (table[i].used)
      sum += table[i].value;
  return sum;
}

/* ---- recursion ---------------------------------------------------------- */

EXPORT("fib") u32 fib(u32 n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

/*
 * descend(n): one frame per level. The depth is kept in linear memory through
 * volatile accesses that surround the recursive call, so the call is not a
 * tail call and clang cannot turn the recursion into a loop. descend makes no
 * other counted call, so every level costs exactly cost(descend.stackcap_body).
 */
static volatile u32 depth_now;
static volatile u32 depth_max;

EXPORT("descend") u32 descend(u32 n) {
  u32 d = depth_now + 1;
  depth_now = d;
  if (d > depth_max)
    depth_max = d;
  u32 r = n ? descend(n - 1) : 0;
  depth_now = d - 1;
  return r + 1;
}

EXPORT("max_depth") u32 max_depth(void) { return depth_max; }

EXPORT("depth_addr") u32 depth_addr(void) { return (u32)(unsigned long)&depth_max; }

/* ---- dispatch through a function table ---------------------------------- */

static u32 op_add(u32 a, u32 b) { return a + b; }
static u32 op_sub(u32 a, u32 b) { return a - b; }
static u32 op_mul(u32 a, u32 b) { return a * b; }
static u32 op_max(u32 a, u32 b) { return a > b ? a : b; }

typedef u32 (*binop)(u32, u32);
static binop ops[4] = {op_add, op_sub, op_mul, op_max};

EXPORT("apply") u32 apply(u32 op, u32 a, u32 b) {
  if (op >= 4) {
    log_kv("apply: bad op ", op, ", ops: ", 4);
    return 0;
  }
  return ops[op](a, b); /* call_indirect: the table holds thunks */
}
