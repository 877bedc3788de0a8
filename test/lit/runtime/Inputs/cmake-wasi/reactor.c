#include <stdio.h>
#include <string.h>
int greet(const char *who, char *buf, int size);
static char buf[64];
/* An exported function of a reactor: the host calls _initialize, then this. */
int add_greeting(void) { return greet("reactor", buf, sizeof buf) + (int)strlen(buf); }
