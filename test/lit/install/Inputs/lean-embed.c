/* Profile lean through the C API of an installed SDK (interface 3):
 *   lean-embed [--profile P] [--limit N] module.wasm...
 * verifies each module under P (default lean) with stackcap_verify_profile
 * and prints what the report says: the result, the counter and limit, every
 * defined function's frame, kind and reservation (as `stackcap-verify
 * --profile lean --print-costs` does) and every violation with its rule's
 * title. Exits with the worst result. */
#include "stackcap/stackcap_verify.h"

#include <stdio.h>
#include <stdlib.h>
#include <string.h>

#if STACKCAP_VERIFY_API_VERSION < 3
#error "lean-embed needs interface 3 of stackcap_verify.h"
#endif

static unsigned char *readAll(const char *path, size_t *len) {
  FILE *f = fopen(path, "rb");
  if (!f)
    return NULL;
  size_t cap = 4096, n = 0;
  unsigned char *buf = malloc(cap);
  size_t got;
  while (buf && (got = fread(buf + n, 1, cap - n, f)) > 0) {
    n += got;
    if (n == cap) {
      unsigned char *bigger = realloc(buf, cap *= 2);
      if (!bigger)
        free(buf);
      buf = bigger;
    }
  }
  fclose(f);
  *len = n;
  return buf;
}

static const char *baseName(const char *path) {
  const char *slash = strrchr(path, '/');
  return slash ? slash + 1 : path;
}

static int verifyOne(const char *path, const char *profile, const uint32_t *limit) {
  size_t len = 0;
  unsigned char *bytes = readAll(path, &len);
  if (!bytes) {
    printf("%s: unreadable\n", baseName(path));
    return STACKCAP_MALFORMED;
  }
  stackcap_report *r = NULL;
  int status = stackcap_verify_profile(bytes, len, profile, limit, &r);
  free(bytes);
  if (status == STACKCAP_ERROR) {
    printf("%s: error (profile %s)\n", baseName(path), profile ? profile : "(null)");
    return status;
  }
  const char *p = stackcap_report_profile(r);
  if (status == STACKCAP_MALFORMED) {
    printf("%s: malformed at offset 0x%x (profile %s): %s\n", baseName(path),
           stackcap_report_error_offset(r), p, stackcap_report_error(r));
    stackcap_report_free(r);
    return status;
  }
  uint32_t funcs = stackcap_report_function_count(r);
  uint32_t imported = stackcap_report_imported_functions(r);
  uint32_t checked = stackcap_report_checked_functions(r);
  printf("%s: %s (profile %s, limit %u, counter %s%u, %u checked functions, %u covered)\n",
         baseName(path), status == STACKCAP_VERIFIED ? "verified" : "rejected", p,
         stackcap_report_limit(r), stackcap_report_has_counter(r) ? "global " : "none ",
         stackcap_report_counter_global(r), checked, funcs - imported - checked);
  for (uint32_t f = imported; f < funcs; f++) {
    uint32_t frame;
    int isChecked;
    uint64_t reservation;
    const char *name = stackcap_report_function_name(r, f);
    if (stackcap_report_lean_function(r, f, &frame, &isChecked, &reservation))
      printf("  func %u (%s): frame %u, %s %llu\n", f, name, frame,
             isChecked ? "checked, reserves" : "covered, subtree",
             (unsigned long long)reservation);
    else
      printf("  func %u (%s): unknown\n", f, name);
  }
  size_t kept = stackcap_report_violations_kept(r);
  if (stackcap_report_violation_count(r))
    printf("  %llu violation(s)\n", (unsigned long long)stackcap_report_violation_count(r));
  for (size_t i = 0; i < kept; i++) {
    uint32_t rule, func, offset;
    const char *message;
    stackcap_report_violation(r, i, &rule, &func, &offset, &message);
    if (func == UINT32_MAX)
      printf("  module at offset 0x%x: rule %u (%s): %s\n", offset, rule,
             stackcap_profile_rule_title(p, rule), message);
    else
      printf("  func %u (%s) at offset 0x%x: rule %u (%s): %s\n", func,
             stackcap_report_violation_function_name(r, i), offset, rule,
             stackcap_profile_rule_title(p, rule), message);
  }
  stackcap_report_free(r);
  return status;
}

int main(int argc, char **argv) {
  const char *profile = "lean";
  uint32_t limitValue = 0;
  const uint32_t *limit = NULL;
  int i = 1;
  for (; i + 1 < argc; i += 2) {
    if (!strcmp(argv[i], "--profile")) {
      profile = argv[i + 1];
    } else if (!strcmp(argv[i], "--limit")) {
      limitValue = (uint32_t)strtoul(argv[i + 1], NULL, 10);
      limit = &limitValue;
    } else {
      break;
    }
  }
  printf("C API %d (header %d), profiles: %s, lean: %d\n", stackcap_api_version(),
         STACKCAP_VERIFY_API_VERSION, stackcap_profiles(), stackcap_has_profile("lean"));
  if (stackcap_api_version() < 3) {
    fprintf(stderr, "lean-embed: the library is older than interface 3\n");
    return STACKCAP_ERROR;
  }
  int worst = STACKCAP_VERIFIED;
  for (; i < argc; i++) {
    int s = verifyOne(argv[i], profile, limit);
    if (s > worst)
      worst = s;
  }
  return worst;
}
