/* verify-c: verifies WebAssembly modules with stackcap's C API
 * (stackcap/stackcap_verify.h), linked from the installed SDK:
 *
 *   cc verify.c $(pkg-config --cflags --libs stackcap-verify) -o verify-c
 *   verify-c [--limit N] module.wasm...
 *
 * Prints the library's version and profiles, then for each module whether
 * it is verified, and every violation with its function (index and name),
 * byte offset and rule. Exit status: the worst stackcap_verify result
 * (0 verified, 1 violations, 2 malformed, 3 error). */
#include "stackcap/stackcap_verify.h"

#include <errno.h>
#include <inttypes.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static unsigned char *read_file(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 1 << 16, n = 0;
  unsigned char *buf = malloc(cap);
  while (buf) {
    size_t got = fread(buf + n, 1, cap - n, f);
    n += got;
    if (n < cap)
      break;
    unsigned char *bigger = realloc(buf, cap *= 2);
    if (!bigger) {
      free(buf);
      buf = NULL;
    } else {
      buf = bigger;
    }
  }
  int bad = ferror(f);
  fclose(f);
  if (bad) {
    free(buf);
    return NULL;
  }
  *len = n;
  return buf;
}

static int verify_one(const char *path, const uint32_t *limit) {
  size_t len = 0;
  unsigned char *bytes = read_file(path, &len);
  if (!bytes) {
    fprintf(stderr, "verify-c: %s: %s\n", path, strerror(errno));
    return STACKCAP_ERROR;
  }
  stackcap_report *r = NULL;
  int status = stackcap_verify(bytes, len, limit, &r);
  free(bytes);
  switch (status) {
  case STACKCAP_VERIFIED:
    printf("%s: verified (limit %" PRIu32 ", %" PRIu64 " instrumented calls, %" PRIu32
           " thunks, %" PRIu32 " functions)\n",
           path, stackcap_report_limit(r), stackcap_report_instrumented_calls(r),
           stackcap_report_thunks(r), stackcap_report_function_count(r));
    break;
  case STACKCAP_VIOLATIONS: {
    printf("%s: rejected: %" PRIu64 " violations\n", path, stackcap_report_violation_count(r));
    for (size_t i = 0; i < stackcap_report_violations_kept(r); i++) {
      uint32_t rule, func, offset;
      const char *msg;
      stackcap_report_violation(r, i, &rule, &func, &offset, &msg);
      const char *name = stackcap_report_violation_function_name(r, i);
      if (func == UINT32_MAX)
        printf("  module");
      else
        printf("  func %" PRIu32 " (%s)", func, *name ? name : "unnamed");
      printf(" at offset 0x%" PRIx32 ": rule %" PRIu32 " (%s): %s\n", offset, rule,
             stackcap_rule_title(rule), msg);
    }
    break;
  }
  case STACKCAP_MALFORMED:
    printf("%s: malformed at offset 0x%" PRIx32 ": %s\n", path, stackcap_report_error_offset(r),
           stackcap_report_error(r));
    break;
  default:
    printf("%s: error (out of memory)\n", path);
    break;
  }
  stackcap_report_free(r);
  return status;
}

int main(int argc, char **argv) {
  uint32_t limit_value = 0;
  const uint32_t *limit = NULL;
  int first = 1;
  if (argc > 2 && strcmp(argv[1], "--limit") == 0) {
    char *end;
    unsigned long v = strtoul(argv[2], &end, 10);
    if (*end || v == 0 || v > UINT32_MAX) {
      fprintf(stderr, "verify-c: --limit needs a number from 1 to 4294967295\n");
      return STACKCAP_ERROR;
    }
    limit_value = (uint32_t)v;
    limit = &limit_value;
    first = 3;
  }
  printf("library: %s, C API %d (header %d), profiles:", stackcap_version_line(),
         stackcap_api_version(), STACKCAP_VERIFY_API_VERSION);
  for (size_t i = 0; i < stackcap_profile_count(); i++)
    printf(" %s", stackcap_profile_name(i));
  printf("\n");
  if (first >= argc) {
    fprintf(stderr, "usage: verify-c [--limit N] module.wasm...\n");
    return STACKCAP_ERROR;
  }
  int worst = STACKCAP_VERIFIED;
  for (int i = first; i < argc; i++) {
    int s = verify_one(argv[i], limit);
    if (s > worst)
      worst = s;
  }
  return worst;
}
