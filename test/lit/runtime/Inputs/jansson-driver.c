// jansson driver: parses JSON from stdin, walks it (counting values by
// type), modifies it, serialises it compactly, indented and with sorted keys,
// re-parses the output, builds values with json_pack/json_unpack, and
// reports a parse error with its position.
#include <jansson.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>

static int counts[8];

static void walk(json_t *v) {
  counts[json_typeof(v)]++;
  if (json_is_object(v)) {
    const char *k;
    json_t *x;
    json_object_foreach(v, k, x) walk(x);
  } else if (json_is_array(v)) {
    size_t i;
    json_t *x;
    json_array_foreach(v, i, x) walk(x);
  }
}

int main(void) {
  json_object_seed(12345); // fixed hash seed: no dependence on time or /dev/urandom
  printf("jansson %s\n", jansson_version_str());
  json_error_t err;
  json_t *root = json_loadf(stdin, 0, &err);
  if (!root) {
    printf("parse error: %s (line %d, column %d)\n", err.text, err.line, err.column);
    return 1;
  }
  walk(root);
  printf("objects=%d arrays=%d strings=%d integers=%d reals=%d true=%d false=%d null=%d\n",
         counts[JSON_OBJECT], counts[JSON_ARRAY], counts[JSON_STRING], counts[JSON_INTEGER],
         counts[JSON_REAL], counts[JSON_TRUE], counts[JSON_FALSE], counts[JSON_NULL]);

  json_object_set_new(root, "added", json_pack("{s:i, s:f, s:[s,b,n]}", "int", -42, "real",
                                               0.1, "list", "x", 1));
  json_object_del(root, "remove_me");
  json_t *arr = json_object_get(root, "numbers");
  if (json_is_array(arr)) {
    json_int_t sum = 0;
    double dsum = 0;
    size_t i;
    json_t *x;
    json_array_foreach(arr, i, x) {
      if (json_is_integer(x)) sum += json_integer_value(x);
      dsum += json_number_value(x);
    }
    printf("numbers: %zu, integer sum=%lld, number sum=%.17g\n", json_array_size(arr),
           (long long)sum, dsum);
    json_array_append_new(arr, json_integer(sum));
  }

  char *compact = json_dumps(root, JSON_COMPACT | JSON_SORT_KEYS);
  char *pretty = json_dumps(root, JSON_INDENT(2) | JSON_PRESERVE_ORDER);
  char *ascii = json_dumps(root, JSON_ENSURE_ASCII | JSON_SORT_KEYS | JSON_REAL_PRECISION(6));
  printf("compact: %s\n", compact);
  printf("pretty:\n%s\n", pretty);
  printf("ascii: %s\n", ascii);

  json_t *again = json_loads(compact, 0, &err);
  printf("reparse equal=%d\n", again && json_equal(again, root));

  const char *name;
  int id;
  double score;
  int active;
  if (json_unpack_ex(root, &err, 0, "{s:{s:s, s:i, s:F, s:b}}", "user", "name", &name, "id", &id,
                     "score", &score, "active", &active) == 0)
    printf("unpack: name=%s id=%d score=%g active=%d\n", name, id, score, active);
  else
    printf("unpack error: %s\n", err.text);

  json_t *bad = json_loads("{\"a\": [1, 2,, 3]}", 0, &err);
  printf("bad: %s, \"%s\" at line %d column %d position %d\n", bad ? "parsed?!" : "rejected",
         err.text, err.line, err.column, err.position);

  free(compact);
  free(pretty);
  free(ascii);
  json_decref(again);
  json_decref(root);
  return 0;
}
