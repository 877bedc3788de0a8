// A variable-length array: the linear-memory frame has no static bound.
__attribute__((noinline)) int fill(volatile char *p, int n) {
  for (int i = 0; i < n; i++)
    p[i] = (char)i;
  return p[n / 2];
}
__attribute__((export_name("vla"))) int vla(int n) {
  char buf[n];
  return fill(buf, n);
}
