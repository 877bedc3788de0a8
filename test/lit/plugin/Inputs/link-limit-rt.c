void __wasm_call_ctors(void);
int user_main(void);
static int twice(int x) { return 2 * x; }
int rt_helper(int x) { return twice(x) + 1; }
__attribute__((export_name("_start_like"))) int start_like(void) { __wasm_call_ctors(); return user_main(); }
