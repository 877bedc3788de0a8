/* sieve: a control with no calls in its hot loop (Eratosthenes), so its
 * overhead should be ~0: it shows the noise floor of the measurement. */
#include "common.h"

#define N (1 << 20)
static unsigned char composite[N];

EXPORT("run") int run(int n) {
  if (n > N)
    n = N;
  for (int i = 0; i < n; ++i)
    composite[i] = 0;
  int count = 0;
  for (int i = 2; i < n; ++i) {
    if (composite[i])
      continue;
    ++count;
    for (int j = 2 * i; j < n; j += i)
      composite[j] = 1;
  }
  return count;
}
