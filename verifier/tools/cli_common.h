//===- cli_common.h - Shared helpers of the command-line tools --*- C++ -*-===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_TOOLS_CLI_COMMON_H
#define STACKCAP_TOOLS_CLI_COMMON_H

#include <cerrno>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

namespace stackcap {
namespace cli {

constexpr int ExitUsage = 64; // EX_USAGE

/// Reads a whole file; on failure returns false with a reason.
inline bool readFile(const char *Path, std::vector<uint8_t> &Out, std::string &Error) {
  FILE *F = std::strcmp(Path, "-") == 0 ? stdin : std::fopen(Path, "rb");
  if (!F) {
    Error = std::string("cannot open ") + Path + ": " + std::strerror(errno);
    return false;
  }
  uint8_t Buf[1 << 16];
  size_t N;
  while ((N = std::fread(Buf, 1, sizeof(Buf), F)) > 0)
    Out.insert(Out.end(), Buf, Buf + N);
  bool Bad = std::ferror(F);
  if (F != stdin)
    std::fclose(F);
  if (Bad) {
    Error = std::string("cannot read ") + Path;
    return false;
  }
  return true;
}

/// Parses a decimal or 0x-prefixed u32.
inline bool parseU32(const char *S, uint32_t &Out) {
  if (!S || !*S || *S == '-' || *S == '+')
    return false;
  errno = 0;
  char *End;
  unsigned long long V = std::strtoull(S, &End, 0);
  if (errno || *End || V > UINT32_MAX)
    return false;
  Out = static_cast<uint32_t>(V);
  return true;
}

/// Value of "--name=value" or "--name value" at argv[I]; advances I.
inline bool optionValue(int Argc, char **Argv, int &I, const char *Name, const char *&Value) {
  size_t Len = std::strlen(Name);
  const char *A = Argv[I];
  if (std::strncmp(A, Name, Len) != 0)
    return false;
  if (A[Len] == '=') {
    Value = A + Len + 1;
    return true;
  }
  if (A[Len] != '\0')
    return false;
  Value = I + 1 < Argc ? Argv[++I] : nullptr;
  return true;
}

inline std::string jsonString(const std::string &S) {
  std::string Out = "\"";
  for (unsigned char C : S) {
    switch (C) {
    case '"': Out += "\\\""; break;
    case '\\': Out += "\\\\"; break;
    case '\n': Out += "\\n"; break;
    case '\t': Out += "\\t"; break;
    default:
      if (C < 0x20 || C >= 0x7f) {
        char Buf[8];
        std::snprintf(Buf, sizeof(Buf), "\\u%04x", C);
        Out += Buf;
      } else {
        Out += static_cast<char>(C);
      }
    }
  }
  return Out + "\"";
}

/// Names from the name section are arbitrary bytes: print them safely.
inline std::string printable(const std::string &S) {
  std::string Out;
  for (unsigned char C : S) {
    if (C < 0x20 || C == 0x7f) {
      char Buf[8];
      std::snprintf(Buf, sizeof(Buf), "\\x%02x", C);
      Out += Buf;
    } else {
      Out += static_cast<char>(C);
    }
  }
  return Out;
}

} // namespace cli
} // namespace stackcap

#endif
