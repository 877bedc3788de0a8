// File I/O through wasi-libc in a preopened directory (/sandbox): fopen,
// fprintf, fgets, fread, fseek/ftell, rename, remove, stat, opendir/readdir,
// and the errors of a missing file. Every run starts from the same state.
#include <dirent.h>
#include <errno.h>
#include <fcntl.h>
#include <stdio.h>
#include <stdlib.h>
#include <string.h>
#include <sys/stat.h>
#include <unistd.h>

static int by_name(const void *a, const void *b) {
  return strcmp(*(char *const *)a, *(char *const *)b);
}

int main(void) {
  remove("/sandbox/data.txt");
  remove("/sandbox/renamed.txt");
  FILE *f = fopen("/sandbox/data.txt", "w");
  if (!f) {
    printf("fopen for writing failed: %s\n", strerror(errno));
    return 1;
  }
  for (int i = 1; i <= 50; i++) fprintf(f, "row %02d: %d squared is %d\n", i, i, i * i);
  fputs("last line without newline", f);
  printf("ftell after writing: %ld\n", ftell(f));
  fclose(f);

  struct stat st;
  printf("stat: %d size=%lld regular=%d\n", stat("/sandbox/data.txt", &st), (long long)st.st_size,
         S_ISREG(st.st_mode));

  f = fopen("/sandbox/data.txt", "r");
  char line[128];
  int lines = 0;
  long sum = 0;
  while (fgets(line, sizeof line, f)) {
    lines++;
    int a, b, c;
    if (sscanf(line, "row %d: %d squared is %d", &a, &b, &c) == 3) sum += c;
  }
  printf("read %d lines, sum of squares %ld, last \"%s\"\n", lines, sum, line);
  fseek(f, -9, SEEK_END);
  size_t n = fread(line, 1, sizeof line - 1, f);
  line[n] = 0;
  printf("tail: \"%s\" (%zu bytes), feof=%d\n", line, n, feof(f));
  rewind(f);
  n = fread(line, 1, 20, f);
  line[n] = 0;
  printf("head: \"%s\"\n", line);
  fclose(f);

  f = fopen("/sandbox/data.txt", "a+");
  fputs("\nappended", f);
  fseek(f, 0, SEEK_END);
  printf("size after append: %ld\n", ftell(f));
  fclose(f);

  printf("rename: %d\n", rename("/sandbox/data.txt", "/sandbox/renamed.txt"));
  errno = 0;
  printf("fopen(missing): %s errno=%s\n", fopen("/sandbox/data.txt", "r") ? "opened?!" : "NULL",
         errno == ENOENT ? "ENOENT" : strerror(errno));
  int fd = open("/sandbox/renamed.txt", O_RDONLY);
  char raw[8] = {0};
  printf("open/read/close: fd>2=%d read=%zd \"%s\" close=%d\n", fd > 2, read(fd, raw, 7), raw,
         close(fd));

  DIR *d = opendir("/sandbox");
  char *names[16];
  int nn = 0;
  struct dirent *e;
  while (d && (e = readdir(d)) && nn < 16)
    if (e->d_name[0] != '.') names[nn++] = strdup(e->d_name);
  if (d) closedir(d);
  qsort(names, nn, sizeof names[0], by_name);
  printf("directory:");
  for (int i = 0; i < nn; i++) printf(" %s", names[i]);
  printf("\n");
  printf("remove: %d, then stat: %d\n", remove("/sandbox/renamed.txt"),
         stat("/sandbox/renamed.txt", &st));
  return 0;
}
