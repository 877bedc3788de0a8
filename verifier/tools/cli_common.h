//===- cli_common.h - Shared helpers of the command-line tools --*- C++ -*-===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_TOOLS_CLI_COMMON_H
#define STACKCAP_TOOLS_CLI_COMMON_H

#include "stackcap/byte_reader.h"
#include "stackcap/version_info.h"

#include <cctype>
#include <cerrno>
#include <charconv>
#include <cstdint>
#include <cstdio>
#include <cstdlib>
#include <cstring>
#include <string>
#include <vector>

#include <fcntl.h>
#include <sys/mman.h>
#include <sys/stat.h>
#include <unistd.h>

namespace stackcap {
namespace cli {

constexpr int ExitUsage = 64; // EX_USAGE

/// Reads a whole file; on failure returns false with a reason. A regular
/// file is read straight into a buffer of its size (no growth, no copies);
/// anything else (standard input, pipes) is read in chunks.
inline bool readFile(const char *Path, std::vector<uint8_t> &Out, std::string &Error) {
  FILE *F = std::strcmp(Path, "-") == 0 ? stdin : std::fopen(Path, "rb");
  if (!F) {
    Error = std::string("cannot open ") + Path + ": " + std::strerror(errno);
    return false;
  }
  struct stat St;
  if (fstat(fileno(F), &St) == 0 && S_ISREG(St.st_mode) && St.st_size > 0) {
    size_t Have = Out.size();
    Out.resize(Have + static_cast<size_t>(St.st_size));
    size_t Got = std::fread(Out.data() + Have, 1, static_cast<size_t>(St.st_size), F);
    Out.resize(Have + Got); // the file may have shrunk meanwhile
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

/// The bytes of a file, mapped read-only where it is a regular file (so they
/// cost no heap and no copy), else read into memory with readFile.
class FileBytes {
public:
  FileBytes() = default;
  FileBytes(const FileBytes &) = delete;
  FileBytes &operator=(const FileBytes &) = delete;
  ~FileBytes() {
    if (Mapped)
      munmap(Mapped, MappedSize);
  }

  bool open(const char *Path, std::string &Error) {
    if (std::strcmp(Path, "-") != 0) {
      int Fd = ::open(Path, O_RDONLY | O_CLOEXEC);
      if (Fd < 0) {
        Error = std::string("cannot open ") + Path + ": " + std::strerror(errno);
        return false;
      }
      struct stat St;
      if (fstat(Fd, &St) == 0 && S_ISDIR(St.st_mode)) {
        ::close(Fd);
        Error = std::string("cannot read ") + Path + ": " + std::strerror(EISDIR);
        return false;
      }
      if (fstat(Fd, &St) == 0 && S_ISREG(St.st_mode) && St.st_size > 0) {
        void *P = mmap(nullptr, static_cast<size_t>(St.st_size), PROT_READ, MAP_PRIVATE, Fd, 0);
        if (P != MAP_FAILED) {
          ::close(Fd);
          Mapped = P;
          MappedSize = static_cast<size_t>(St.st_size);
          // Read front to back exactly once.
          madvise(P, MappedSize, MADV_SEQUENTIAL);
          return true;
        }
      }
      ::close(Fd);
    }
    return readFile(Path, Buffer, Error);
  }

  const uint8_t *data() const {
    return Mapped ? static_cast<const uint8_t *>(Mapped) : Buffer.data();
  }
  size_t size() const { return Mapped ? MappedSize : Buffer.size(); }

private:
  void *Mapped = nullptr;
  size_t MappedSize = 0;
  std::vector<uint8_t> Buffer;
};

/// Parses a decimal or 0x-prefixed u32: digits only, nothing before or
/// after them (no sign, no blanks, no empty "0x"). Leading zeros are decimal,
/// never octal: a limit of 0010 is ten.
inline bool parseU32(const char *S, uint32_t &Out) {
  if (!S)
    return false;
  const char *End = S + std::strlen(S);
  int Base = 10;
  if (S[0] == '0' && (S[1] == 'x' || S[1] == 'X')) {
    S += 2;
    Base = 16;
  }
  // from_chars takes no sign for an unsigned type, and no blanks.
  if (S == End || !std::isxdigit(static_cast<unsigned char>(*S)))
    return false;
  uint32_t V;
  std::from_chars_result R = std::from_chars(S, End, V, Base);
  if (R.ec != std::errc() || R.ptr != End)
    return false;
  Out = V;
  return true;
}

/// Prints what every tool's --version prints: "stackcap 0.1.0 (git
/// abc1234)" (a fixed format that other tools parse), then the profiles.
inline void printVersion() {
  std::printf("%s\nprofiles: %s\n", versionLine(), profiles());
}

/// --help (-h) and --version, which every tool takes: true when \p Arg is
/// one of them, which has then been answered (the tool exits 0).
inline bool answersHelpOrVersion(const char *Arg, const char *Usage) {
  if (!std::strcmp(Arg, "--help") || !std::strcmp(Arg, "-h")) {
    std::fputs(Usage, stdout);
    return true;
  }
  if (!std::strcmp(Arg, "--version")) {
    printVersion();
    return true;
  }
  return false;
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

/// A JSON string literal. Well-formed UTF-8 (names and export names usually
/// are) is kept as it is; any other byte outside printable ASCII is escaped
/// as the code point of the same value.
inline std::string jsonString(const std::string &S) {
  std::string Out = "\"";
  const unsigned char *P = reinterpret_cast<const unsigned char *>(S.data());
  for (size_t I = 0, N = S.size(); I < N; ++I) {
    unsigned char C = P[I];
    switch (C) {
    case '"': Out += "\\\""; break;
    case '\\': Out += "\\\\"; break;
    case '\n': Out += "\\n"; break;
    case '\t': Out += "\\t"; break;
    default:
      if (C >= 0x80) {
        if (size_t Len = utf8SequenceLength(P + I, N - I)) {
          Out.append(S, I, Len);
          I += Len - 1;
          break;
        }
      }
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
