#include <cstdio>
#include <string>
#include <vector>
extern "C" int greet(const char *who, char *buf, int size);
int main(int argc, char **argv) {
  std::vector<std::string> names(argv + 1, argv + argc);
  char buf[64];
  for (const std::string &n : names) {
    greet(n.c_str(), buf, sizeof buf);
    std::printf("%s\n", buf);
  }
  return static_cast<int>(names.size());
}
