// Freestanding C++ through stackcap-clang++: namespaces, templates, methods,
// a lambda called through a function pointer, an extern "C" export.
namespace geo {
struct Vec {
  int x, y;
  __attribute__((noinline)) int dot(const Vec &o) const { return x * o.x + y * o.y; }
};
template <typename T> __attribute__((noinline)) T clamp(T v, T lo, T hi) {
  return v < lo ? lo : (v > hi ? hi : v);
}
__attribute__((noinline)) int area(int w, int h) { return clamp(w, 0, 1000) * clamp(h, 0, 1000); }
} // namespace geo

static int (*volatile hook)(int) = [](int v) { return v * 5; };

extern "C" __attribute__((export_name("cxx_run"))) int cxx_run(int a) {
  geo::Vec v{a, a + 1}, w{2, 3};
  return v.dot(w) + geo::area(a, a + 2) + hook(a) + (int)geo::clamp<long long>(a, 1, 9);
}
