// A hosted C++ program on the instrumented WASI runtime: libc++ containers,
// strings, virtual dispatch, a static constructor, printf.
#include <algorithm>
#include <cstdio>
#include <map>
#include <memory>
#include <string>
#include <vector>

struct Shape {
  virtual ~Shape() = default;
  virtual int area() const = 0;
};
struct Rect : Shape {
  int W, H;
  Rect(int W, int H) : W(W), H(H) {}
  int area() const override { return W * H; }
};
static std::map<std::string, int> Registry = {{"one", 1}, {"two", 2}};

int main(int argc, char **argv) {
  std::vector<std::unique_ptr<Shape>> Shapes;
  for (int I = 1; I <= 4; ++I)
    Shapes.push_back(std::make_unique<Rect>(I, I + 1));
  int Total = 0;
  for (const auto &S : Shapes)
    Total += S->area();
  std::vector<std::string> Words = {"pear", "apple", "fig"};
  std::sort(Words.begin(), Words.end());
  std::string Joined;
  for (const auto &W : Words)
    Joined += W + " ";
  std::printf("total %d, words %s, registry %zu, args %d\n", Total, Joined.c_str(),
              Registry.size(), argc);
  return 0;
}
