/* bintree: binary-trees without an allocator. Trees are built by recursion
 * into a static node pool (reset for every tree) and then walked by
 * recursion to count their nodes, as in the Benchmarks Game program. */
#include "common.h"

#define MAX_DEPTH 16
#define POOL (1 << (MAX_DEPTH + 1))

static int left_[POOL], right_[POOL];
static int next_;

static NOINLINE int make(int depth) {
  int i = next_++;
  if (depth > 0) {
    left_[i] = make(depth - 1);
    right_[i] = make(depth - 1);
  } else {
    left_[i] = right_[i] = -1;
  }
  return i;
}

static NOINLINE int check(int i) {
  return left_[i] < 0 ? 1 : 1 + check(left_[i]) + check(right_[i]);
}

/* run(max_depth): trees of depth 4, 6, .. max_depth, many of the small ones. */
EXPORT("run") int run(int max_depth) {
  if (max_depth > MAX_DEPTH)
    max_depth = MAX_DEPTH;
  int sum = 0;
  for (int d = 4; d <= max_depth; d += 2) {
    int iterations = 1 << (max_depth - d + 4);
    for (int k = 0; k < iterations; ++k) {
      next_ = 0;
      sum += check(make(d));
    }
  }
  return sum;
}
