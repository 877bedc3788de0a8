// Runaway recursion in hosted C++.
//   rec-cxx virtual|direct STOP
//   rec-cxx         (no arguments) virtual recursion without end: for
//                   wasm-interp with dummy WASI imports (see rec.c); the
//                   static constructor writes with the raw import, to fd 2.
// "virtual": Walker::step recurses through a virtual call (call_indirect
// through the table; the table entry is a thunk that charges the body).
// "direct": a template member function recursing directly.
// Every level writes "level N\n" to stdout through the WASI fd_write import
// itself (not counted), so the last such line is the deepest level reached.
// Static constructors and destructors run around main.
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <memory>

struct ciovec { const void *buf; std::size_t len; };
extern "C" __attribute__((import_module("wasi_snapshot_preview1"), import_name("fd_write")))
std::uint16_t raw_fd_write(int fd, const ciovec *iovs, std::size_t n, std::size_t *written);

volatile int g_sink;

// always_inline: at -O0 a call to record would be counted too, and could
// trap before the next level's call does.
__attribute__((always_inline)) static inline void record(int n) {
  char line[24] = "level ";
  char digits[12];
  int nd = 0;
  unsigned v = (unsigned)n;
  do {
    digits[nd++] = (char)('0' + v % 10);
    v /= 10;
  } while (v);
  int len = 6;
  while (nd) line[len++] = digits[--nd];
  line[len++] = '\n';
  ciovec iov{line, (std::size_t)len};
  std::size_t written;
  raw_fd_write(1, &iov, 1, &written);
}

struct Walker {
  Walker *next = this;
  virtual ~Walker() = default;
  virtual int step(int n, int stop);
};

__attribute__((noinline)) int Walker::step(int n, int stop) {
  record(n);
  if (n >= stop) return n;
  int r = next->step(n + 1, stop); // virtual: call_indirect
  g_sink = r;
  return r + 1;
}

template <typename T> struct Direct {
  T bias;
  __attribute__((noinline)) T go(int n, int stop) {
    record(n);
    if (n >= stop) return (T)n;
    T r = go(n + 1, stop);
    g_sink = (int)r;
    return r + bias;
  }
};

// The static constructor writes with the raw import, from static storage:
// no shadow-stack frame, so it leaves nothing behind where __main_void keeps
// argc (under wasm-interp's dummy args_sizes_get, argc is whatever that
// memory holds).
static const ciovec g_ctor_iov{"static ctor\n", 12};
static std::size_t g_ctor_written;
__attribute__((constructor)) static void announce() {
  raw_fd_write(2, &g_ctor_iov, 1, &g_ctor_written);
}
struct Farewell {
  ~Farewell() { std::printf("static dtor\n"); }
} g_farewell;

int main(int argc, char **argv) {
  // Under wasm-interp's dummy imports args_get writes nothing: argv[0] is
  // NULL (whatever argc says), and the recursion runs without end.
  bool runaway = argc < 2 || !argv[0] || !argv[1];
  int stop = !runaway && argc > 2 ? std::atoi(argv[2]) : 0x7fffffff;
  int r;
  if (runaway || argv[1][0] == 'v') {
    auto w = std::make_unique<Walker>();
    Walker *volatile wp = w.get();
    r = wp->step(1, stop);
  } else {
    Direct<int> d{1};
    r = d.go(1, stop);
  }
  std::printf("reached %d (%d)\n", stop, r);
  return 0;
}
