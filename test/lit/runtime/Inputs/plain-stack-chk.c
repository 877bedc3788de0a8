// Linked into the PLAIN (uninstrumented) comparison builds only.
// Debian's prebuilt libclang_rt.builtins-wasm32.a for clang-22 was compiled
// with -fstack-protector: some members (modti3.c.obj, umodti3.c.obj, ...)
// reference __stack_chk_guard and __stack_chk_fail, which Debian's wasi-libc
// (2022) does not define, so a plain link that needs __modti3 fails with
// "undefined symbol: __stack_chk_guard". These two definitions are what
// glibc/musl would provide.
#include <stdlib.h>
unsigned long __stack_chk_guard = 0x5a17c0deUL;
void __stack_chk_fail(void) { abort(); }
