/* stackcap: <wasi/api.h> for freestanding wasm32 (docs/wrappers.md).
 *
 * libc++'s headers include C headers of the instrumented WASI runtime
 * (wasi-libc), and some of those take constants and types (errno values,
 * clock flags) from <wasi/api.h>, which refuses to be included outside a
 * WASI target. Freestanding contracts get the declarations, and no more:
 * no WASI function is linked unless a contract calls one itself, and then
 * the module imports it by name, where a host without WASI rejects it. */
#ifndef __wasi__
#define __wasi__ 1
#define STACKCAP_FREESTANDING_WASI_SHIM 1
#endif
#include_next <wasi/api.h>
#ifdef STACKCAP_FREESTANDING_WASI_SHIM
#undef __wasi__
#undef STACKCAP_FREESTANDING_WASI_SHIM
#endif
