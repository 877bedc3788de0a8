// Module-level assembly defining a function the plugin cannot see.
__asm__(".globl asm_fn\n"
        ".type asm_fn,@function\n"
        "asm_fn:\n"
        ".functype asm_fn () -> ()\n"
        "end_function\n");
__attribute__((export_name("f"))) int f(int x) { return x + 1; }
