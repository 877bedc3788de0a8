/* jansson_config.h for jansson 2.14 on wasm32-wasi, written by hand from
   src/jansson_config.h.in (what configure would substitute). */
#ifndef JANSSON_CONFIG_H
#define JANSSON_CONFIG_H

#ifdef __cplusplus
#define JSON_INLINE inline
#else
#define JSON_INLINE inline
#endif

/* wasi-libc has long long and strtoll. */
#define JSON_INTEGER_IS_LONG_LONG 1

/* wasi-libc has locale.h and localeconv() (the "C" locale only). */
#define JSON_HAVE_LOCALECONV 1

/* clang's __atomic builtins (single-threaded wasm32: plain loads/stores). */
#define JSON_HAVE_ATOMIC_BUILTINS 1
#define JSON_HAVE_SYNC_BUILTINS 1

#define JSON_PARSER_MAX_DEPTH 2048

#endif
