__attribute__((import_module("env"), import_name("v"))) int v(void);
int rt_helper(int);
int g;
__attribute__((constructor)) static void init(void) { g = v(); }
int user_main(void) { return rt_helper(g); }
