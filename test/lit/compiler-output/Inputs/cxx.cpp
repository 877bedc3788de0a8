// C++ against Debian's libc++ for wasm32 (built with -fno-exceptions):
// virtual dispatch, std::vector, std::string, std::map, std::function,
// std::sort with a lambda, and static constructors/destructors that run
// through __wasm_call_ctors / __cxa_atexit.
#include <algorithm>
#include <cstdio>
#include <functional>
#include <map>
#include <memory>
#include <numeric>
#include <string>
#include <vector>

struct Logger {
  std::string Prefix;
  explicit Logger(const char *P) : Prefix(P) { std::printf("[ctor] %s\n", Prefix.c_str()); }
  ~Logger() { std::printf("[dtor] %s\n", Prefix.c_str()); }
};
static Logger GlobalLogger("global logger");
static std::vector<int> Primes = [] {
  std::vector<int> V;
  for (int N = 2; V.size() < 10; ++N)
    if (std::all_of(V.begin(), V.end(), [N](int P) { return N % P; }))
      V.push_back(N);
  return V;
}();

struct Shape {
  virtual ~Shape() = default;
  virtual double area() const = 0;
  virtual std::string name() const = 0;
};
struct Rect : Shape {
  double W, H;
  Rect(double W, double H) : W(W), H(H) {}
  double area() const override { return W * H; }
  std::string name() const override { return "rect " + std::to_string(int(W)) + "x" + std::to_string(int(H)); }
};
struct Circle : Shape {
  double R;
  explicit Circle(double R) : R(R) {}
  double area() const override { return 3.14159265358979 * R * R; }
  std::string name() const override { return "circle r=" + std::to_string(int(R)); }
};
struct Square final : Rect {
  explicit Square(double S) : Rect(S, S) {}
  std::string name() const override { return "square " + std::to_string(int(W)); }
};

int main() {
  std::vector<std::unique_ptr<Shape>> Shapes;
  Shapes.push_back(std::make_unique<Rect>(3, 4));
  Shapes.push_back(std::make_unique<Circle>(2));
  Shapes.push_back(std::make_unique<Square>(5));
  Shapes.push_back(std::make_unique<Circle>(1));
  std::sort(Shapes.begin(), Shapes.end(),
            [](const auto &A, const auto &B) { return A->area() < B->area(); });
  for (const auto &S : Shapes)
    std::printf("%-14s area %.2f\n", S->name().c_str(), S->area());

  std::map<std::string, int> Counts;
  std::string Text = "the quick brown fox jumps over the lazy dog the end";
  size_t Pos = 0;
  while (Pos < Text.size()) {
    size_t End = Text.find(' ', Pos);
    if (End == std::string::npos)
      End = Text.size();
    ++Counts[Text.substr(Pos, End - Pos)];
    Pos = End + 1;
  }
  for (const auto &[Word, N] : Counts)
    if (N > 1 || Word.size() > 4)
      std::printf("%s=%d\n", Word.c_str(), N);

  std::vector<std::function<int(int)>> Fs = {[](int X) { return X + 1; },
                                            [](int X) { return X * X; },
                                            [K = 7](int X) { return X % K; }};
  int Acc = 3;
  for (int Round = 0; Round < 3; ++Round)
    for (auto &F : Fs)
      Acc = F(Acc);
  std::printf("acc=%d primes-sum=%d\n", Acc, std::accumulate(Primes.begin(), Primes.end(), 0));

  std::string Long;
  for (int I = 0; I < 20; ++I)
    Long += std::to_string(I * I) + ',';
  std::reverse(Long.begin(), Long.end());
  std::printf("long=%s (%zu)\n", Long.c_str(), Long.size());
  return 0;
}
