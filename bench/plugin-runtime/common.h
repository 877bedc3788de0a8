/* Shared by the freestanding runtime benchmarks of bench/plugin-bench.sh.
 * Built with clang-22 --target=wasm32 -O2 -nostdlib -Wl,--no-entry: no libc,
 * no imports; each module exports run(arg) -> checksum, so the runner can
 * check that the plain and the instrumented builds compute the same thing. */
#ifndef PLUGIN_RUNTIME_COMMON_H
#define PLUGIN_RUNTIME_COMMON_H
#define EXPORT(name) __attribute__((export_name(name)))
#define NOINLINE __attribute__((noinline))
#endif
