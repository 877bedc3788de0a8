// An empty-looking asm statement in an exported function.
__attribute__((export_name("f"))) int f(int x) {
  __asm__ volatile("nop");
  return x + 1;
}
