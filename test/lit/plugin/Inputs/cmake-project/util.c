volatile int util_sink;
__attribute__((noinline)) int util_mix(int a, int b) { util_sink = a; return a * 31 + b; }
