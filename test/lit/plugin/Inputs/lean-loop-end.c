// At -O0 the backend ends find with `loop (result i32) ... br 0 end`: the
// loop never falls out, but validation types the code after it, the
// function's final end, as reachable, so profile lean's rule 3 wants a
// release before that end too.
int find(const int *p) {
  for (;;) {
    if (*p)
      return *p;
    p++;
  }
}

int first_nonzero(void) {
  static const int data[] = {0, 0, 7, 1};
  return find(data);
}
