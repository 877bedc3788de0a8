// long double (IEEE binary128 on wasm32, software arithmetic in compiler-rt:
// __addtf3, __multf3, __divtf3, __extenddftf2, __trunctfdf2, __floatsitf,
// __fixtfsi, __lttf2 ...) and its printf/strtold support, which wasi-libc
// keeps in libc-printscan-long-double.a (link with -lc-printscan-long-double).
#include <float.h>
#include <math.h>
#include <stdio.h>
#include <stdlib.h>

int main(int argc, char **argv) {
  volatile long double third = 1.0L / 3;
  long double sum = 0;
  for (int i = 1; i <= 100; i++) sum += (long double)1 / ((long double)i * i);
  printf("%%Lf: %Lf %.25Lf\n", third, sum);
  printf("%%Lg: %Lg %Lg %.30Lg\n", third * 3e100L, (long double)argc / 7, sqrtl(2.0L));
  printf("%%Le: %.33Le\n", (long double)3.14159265358979323846264338327950288L);
  printf("LDBL_DIG=%d LDBL_MANT_DIG=%d max=%Lg eps=%Lg\n", LDBL_DIG, LDBL_MANT_DIG, LDBL_MAX,
         LDBL_EPSILON);
  char *end;
  long double parsed = strtold("2.718281828459045235360287471352662497757e0xyz", &end);
  printf("strtold: %.36Lg rest=%s\n", parsed, end);
  double back = (double)(parsed * third);
  printf("to double: %.17g, int: %d, less: %d\n", back, (int)(parsed * 1000), third < 0.34L);
  printf("plain %%f still: %f %g\n", 2.5, 1e-7);
  (void)argv;
  return 0;
}
