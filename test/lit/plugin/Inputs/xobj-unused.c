// An archive member nothing refers to: the linker must not pull it in.
int lib_unused(int x) { return x - 1; }
