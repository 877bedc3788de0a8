// The C++ API of the static library (stackcap/verify.h), from an installed
// SDK: verifies a module and prints what it found.
#include "stackcap/verify.h"

#include <cstdio>
#include <fstream>
#include <iterator>
#include <vector>

int main(int argc, char **argv) {
  if (argc != 2)
    return 3;
  std::ifstream In(argv[1], std::ios::binary);
  std::vector<uint8_t> Bytes((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
  stackcap::VerifyOptions Opts;
  stackcap::VerifyReport Report;
  stackcap::Module M;
  stackcap::verifyModule(Bytes.data(), Bytes.size(), Opts, Report, &M);
  std::printf("verified %d, limit %u, violations %llu\n", Report.verified() ? 1 : 0, Report.Limit,
              static_cast<unsigned long long>(Report.NumViolations));
  for (const stackcap::Violation &V : Report.Violations)
    std::printf("  %s: rule %u: %s\n", stackcap::describeFunction(M, V.Func).c_str(),
                static_cast<unsigned>(V.R), V.Message.c_str());
  return Report.verified() ? 0 : 1;
}
