// C++ try/catch under -fwasm-exceptions, freestanding (the runtime's
// __cxa_* functions are only declared).
struct E { int v; };
static void thrower(int x) {
  if (x)
    throw E{x};
}
extern "C" __attribute__((export_name("f"))) int f(int x) {
  try {
    thrower(x);
  } catch (...) {
    return 1;
  }
  return 0;
}
