// errno from C++: wasi-libc declares errno `thread_local` in C++, so every
// access goes through the TLS wrapper, which calls the thread-local
// initialisation routine of errno (_ZTH5errno) if one is defined: a call to
// an undefined WEAK function, for which wasm-ld makes a stub
// ("undefined_weak:thread-local initialization routine for errno").
// libc++'s std::stoi/stol/stod read errno this way; so does this file.
#include <cerrno>
#include <cmath>
#include <cstdio>
#include <cstdlib>
#include <string>

int main() {
  errno = 0;
  double d = std::strtod("1e999", nullptr);
  std::printf("strtod overflow: %g errno==ERANGE: %d\n", d, errno == ERANGE);
  std::printf("stoi=%d stol=%ld stoull=%llu stod=%g\n", std::stoi("  42"), std::stol("-0x10", nullptr, 16),
              std::stoull("18446744073709551615"), std::stod("2.5e-3"));
  return 0;
}
