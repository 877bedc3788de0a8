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
 * of violations; 3 adds profile lean (stackcap_verify_profile,
 * stackcap_report_profile, stackcap_report_checked_functions,
 * stackcap_report_lean_function, stackcap_profile_rule_title) and lists
 * "compat lean" as the profiles. Additions keep every earlier function and
 * its meaning, so a program built against interface N runs with any library
 * whose stackcap_api_version() is N or more. */
#define STACKCAP_VERIFY_API_VERSION 3

#ifdef __cplusplus
extern "C" {
#endif

/* Results, equal to the exit codes of stackcap-verify. */
#define STACKCAP_VERIFIED 0   /* correctly instrumented */
#define STACKCAP_VIOLATIONS 1 /* decodes, but instrumentation is wrong */
#define STACKCAP_MALFORMED 2  /* malformed, or outside what stackcap supports */
#define STACKCAP_ERROR 3      /* bad arguments or out of memory */

typedef struct stackcap_report stackcap_report;

/* Verifies `len` bytes at `bytes` under profile compat (docs/spec/compat.md).
 * With `limit` non-NULL every sequence must
 * check *limit; with NULL the limit is read from the module (and must be the
 * same everywhere). When `report` is non-NULL it receives a report to inspect
 * and free with stackcap_report_free (also on failure, except STACKCAP_ERROR,
 * where it is set to NULL). */
STACKCAP_API int stackcap_verify(const uint8_t *bytes, size_t len, const uint32_t *limit,
                    stackcap_report **report);

/* Interface 3. Verifies under profile `profile`: "compat" (or NULL), exactly
 * stackcap_verify, or "lean" (docs/spec/lean.md, the rules of its section 4,
 * as `stackcap-verify --profile lean` checks them). Under lean, the limit is
 * the counter's initialiser; `limit` non-NULL requires it to be *limit (a
 * rule 2 violation otherwise, as with `--limit N`). Any other profile name
 * is STACKCAP_ERROR, with *report set to NULL. Results and report as for
 * stackcap_verify. */
STACKCAP_API int stackcap_verify_profile(const uint8_t *bytes, size_t len, const char *profile,
                                         const uint32_t *limit, stackcap_report **report);
/* The profile a report was verified under, "compat" or "lean" (a static
 * string); "" for NULL. */
STACKCAP_API const char *stackcap_report_profile(const stackcap_report *r);

/* The queries below answer for either profile unless they say otherwise.
 * On a lean report: the counter global and limit are lean's (the global of
 * the entry sequences and its initialiser; has_counter is 0 when no function
 * reserves); violations carry the rule numbers of lean.md section 4 (1-8,
 * titles from stackcap_profile_rule_title("lean", rule)); instrumented_calls,
 * thunks and every violation_callee are 0 / UINT32_MAX (compat notions);
 * stackcap_report_cost returns 0 (use stackcap_report_lean_function). */

/* The result stackcap_verify (or stackcap_verify_profile) returned. */
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
/* Violation i (i < violations_kept): the rule number of spec section 3 (for
 * a lean report: of lean.md section 4), the
 * function index (UINT32_MAX for module-level ones), the byte offset in the
 * module and a message owned by the report. Returns 0 when i is out of range. */
STACKCAP_API int stackcap_report_violation(const stackcap_report *r, size_t i, uint32_t *rule,
                              uint32_t *func, uint32_t *offset, const char **message);
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
/* cost(f) of defined function `func` (an index in the function index space,
 * imports first), profile compat. Returns 0 when there is no such function
 * or its cost is unknown, and for a lean report. */
STACKCAP_API int stackcap_report_cost(const stackcap_report *r, uint32_t func, uint32_t *cost);
/* Interface 3, lean reports (0 for compat and malformed ones): the number of
 * checked functions (those with an entry sequence; the others are covered). */
STACKCAP_API uint32_t stackcap_report_checked_functions(const stackcap_report *r);
/* Interface 3, lean reports: what the verifier learnt of defined function
 * `func` (function index space, imports first), as `stackcap-verify
 * --profile lean --print-costs` prints it: frame(f) in value slots, whether
 * it is checked (1) or covered (0), and the reservation the rules require:
 * R(f) = frame + the worst covered subtree below it for a checked function
 * (what its entry sequence must reserve; rule 7 compares the two), U(f), the
 * worst sum of frames of the covered subtree it heads, for a covered one.
 * Any output pointer may be NULL. Returns 1 when known; 0, leaving the
 * outputs alone, for a compat or malformed report, an import, no such
 * function, or when its frame or reservation is unknown (an instruction
 * outside the profile, rule 8; a covered function on or above a cycle of
 * covered functions, rule 6). */
STACKCAP_API int stackcap_report_lean_function(const stackcap_report *r, uint32_t func,
                                               uint32_t *frame, int *checked,
                                               uint64_t *reservation);
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

/* The stack-limit profiles the library checks (specs: docs/spec/compat.md,
 * docs/spec/lean.md): stackcap_profiles() lists them separated by spaces
 * ("compat lean" since interface 3; "compat" before);
 * stackcap_profile_count() counts them and stackcap_profile_name(i) names
 * profile i (NULL when i is out of range); stackcap_has_profile(name) is 1
 * when `name` is one of them. stackcap_verify checks profile "compat",
 * stackcap_verify_profile the one it is given. All strings are static. */
STACKCAP_API const char *stackcap_profiles(void);
STACKCAP_API size_t stackcap_profile_count(void);
STACKCAP_API const char *stackcap_profile_name(size_t i);
STACKCAP_API int stackcap_has_profile(const char *name);

/* The title of rule `rule` of spec section 3, as stackcap-verify prints it
 * (1: "module decodes completely", ... 6: "no tail calls, call_ref,
 * exception handling or stack switching"), a static string; "" for a number
 * that is no rule. */
STACKCAP_API const char *stackcap_rule_title(uint32_t rule);
/* Interface 3: the title of rule `rule` of profile `profile` (NULL: compat),
 * as stackcap-verify prints it: for "compat" stackcap_rule_title(rule); for
 * "lean" rules 1 ("module decodes completely and is linked") to 8 ("no tail
 * calls, call_ref, exception handling or stack switching") of lean.md
 * section 4. A static string; "" for a number that is no rule of the
 * profile, or a profile the library does not know. */
STACKCAP_API const char *stackcap_profile_rule_title(const char *profile, uint32_t rule);

#ifdef __cplusplus
}
#endif

#endif
