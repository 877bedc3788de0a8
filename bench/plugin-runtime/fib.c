/* fib: naive doubly recursive Fibonacci; run(30) makes ~2.7 million calls. */
#include "common.h"

static NOINLINE int fib(int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); }

EXPORT("run") int run(int n) { return fib(n); }
