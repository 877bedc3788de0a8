// verify-cpp: verifies WebAssembly modules with stackcap's C++ classes over
// the C API (stackcap/stackcap_verify.hpp), linked from the installed SDK:
//
//   c++ -std=c++17 verify.cpp $(pkg-config --cflags --libs stackcap-verify) -o verify-cpp
//   verify-cpp [--limit N] module.wasm...
//
// The same output and exit status as verify-c (verify.c).
#include "stackcap/stackcap_verify.hpp"

#include <cstdio>
#include <fstream>
#include <iostream>
#include <iterator>
#include <stdexcept>
#include <string>
#include <vector>

int main(int argc, char **argv) {
  std::optional<uint32_t> Limit;
  int First = 1;
  if (argc > 2 && std::string(argv[1]) == "--limit") {
    try {
      unsigned long V = std::stoul(argv[2]);
      if (V == 0 || V > UINT32_MAX)
        throw std::out_of_range("limit");
      Limit = static_cast<uint32_t>(V);
    } catch (const std::exception &) {
      std::cerr << "verify-cpp: --limit needs a number from 1 to 4294967295\n";
      return STACKCAP_ERROR;
    }
    First = 3;
  }
  std::cout << "library: " << stackcap::versionLine() << ", C API " << stackcap_api_version()
            << " (header " << STACKCAP_VERIFY_API_VERSION << "), profiles:";
  for (const std::string &P : stackcap::profiles())
    std::cout << ' ' << P;
  std::cout << '\n';
  if (First >= argc) {
    std::cerr << "usage: verify-cpp [--limit N] module.wasm...\n";
    return STACKCAP_ERROR;
  }
  int Worst = STACKCAP_VERIFIED;
  for (int I = First; I < argc; ++I) {
    std::ifstream In(argv[I], std::ios::binary);
    if (!In) {
      std::cerr << "verify-cpp: cannot read " << argv[I] << '\n';
      Worst = STACKCAP_ERROR;
      continue;
    }
    std::vector<uint8_t> Bytes((std::istreambuf_iterator<char>(In)), std::istreambuf_iterator<char>());
    stackcap::Report R = stackcap::verify(Bytes, Limit);
    if (R.verified()) {
      std::cout << argv[I] << ": verified (limit " << R.limit() << ", " << R.instrumentedCalls()
                << " instrumented calls, " << R.thunks() << " thunks, " << R.functionCount()
                << " functions)\n";
    } else if (R.malformed()) {
      char Off[16];
      std::snprintf(Off, sizeof Off, "0x%x", R.errorOffset());
      std::cout << argv[I] << ": malformed at offset " << Off << ": " << R.error() << '\n';
    } else if (R.status() == STACKCAP_VIOLATIONS) {
      std::cout << argv[I] << ": rejected: " << R.violationCount() << " violations\n";
      for (const stackcap::ViolationInfo &V : R.violations()) {
        if (V.Function == UINT32_MAX)
          std::cout << "  module";
        else
          std::cout << "  func " << V.Function << " ("
                    << (V.FunctionName.empty() ? "unnamed" : V.FunctionName) << ")";
        char Off[16];
        std::snprintf(Off, sizeof Off, "0x%x", V.Offset);
        std::cout << " at offset " << Off << ": rule " << V.Rule << " (" << V.RuleTitle
                  << "): " << V.Message << '\n';
      }
    } else {
      std::cout << argv[I] << ": error (out of memory)\n";
    }
    if (R.status() > Worst)
      Worst = R.status();
  }
  return Worst;
}
