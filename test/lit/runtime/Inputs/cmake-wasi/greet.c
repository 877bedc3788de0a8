#include <stdio.h>
int greet(const char *who, char *buf, int size) { return snprintf(buf, size, "hello, %s", who); }
