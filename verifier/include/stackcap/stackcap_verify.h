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
int stackcap_verify(const uint8_t *bytes, size_t len, const uint32_t *limit,
                    stackcap_report **report);

/* The result stackcap_verify returned. */
int stackcap_report_status(const stackcap_report *r);
/* For STACKCAP_MALFORMED: the reason and its byte offset in the module. */
const char *stackcap_report_error(const stackcap_report *r);
uint32_t stackcap_report_error_offset(const stackcap_report *r);
/* The counter global's index; 0 when it returns 0 through has_counter. */
int stackcap_report_has_counter(const stackcap_report *r);
uint32_t stackcap_report_counter_global(const stackcap_report *r);
uint32_t stackcap_report_limit(const stackcap_report *r);
uint64_t stackcap_report_instrumented_calls(const stackcap_report *r);
uint32_t stackcap_report_thunks(const stackcap_report *r);
/* All violations found; the first ones are kept in full. */
uint64_t stackcap_report_violation_count(const stackcap_report *r);
size_t stackcap_report_violations_kept(const stackcap_report *r);
/* Violation i (i < violations_kept): the rule number of spec section 3, the
 * function index (UINT32_MAX for module-level ones), the byte offset in the
 * module and a message owned by the report. Returns 0 when i is out of range. */
int stackcap_report_violation(const stackcap_report *r, size_t i, uint32_t *rule,
                              uint32_t *func, uint32_t *offset, const char **message);
/* cost(f) of defined function `func` (an index in the function index space,
 * imports first). Returns 0 when there is no such function or its cost is unknown. */
int stackcap_report_cost(const stackcap_report *r, uint32_t func, uint32_t *cost);
void stackcap_report_free(stackcap_report *r);

/* The reference instrumenter (wasm-instrument 0.4's stack limiter). On
 * success returns STACKCAP_VERIFIED and a module in *out of *out_len bytes,
 * to free with stackcap_free. On failure returns STACKCAP_MALFORMED or
 * STACKCAP_ERROR and, when `error` is non-NULL, a message to free with
 * stackcap_free. */
int stackcap_instrument(const uint8_t *bytes, size_t len, uint32_t limit, uint8_t **out,
                        size_t *out_len, char **error);
void stackcap_free(void *p);

/* The stackcap version the library was built from, as static strings (never
 * to be freed): stackcap_version() is the number, "0.1.0";
 * stackcap_version_line() is the first line of `stackcap-verify --version`,
 * "stackcap 0.1.0 (git abc1234)", where the revision is `git rev-parse
 * --short HEAD` of the source tree at build time, with "-dirty" when tracked
 * files had uncommitted changes, or "unknown" when it was not built from git. */
const char *stackcap_version(void);
const char *stackcap_version_line(void);

#ifdef __cplusplus
}
#endif

#endif
