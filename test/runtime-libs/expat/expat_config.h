/* expat_config.h for expat 2.5.0 on wasm32-wasi (wasi-libc), written by hand
   for stackcap's runtime tests in place of what configure/CMake would
   generate (see expat_config.h.cmake upstream). Only what lib/xmlparse.c,
   xmlrole.c and xmltok.c look at. */
#ifndef EXPAT_CONFIG_H
#define EXPAT_CONFIG_H 1

/* wasm32 is little-endian. */
#define BYTEORDER 1234

/* wasi-libc has arc4random_buf (stdlib.h; backed by WASI random_get): the
   hash salt comes from there, so expat needs no /dev/urandom and no
   XML_POOR_ENTROPY. The salt only seeds hash tables; output does not depend
   on it. */
#define HAVE_ARC4RANDOM_BUF 1

#define HAVE_FCNTL_H 1
#define HAVE_INTTYPES_H 1
#define HAVE_MEMORY_H 1
#define HAVE_STDINT_H 1
#define HAVE_STDLIB_H 1
#define HAVE_STRINGS_H 1
#define HAVE_STRING_H 1
#define HAVE_SYS_STAT_H 1
#define HAVE_SYS_TYPES_H 1
#define HAVE_UNISTD_H 1
#define STDC_HEADERS 1

#define PACKAGE "expat"
#define PACKAGE_NAME "expat"
#define PACKAGE_VERSION "2.5.0"

/* The defaults of upstream's build. */
#define XML_CONTEXT_BYTES 1024
#define XML_DTD 1
#define XML_NS 1

#endif
