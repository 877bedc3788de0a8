// Drives the SQLite amalgamation compiled for wasm32-wasi in the verifier
// benchmark: a little real work in an in-memory database, so the benchmark
// module is a real program (and can be run to check it still works).
// An optional argument N sets the number of rows (default 1000):
// plugin-bench.sh times it with more.
#include <stdio.h>
#include <stdlib.h>

#include "sqlite3.h"

static int print_row(void *unused, int n, char **values, char **names) {
  (void)unused;
  (void)names;
  for (int i = 0; i < n; ++i)
    printf("%s%s", i ? "|" : "", values[i] ? values[i] : "NULL");
  printf("\n");
  return 0;
}

int main(int argc, char **argv) {
  int rows = argc > 1 ? atoi(argv[1]) : 1000;
  sqlite3 *db;
  char *err = 0;
  if (sqlite3_open(":memory:", &db) != SQLITE_OK) {
    printf("cannot open the database\n");
    return 1;
  }
  char sql[1024];
  snprintf(sql, sizeof sql,
      "create table t(a integer primary key, b text, c real);"
      "with recursive n(x) as (select 1 union all select x + 1 from n where x < %d)"
      "  insert into t select x, printf('row%%d', x), x * 0.5 from n;"
      "create index tb on t(b);"
      "select count(*), sum(c), max(b) from t where a %% 7 = 3;"
      "select b from t where b like 'row99%%' order by b desc limit 3;"
      "select json_extract('{\"a\":[1,2,{\"b\":42}]}', '$.a[2].b');", rows);
  if (sqlite3_exec(db, sql, print_row, 0, &err) != SQLITE_OK) {
    printf("error: %s\n", err);
    return 1;
  }
  sqlite3_close(db);
  return 0;
}
