//===- compiler.h - Compiler attributes the verifier uses -------*- C++ -*-===//
//
// Part of stackcap. Each expands to nothing where the compiler lacks it.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_COMPILER_H
#define STACKCAP_COMPILER_H

#if defined(__GNUC__)
/// A printf-style function: argument \p Fmt is the format, the variable
/// arguments start at \p Args (0 for a va_list). The compiler then checks
/// every call's arguments against its format.
#define STACKCAP_PRINTF(Fmt, Args) __attribute__((format(printf, Fmt, Args)))
/// Inlined wherever it is called (hot paths).
#define STACKCAP_ALWAYS_INLINE inline __attribute__((always_inline))
/// Rarely called (error paths): kept out of line, away from the hot code.
#define STACKCAP_COLD __attribute__((cold, noinline))
#else
#define STACKCAP_PRINTF(Fmt, Args)
#define STACKCAP_ALWAYS_INLINE inline
#define STACKCAP_COLD
#endif

#endif
