static int n;
void hook(void) { n++; }
