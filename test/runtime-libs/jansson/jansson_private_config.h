/* jansson_private_config.h for jansson 2.14 on wasm32-wasi, written by hand
   (configure's config.h; used because we compile with -DHAVE_CONFIG_H).
   USE_URANDOM (upstream's default) is left out: WASI has no /dev/urandom
   unless a directory holding one is preopened, so hashtable_seed.c mixes the
   time into the seed instead; the test driver calls json_object_seed()
   itself anyway, so the seed is fixed. (Leaving it out also keeps open()
   out of the link; hosted open() is covered by test/lit/runtime/fileio.test.) */
#define HAVE_STDINT_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_UNISTD_H 1
#define HAVE_FCNTL_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TIME_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_LOCALE_H 1
#define HAVE_LOCALECONV 1
#define HAVE_GETTIMEOFDAY 1
#define HAVE_OPEN 1
#define HAVE_READ 1
#define HAVE_CLOSE 1
#define HAVE_ATOMIC_BUILTINS 1
#define HAVE_SYNC_BUILTINS 1
/* No getpid in WASI; no threads, so no sched_yield either. */
