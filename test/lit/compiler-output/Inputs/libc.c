// Plain C against wasi-libc: printf, malloc/realloc/free, qsort with a
// comparator and other calls through function pointers (call_indirect through
// table thunks), string functions, recursion and a small state machine.
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

struct rec {
  char name[16];
  int score;
};

static int by_score_then_name(const void *a, const void *b) {
  const struct rec *x = a, *y = b;
  if (x->score != y->score)
    return x->score < y->score ? 1 : -1;
  return strcmp(x->name, y->name);
}

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}

typedef long (*binop)(long, long);
static long op_add(long a, long b) { return a + b; }
static long op_sub(long a, long b) { return a - b; }
static long op_mul(long a, long b) { return a * b; }
static long op_mod(long a, long b) { return b ? a % b : 0; }
static binop ops[] = {op_add, op_sub, op_mul, op_mod};

static unsigned fib(unsigned n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

static unsigned lcg_state = 12345;
static unsigned lcg(void) {
  lcg_state = lcg_state * 1103515245u + 12345u;
  return (lcg_state >> 16) & 0x7fff;
}

// Tiny RPN evaluator: exercises branches, a table of function pointers and
// malloc'd growable stacks.
static long rpn(const char *s) {
  size_t cap = 2, n = 0;
  long *st = malloc(cap * sizeof *st);
  for (const char *p = s; *p; ++p) {
    if (*p == ' ')
      continue;
    if (*p >= '0' && *p <= '9') {
      long v = strtol(p, (char **)&p, 10);
      --p;
      if (n == cap)
        st = realloc(st, (cap *= 2) * sizeof *st);
      st[n++] = v;
    } else {
      const char *k = strchr("+-*%", *p);
      if (!k || n < 2)
        abort();
      long b = st[--n], a = st[--n];
      st[n++] = ops[k - "+-*%"](a, b);
    }
  }
  long r = n ? st[n - 1] : 0;
  free(st);
  return r;
}

int main(int argc, char **argv) {
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; ++i)
    printf("argv[%d]=%s (%zu chars)\n", i, argv[i], strlen(argv[i]));

  struct rec people[] = {{"mallory", 7}, {"alice", 9}, {"bob", 7}, {"trent", 3},
                         {"carol", 9},   {"dave", 1},  {"eve", 7}};
  size_t np = sizeof people / sizeof people[0];
  qsort(people, np, sizeof people[0], by_score_then_name);
  for (size_t i = 0; i < np; ++i)
    printf("%zu. %-8s %2d\n", i + 1, people[i].name, people[i].score);

  size_t n = 1000;
  int *v = malloc(n * sizeof *v);
  for (size_t i = 0; i < n; ++i)
    v[i] = (int)(lcg() % 5000) - 2500;
  qsort(v, n, sizeof *v, cmp_int);
  long sum = 0;
  for (size_t i = 0; i < n; ++i)
    sum += v[i];
  int *hit = bsearch(&v[500], v, n, sizeof *v, cmp_int);
  printf("sorted: min=%d median=%d max=%d sum=%ld found=%d\n", v[0], v[n / 2], v[n - 1], sum,
         hit ? *hit : -1);
  free(v);

  printf("fib(20)=%u\n", fib(20));
  printf("rpn=%ld %ld\n", rpn("3 4 + 5 *"), rpn("100 7 % 6 2 * -"));

  char buf[64];
  snprintf(buf, sizeof buf, "%.3f|%e|%g|%x|%o", 3.14159265, 6.02e23, 1.0 / 3, 48879, 8);
  printf("fmt=%s\n", buf);
  char *dup = strdup("stack limits");
  for (char *p = dup; *p; ++p)
    if (*p >= 'a' && *p <= 'z')
      *p -= 'a' - 'A';
  printf("upper=%s\n", dup);
  free(dup);
  return argc > 1 && !strcmp(argv[1], "fail") ? 7 : 0;
}
