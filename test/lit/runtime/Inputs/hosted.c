// Hosted C against wasi-libc: stdio, malloc, qsort (comparators through the
// table), strtod, snprintf, string.h, libm, __int128 (compiler-rt), argv and
// the environment, atexit, exit codes.
//   hosted [ARGS...]          prints a report, exit status 0
//   hosted exit N             exit(N) from a nested call after some output
//   hosted return N           main returns N
//   hosted abort              abort(): a trap
#include <errno.h>
#include <math.h>
#include <stdint.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

extern char **environ;

static int cmp_int(const void *a, const void *b) {
  int x = *(const int *)a, y = *(const int *)b;
  return (x > y) - (x < y);
}
static int cmp_str_desc(const void *a, const void *b) {
  return -strcmp(*(char *const *)a, *(char *const *)b);
}
static int cmp_double(const void *a, const void *b) {
  double x = *(const double *)a, y = *(const double *)b;
  return (x > y) - (x < y);
}

// __int128 to decimal without printf (which has no 128-bit conversion).
static void put_i128(const char *label, __int128 v) {
  char buf[64], *p = buf + sizeof buf;
  unsigned __int128 u = v < 0 ? -(unsigned __int128)v : (unsigned __int128)v;
  *--p = 0;
  do {
    *--p = (char)('0' + (int)(u % 10));
    u /= 10;
  } while (u);
  if (v < 0) *--p = '-';
  printf("%s=%s\n", label, p);
}

static void at_exit_1(void) { puts("atexit: first registered, last run"); }
static void at_exit_2(void) { fputs("atexit: second registered, first run\n", stdout); }

__attribute__((noinline)) static void leave(int code) {
  printf("leaving with %d\n", code);
  exit(code);
}

static unsigned lcg = 12345;
static int next_rand(void) {
  lcg = lcg * 1103515245u + 12345u;
  return (int)((lcg >> 8) % 20001) - 10000;
}

int main(int argc, char **argv) {
  atexit(at_exit_1);
  atexit(at_exit_2);
  if (argc >= 3 && !strcmp(argv[1], "exit")) leave(atoi(argv[2]));
  if (argc >= 3 && !strcmp(argv[1], "return")) {
    printf("returning %s\n", argv[2]);
    return atoi(argv[2]);
  }
  if (argc >= 2 && !strcmp(argv[1], "abort")) {
    puts("aborting");
    fflush(stdout);
    abort();
  }

  // argv and the environment.
  printf("argc=%d\n", argc);
  for (int i = 1; i < argc; i++) printf("argv[%d]=\"%s\" len=%zu\n", i, argv[i], strlen(argv[i]));
  const char *v = getenv("STACKCAP_GREETING");
  printf("getenv=%s\n", v ? v : "(unset)");
  printf("getenv(missing)=%s\n", getenv("STACKCAP_MISSING") ? "set" : "(unset)");
  int nenv = 0;
  for (char **e = environ; *e; e++)
    if (!strncmp(*e, "STACKCAP_", 9)) nenv++;
  printf("environ STACKCAP_*=%d\n", nenv);

  // stdio.
  puts("puts: hello");
  fwrite("fwrite: stdout\n", 1, 15, stdout);
  fwrite("fwrite: stderr\n", 1, 15, stderr);
  fprintf(stderr, "fprintf stderr %d %s\n", 42, "ok");
  printf("ints: %d %u %ld %lld %x %o %05d %-5d| %+d %c\n", -7, 4000000000u, -123456789L,
         -9007199254740993LL, 0xbeef, 8, 42, 42, 3, 'z');
  printf("floats: %f %.3f %e %g %g %g %a\n", 3.14159265358979, 2.0 / 3, 6.02214076e23, 1e-5,
         123456789.0, 0.1, 1.0);
  printf("float extremes: %g %g %g %.17g %.0f\n", HUGE_VAL, -HUGE_VAL, 5e-324, 0.1, 1e22);
  printf("strings: [%10s] [%-10s] [%.3s] %%\n", "right", "left", "truncate");

  // snprintf into small buffers, return value is the full length.
  char small[8];
  int n = snprintf(small, sizeof small, "%s-%d", "truncated", 12345);
  printf("snprintf=%d \"%s\"\n", n, small);

  // malloc, realloc, free.
  size_t cap = 4, len = 0;
  int *arr = malloc(cap * sizeof *arr);
  for (int i = 0; i < 3000; i++) {
    if (len == cap) {
      cap *= 2;
      arr = realloc(arr, cap * sizeof *arr);
    }
    arr[len++] = next_rand();
  }
  char *blocks[64];
  for (int i = 0; i < 64; i++) {
    blocks[i] = malloc(17 + i * 31);
    memset(blocks[i], 'a' + i % 26, 17 + i * 31);
  }
  long check = 0;
  for (int i = 0; i < 64; i += 2) {
    check += blocks[i][i * 31];
    free(blocks[i]);
  }
  for (int i = 1; i < 64; i += 2) free(blocks[i]);
  printf("malloc: cap=%zu check=%ld calloc0=%d\n", cap, check, ((int *)calloc(100, 4))[99]);

  // qsort and bsearch with comparators (function pointers through the table).
  qsort(arr, len, sizeof *arr, cmp_int);
  long sum = 0;
  for (size_t i = 0; i < len; i++) sum += arr[i];
  int key = arr[1234];
  int *found = bsearch(&key, arr, len, sizeof *arr, cmp_int);
  printf("qsort: min=%d max=%d median=%d sum=%ld found=%d\n", arr[0], arr[len - 1], arr[len / 2],
         sum, found ? *found : -1);
  free(arr);
  const char *words[] = {"pear", "apple", "fig", "banana", "cherry", "date"};
  qsort(words, 6, sizeof words[0], cmp_str_desc);
  printf("words:");
  for (int i = 0; i < 6; i++) printf(" %s", words[i]);
  printf("\n");

  // strtod and friends.
  const char *nums = "3.25 -1e10 0x1.8p3 inf 1e-320 42abc";
  char *end = (char *)nums;
  double ds[8];
  int nd = 0;
  for (;;) {
    char *next;
    double d = strtod(end, &next);
    if (next == end) break;
    ds[nd++] = d;
    end = next;
  }
  printf("strtod: n=%d rest=\"%s\"", nd, end);
  for (int i = 0; i < nd; i++) printf(" %.10g", ds[i]);
  printf("\n");
  qsort(ds, nd, sizeof ds[0], cmp_double);
  printf("sorted doubles: %g .. %g\n", ds[0], ds[nd - 1]);
  errno = 0;
  long l = strtol("-0x7fffffff", NULL, 16);
  unsigned long long ull = strtoull("18446744073709551615", NULL, 10);
  printf("strtol=%ld strtoull=%llu atoi=%d errno=%d\n", l, ull, atoi("  -77x"), errno);

  // string.h.
  char buf[64];
  strcpy(buf, "stack");
  strcat(buf, " limits ");
  strncat(buf, "everywhere!!!", 10);
  memmove(buf + 2, buf, 6);
  printf("string: \"%s\" len=%zu chr=%s rchr=%s str=%s cmp=%d ncmp=%d spn=%zu\n", buf,
         strlen(buf), strchr(buf, 'm'), strrchr(buf, 'e'), strstr(buf, "mit"),
         strcmp("abc", "abd") < 0, strncmp("abcx", "abcy", 3), strspn("aabbcx", "abc"));
  char tok[] = "a,b;;c,d";
  printf("strtok:");
  for (char *t = strtok(tok, ",;"); t; t = strtok(NULL, ",;")) printf(" %s", t);
  printf("\n");
  printf("strdup=%s memcmp=%d\n", strdup("copy"), memcmp("ab", "ab", 2));

  // libm.
  printf("math: %.15g %.15g %.15g %.15g %.15g %.15g\n", sin(1.0), cos(2.0), exp(1.5), log(10.0),
         pow(2.0, 0.5), atan2(1.0, -1.0));
  printf("math2: %.15g %.15g %.15g %g %g %.9g\n", sqrt(2.0), fmod(10.5, 3.0), cbrt(27.0),
         floor(-2.5), ceil(-2.5), (double)sinf(0.5f));

  // __int128 (compiler-rt's __multi3, __divti3, __modti3, __udivti3).
  volatile __int128 a = (__int128)0x0123456789abcdefLL * 1000000007;
  volatile __int128 b = -(__int128)987654321;
  put_i128("i128 a", a);
  put_i128("i128 a*b", a * b);
  put_i128("i128 a*b/a+7", a * b / (a + 7));
  put_i128("i128 (a*b)%12345678901", (a * b) % 12345678901LL);
  volatile unsigned __int128 u = ~(unsigned __int128)0;
  put_i128("u128 max/3", (__int128)(u / 3));
  put_i128("u128 max%1000000007", (__int128)(u % 1000000007u));
  // 64-bit division helpers are native in wasm; double <-> i128 are not.
  volatile double big = 1.5e30;
  put_i128("(i128)1.5e30", (__int128)big);
  printf("(double)a*b=%.6e\n", (double)(a * b));
  return 0;
}
