// C++ against libc++/libc++abi built without exceptions: virtual dispatch,
// static constructors and destructors (output at exit), std::vector,
// std::string, std::map, std::unordered_map, std::function and lambdas,
// templates, new/delete, std::sort, std::unique_ptr. Output with printf
// (iostream is exercised separately in iostream.cpp).
#include <algorithm>
#include <cstdio>
#include <cstdlib>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <unordered_map>
#include <vector>

namespace {

struct Tracer {
  const char *name;
  explicit Tracer(const char *n) : name(n) { std::printf("static ctor %s\n", name); }
  ~Tracer() { std::printf("static dtor %s\n", name); }
};
Tracer g_first("first");
Tracer g_second("second");

struct Shape {
  virtual ~Shape() { std::printf("~Shape(%s)\n", kind()); }
  virtual const char *kind() const { return "shape"; }
  virtual double area() const = 0;
};
struct Rect : Shape {
  double w, h;
  Rect(double w, double h) : w(w), h(h) {}
  const char *kind() const override { return "rect"; }
  double area() const override { return w * h; }
};
struct Circle : Shape {
  double r;
  explicit Circle(double r) : r(r) {}
  const char *kind() const override { return "circle"; }
  double area() const override { return 3.14159265358979 * r * r; }
  ~Circle() override { std::printf("~Circle(%g)\n", r); }
};
struct Square final : Rect {
  explicit Square(double s) : Rect(s, s) {}
  const char *kind() const override { return "square"; }
};

template <typename T> T sum_of(const std::vector<T> &v) {
  return std::accumulate(v.begin(), v.end(), T{});
}
template <int N> struct Fact { static constexpr long long value = N * Fact<N - 1>::value; };
template <> struct Fact<0> { static constexpr long long value = 1; };

template <typename F> int apply_n(F f, int n, int x) {
  for (int i = 0; i < n; i++) x = f(x);
  return x;
}

int counted_allocs = 0;

} // namespace

void *operator new(std::size_t n) {
  ++counted_allocs;
  if (void *p = std::malloc(n ? n : 1)) return p;
  std::abort();
}
void operator delete(void *p) noexcept { std::free(p); }
void operator delete(void *p, std::size_t) noexcept { std::free(p); }

int main(int argc, char **argv) {
  std::printf("main starts, argc=%d\n", argc);
  {
    std::vector<std::unique_ptr<Shape>> shapes;
    shapes.push_back(std::make_unique<Rect>(2, 3));
    shapes.push_back(std::make_unique<Circle>(1.5));
    shapes.push_back(std::make_unique<Square>(4));
    std::sort(shapes.begin(), shapes.end(),
              [](const auto &a, const auto &b) { return a->area() < b->area(); });
    for (const auto &s : shapes) std::printf("%s area=%.4f\n", s->kind(), s->area());
  }

  std::vector<int> v;
  for (int i = 0; i < 1000; i++) v.push_back((i * 7919) % 1009 - 500);
  std::sort(v.begin(), v.end(), std::greater<int>());
  std::printf("vector: size=%zu front=%d back=%d sum=%d\n", v.size(), v.front(), v.back(),
              sum_of(v));
  std::vector<double> dv{0.5, 0.25, 0.125};
  std::printf("template sum<double>=%g Fact<15>=%lld\n", sum_of(dv), Fact<15>::value);

  std::string s = "stack";
  s += "-limited";
  s.insert(0, "deterministic ");
  std::string up = s;
  std::transform(up.begin(), up.end(), up.begin(), [](unsigned char c) { return std::toupper(c); });
  std::printf("string: \"%s\" \"%s\" find=%zu substr=%s to_string=%s compare=%d\n", s.c_str(),
              up.c_str(), s.find("limited"), s.substr(6, 7).c_str(),
              std::to_string(-12345).c_str(), s.compare(up) > 0);

  std::map<std::string, int> m;
  const char *text = "the quick brown fox jumps over the lazy dog the end";
  std::string word;
  for (const char *p = text;; p++) {
    if (*p == ' ' || !*p) {
      if (!word.empty()) m[word]++;
      word.clear();
      if (!*p) break;
    } else {
      word += *p;
    }
  }
  std::printf("map:");
  for (const auto &kv : m) std::printf(" %s=%d", kv.first.c_str(), kv.second);
  std::printf("\n");

  std::unordered_map<int, std::string> um;
  for (int i = 0; i < 500; i++) um[i * 37 % 1000] = std::to_string(i);
  long keysum = 0;
  for (const auto &kv : um) keysum += kv.first * (long)kv.second.size();
  std::printf("unordered_map: size=%zu um[37]=%s um[999]=%s weighted=%ld count(2)=%zu\n",
              um.size(), um[37].c_str(), um.count(999) ? um[999].c_str() : "-", keysum,
              um.count(2));

  int captured = 3;
  std::function<int(int)> add = [captured](int x) { return x + captured; };
  std::function<int(int)> twice = [&add](int x) { return add(add(x)); };
  std::vector<std::function<int(int)>> pipeline{add, twice, [](int x) { return x * x; }};
  int x = 1;
  for (auto &f : pipeline) x = f(x);
  std::function<int(int)> fib = [&fib](int n) { return n < 2 ? n : fib(n - 1) + fib(n - 2); };
  std::printf("function: pipeline=%d fib(20)=%d apply_n=%d\n", x, fib(20),
              apply_n([](int y) { return y * 3 + 1; }, 5, 1));

  int *raw = new int[100];
  std::iota(raw, raw + 100, 1);
  int total = std::accumulate(raw, raw + 100, 0);
  delete[] raw;
  auto up2 = std::make_unique<std::string>(argc > 1 ? argv[1] : "none");
  std::unique_ptr<Shape> moved = std::make_unique<Circle>(2);
  std::unique_ptr<Shape> target = std::move(moved);
  std::printf("new/delete total=%d unique_ptr=%s moved=%s target=%s allocs>0=%d\n", total,
              up2->c_str(), moved ? "set" : "null", target->kind(), counted_allocs > 0);
  std::printf("main returns\n");
  return argc > 2 ? 4 : 0;
}
