// iostream against the instrumented libc++: std::cout, std::cerr, manipulators,
// std::ostringstream / std::istringstream, std::endl flushes.
#include <iomanip>
#include <iostream>
#include <sstream>
#include <string>
#include <vector>

int main() {
  std::cout << "hello from cout " << 42 << ' ' << 3.5 << ' ' << true << std::endl;
  std::cout << std::boolalpha << true << ' ' << std::hex << 255 << std::dec << ' '
            << std::setw(8) << std::setfill('*') << 17 << ' ' << std::fixed
            << std::setprecision(3) << 2.0 / 3 << '\n';
  std::cerr << "to cerr " << -1 << '\n';
  std::ostringstream os;
  os << "a=" << 1 << ",b=" << 2.25 << ",c=" << std::string("str");
  std::cout << os.str() << '\n';
  std::istringstream is("10 20 30 forty 50");
  std::vector<int> vals;
  int v;
  while (is >> v) vals.push_back(v);
  is.clear();
  std::string word;
  is >> word;
  std::cout << "parsed " << vals.size() << " ints, sum " << vals[0] + vals[1] + vals[2]
            << ", then '" << word << "'" << std::endl;
  return 0;
}
