__attribute__((weak)) void hook(void);
__attribute__((export_name("run"))) int run(void) { if (hook) { hook(); return 1; } return 0; }
