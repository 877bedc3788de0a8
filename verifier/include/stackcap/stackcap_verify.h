/*===- stackcap_verify.h - C API of the stackcap verifier --------*- C -*-===*\
|*                                                                            *|
|* Part of stackcap. A plain C interface for chain nodes written in Rust, Go *|
|* or C. No function throws, aborts or keeps global state; every function is *|
|* safe to call from several threads on different reports.                   *|
|*                                                                            *|
\*===----------------------------------------------------------------------===*/
#ifndef STACKCAP_VERIFY_C_H
#define STACKCAP_VERIFY_C_H

#include <stddef.h>
#include <stdint.h>

/* The functions of the C API are the only symbols libstackcap_verify.so
 * exports (the library is built with -fvisibility=hidden). */
#ifndef STACKCAP_API
#if defined(__GNUC__) || defined(__clang__)
#define STACKCAP_API __attribute__((visibility("default")))
#else
#define STACKCAP_API
#endif
#endif

/* The version of this interface: 1 was stackcap 0.1.0's first C API; 2 adds
 * stackcap_api_version, the profile and rule queries and the function names
 * of violations. Additions keep every earlier function and its meaning, so
 * a program built against interface N runs with any library whose
 * stackcap_api_version() is N or more. */
#define STACKCAP_VERIFY_API_VERSION 2

#ifdef __cplusplus
extern "C" {
#endif

/* Results, equal to the exit codes of stackcap-verify. */
#define STACKCAP_VERIFIED 0   /* correctly instrumented */
#define STACKCAP_VIOLATIONS 1 /* decodes, but instrumentation is wrong */
#define STACKCAP_MALFORMED 2  /* malformed, or outside what stackcap supports */
#define STACKCAP_ERROR 3      /* bad arguments or out of memory */

typedef struct stackcap_report stackcap_report;

/* Verifies `len` bytes at `bytes`. With `limit` non-NULL every sequence must
 * check *limit; with NULL the limit is read from the module (and must be the
 * same everywhere). When `report` is non-NULL it receives a report to inspect
 * and free with stackcap_report_free (also on failure, except STACKCAP_ERROR,
 * where it is set to NULL). */
STACKCAP_API int stackcap_verify(const uint8_t *bytes, size_t len, const uint32_t *limit,
                    stackcap_report **report);

/* The result stackcap_verify returned. */
STACKCAP_API int stackcap_report_status(const stackcap_report *r);
/* For STACKCAP_MALFORMED: the reason and its byte offset in the module. */
STACKCAP_API const char *stackcap_report_error(const stackcap_report *r);
STACKCAP_API uint32_t stackcap_report_error_offset(const stackcap_report *r);
/* The counter global's index; 0 when it returns 0 through has_counter. */
STACKCAP_API int stackcap_report_has_counter(const stackcap_report *r);
STACKCAP_API uint32_t stackcap_report_counter_global(const stackcap_report *r);
STACKCAP_API uint32_t stackcap_report_limit(const stackcap_report *r);
STACKCAP_API uint64_t stackcap_report_instrumented_calls(const stackcap_report *r);
STACKCAP_API uint32_t stackcap_report_thunks(const stackcap_report *r);
/* All violations found; the first ones are kept in full. */
STACKCAP_API uint64_t stackcap_report_violation_count(const stackcap_report *r);
STACKCAP_API size_t stackcap_report_violations_kept(const stackcap_report *r);
/* Violation i (i < violations_kept): the rule number of spec section 3, the
 * function index (UINT32_MAX for module-level ones), the byte offset in the
 * module and a message owned by the report. Returns 0 when i is out of range. */
STACKCAP_API int stackcap_report_violation(const stackcap_report *r, size_t i, uint32_t *rule,
                              uint32_t *func, uint32_t *offset, const char **message);
/* cost(f) of defined function `func` (an index in the function index space,
 * imports first). Returns 0 when there is no such function or its cost is unknown. */
/* Violation i (i < violations_kept): the name of its function from the
 * module's name section (Rust symbols demangled, as stackcap-verify prints
 * them), "" for module-level violations and unnamed functions; and, for an
 * uninstrumented call (rule 3), the defined function called (probably
 * compiled without stackcap), UINT32_MAX otherwise or when i is out of
 * range. Strings are owned by the report. */
STACKCAP_API const char *stackcap_report_violation_function_name(const stackcap_report *r,
                                                                 size_t i);
STACKCAP_API uint32_t stackcap_report_violation_callee(const stackcap_report *r, size_t i);
/* The name of function `func` (function index space, imports first), as
 * above; "" when it has none or there is no such function. The number of
 * functions and of imported ones (0 for a malformed module). */
STACKCAP_API const char *stackcap_report_function_name(const stackcap_report *r, uint32_t func);
STACKCAP_API uint32_t stackcap_report_function_count(const stackcap_report *r);
STACKCAP_API uint32_t stackcap_report_imported_functions(const stackcap_report *r);
STACKCAP_API int stackcap_report_cost(const stackcap_report *r, uint32_t func, uint32_t *cost);
STACKCAP_API void stackcap_report_free(stackcap_report *r);

/* The reference instrumenter (wasm-instrument 0.4's stack limiter). On
 * success returns STACKCAP_VERIFIED and a module in *out of *out_len bytes,
 * to free with stackcap_free. On failure returns STACKCAP_MALFORMED or
 * STACKCAP_ERROR and, when `error` is non-NULL, a message to free with
 * stackcap_free. */
STACKCAP_API int stackcap_instrument(const uint8_t *bytes, size_t len, uint32_t limit, uint8_t **out,
                        size_t *out_len, char **error);
STACKCAP_API void stackcap_free(void *p);

/* The stackcap version the library was built from, as static strings (never
 * to be freed): stackcap_version() is the number, "0.1.0";
 * stackcap_version_line() is the first line of `stackcap-verify --version`,
 * "stackcap 0.1.0 (git abc1234)", where the revision is `git rev-parse
 * --short HEAD` of the source tree at build time, with "-dirty" when tracked
 * files had uncommitted changes, or "unknown" when it was not built from git. */
STACKCAP_API const char *stackcap_version(void);
STACKCAP_API const char *stackcap_version_line(void);

/* STACKCAP_VERIFY_API_VERSION of the library (which may be newer than the
 * header a program was compiled with). */
STACKCAP_API int stackcap_api_version(void);

/* The stack-limit profiles the library checks (spec: docs/spec/compat.md):
 * stackcap_profiles() lists them separated by spaces ("compat");
 * stackcap_profile_count() counts them and stackcap_profile_name(i) names
 * profile i (NULL when i is out of range); stackcap_has_profile(name) is 1
 * when `name` is one of them. stackcap_verify checks profile "compat". All
 * strings are static. */
STACKCAP_API const char *stackcap_profiles(void);
STACKCAP_API size_t stackcap_profile_count(void);
STACKCAP_API const char *stackcap_profile_name(size_t i);
STACKCAP_API int stackcap_has_profile(const char *name);

/* The title of rule `rule` of spec section 3, as stackcap-verify prints it
 * (1: "module decodes completely", ... 6: "no tail calls, call_ref,
 * exception handling or stack switching"), a static string; "" for a number
 * that is no rule. */
STACKCAP_API const char *stackcap_rule_title(uint32_t rule);

#ifdef __cplusplus
}
#endif

#endif
