// Constructors: wasm-ld calls them from the __wasm_call_ctors it generates.
// They call an import, so that clang cannot evaluate them at compile time.
__attribute__((import_module("env"), import_name("host_value"))) int host_value(void);
int initialized = 1;
static __attribute__((noinline)) int compute(void) { return host_value() * 2 + 5; }
__attribute__((constructor)) static void init_static(void) { initialized += compute(); }
__attribute__((constructor(200))) void init_ext(void) { initialized += host_value() + 100; }
__attribute__((export_name("get"))) int get(void) { return initialized; }
