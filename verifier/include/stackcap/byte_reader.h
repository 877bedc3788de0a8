//===- byte_reader.h - Bounds-checked reader for wasm binaries --*- C++ -*-===//
//
// Part of stackcap. A cursor over an immutable byte range that never reads out
// of bounds: every read reports failure instead, and the reader stays failed.
// Every read's result must be checked ([[nodiscard]]).
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_BYTE_READER_H
#define STACKCAP_BYTE_READER_H

#include <cstddef>
#include <cstdint>
#include <cstdlib>
#include <stdexcept>
#include <string_view>

namespace stackcap {

class ByteReader {
public:
  ByteReader() = default;
  ByteReader(const uint8_t *Data, size_t Size) : Begin(Data), Cur(Data), End(Data + Size) {}
  /// A reader of bytes [\p From, \p To) of \p Data whose offsets count from
  /// \p Data; \p From <= \p To.
  ByteReader(const uint8_t *Data, size_t From, size_t To)
      : Begin(Data), Cur(Data + From), End(Data + To) {}

  size_t offset() const { return static_cast<size_t>(Cur - Begin); }
  size_t remaining() const { return static_cast<size_t>(End - Cur); }
  bool atEnd() const { return Cur == End; }
  bool failed() const { return Failed; }
  const uint8_t *position() const { return Cur; }
  const uint8_t *begin() const { return Begin; }

  /// For bytes an earlier decode already validated (the rewriters re-read
  /// decoded modules): a failed read there is a bug in stackcap, not bad
  /// input, and must not go unnoticed.
  static void mustSucceed(bool Ok) {
    if (!Ok) {
#if defined(__cpp_exceptions) || defined(__EXCEPTIONS)
      throw std::logic_error("stackcap: re-reading a decoded module failed");
#else
      std::abort(); // built without exceptions (the compiler plugin)
#endif
    }
  }

  /// Marks the reader failed; all later reads fail too.
  bool fail() {
    Failed = true;
    Cur = End;
    return false;
  }

  [[nodiscard]] bool readByte(uint8_t &Out) {
    if (Failed || Cur == End)
      return fail();
    Out = *Cur++;
    return true;
  }

  [[nodiscard]] bool peekByte(uint8_t &Out) const {
    if (Failed || Cur == End)
      return false;
    Out = *Cur;
    return true;
  }

  [[nodiscard]] bool skip(size_t N) {
    if (Failed || N > remaining())
      return fail();
    Cur += N;
    return true;
  }

  /// skip() for a caller that has already checked remaining() >= \p N.
  void advance(size_t N) { Cur += N; }

  [[nodiscard]] bool readBytes(size_t N, const uint8_t *&Out) {
    if (Failed || N > remaining())
      return fail();
    Out = Cur;
    Cur += N;
    return true;
  }

  /// Unsigned LEB128 of at most \p Bits bits (32 or 64), as the wasm spec
  /// limits it: at most ceil(Bits/7) bytes, unused bits of the last byte zero.
  [[nodiscard]] bool readULEB(uint64_t &Out, unsigned Bits) { return readLEB<false>(Out, Bits); }

  /// Signed LEB128 of at most \p Bits bits (32, 33 or 64): the unused bits of
  /// the last byte must all equal the sign bit.
  [[nodiscard]] bool readSLEB(int64_t &Out, unsigned Bits) {
    uint64_t V;
    if (!readLEB<true>(V, Bits))
      return false;
    Out = static_cast<int64_t>(V);
    return true;
  }

  [[nodiscard]] bool readU32(uint32_t &Out) {
    uint64_t V;
    if (!readULEB(V, 32))
      return false;
    Out = static_cast<uint32_t>(V);
    return true;
  }

  [[nodiscard]] bool readFixedU32(uint32_t &Out) {
    const uint8_t *P;
    if (!readBytes(4, P))
      return false;
    Out = uint32_t(P[0]) | uint32_t(P[1]) << 8 | uint32_t(P[2]) << 16 | uint32_t(P[3]) << 24;
    return true;
  }

  /// A wasm `name`: u32 length then its bytes. They are not validated as
  /// UTF-8 here (see isValidUtf8): callers report that error themselves.
  [[nodiscard]] bool readName(std::string_view &Out) {
    uint32_t Len;
    const uint8_t *P;
    if (!readU32(Len) || !readBytes(Len, P))
      return false;
    Out = std::string_view(reinterpret_cast<const char *>(P), Len);
    return true;
  }

private:
  /// LEB128 of at most \p Bits bits, sign-extended to 64 when \p Signed.
  template <bool Signed> bool readLEB(uint64_t &Out, unsigned Bits) {
    uint64_t Result = 0;
    unsigned Shift = 0;
    const unsigned MaxBytes = (Bits + 6) / 7;
    for (unsigned I = 0; I < MaxBytes; ++I) {
      uint8_t B;
      if (!readByte(B))
        return false;
      if (I == MaxBytes - 1) {
        if (B & 0x80)
          return fail();
        unsigned UsedBits = Bits - Shift; // 1..7
        if (UsedBits < 7) {
          // The unused high bits: zero, or for a signed LEB the sign bit.
          uint8_t Rest = static_cast<uint8_t>((B & 0x7f) >> UsedBits);
          bool Negative = Signed && ((B >> (UsedBits - 1)) & 1);
          uint8_t Expected = Negative ? static_cast<uint8_t>(0x7f >> UsedBits) : 0;
          if (Rest != Expected)
            return fail();
        }
      }
      Result |= static_cast<uint64_t>(B & 0x7f) << Shift;
      Shift += 7;
      if (!(B & 0x80)) {
        if (Signed && Shift < 64 && (B & 0x40))
          Result |= ~uint64_t(0) << Shift;
        Out = Result;
        return true;
      }
    }
    return fail();
  }

  const uint8_t *Begin = nullptr;
  const uint8_t *Cur = nullptr;
  const uint8_t *End = nullptr;
  bool Failed = false;
};

/// Length of the well-formed UTF-8 sequence at \p P (of \p N > 0 bytes) whose
/// first byte is at least 0x80, or 0 when it is not one (overlong forms,
/// surrogates and code points above U+10FFFF are not well-formed).
inline size_t utf8SequenceLength(const unsigned char *P, size_t N) {
  unsigned char C = P[0];
  size_t Len;
  unsigned char Lo = 0x80, Hi = 0xbf; // range of the second byte
  if (C >= 0xc2 && C <= 0xdf) {
    Len = 2;
  } else if (C >= 0xe0 && C <= 0xef) {
    Len = 3;
    if (C == 0xe0)
      Lo = 0xa0; // no overlong forms
    else if (C == 0xed)
      Hi = 0x9f; // no surrogates
  } else if (C >= 0xf0 && C <= 0xf4) {
    Len = 4;
    if (C == 0xf0)
      Lo = 0x90;
    else if (C == 0xf4)
      Hi = 0x8f; // nothing above U+10FFFF
  } else {
    return 0;
  }
  if (N < Len || P[1] < Lo || P[1] > Hi)
    return 0;
  for (size_t I = 2; I < Len; ++I)
    if (P[I] < 0x80 || P[I] > 0xbf)
      return 0;
  return Len;
}

/// Whether \p S is well-formed UTF-8, as every wasm `name` must be. On
/// failure \p BadAt receives the offset of the first byte that is not part
/// of a well-formed sequence.
[[nodiscard]] inline bool isValidUtf8(std::string_view S, size_t &BadAt) {
  const unsigned char *P = reinterpret_cast<const unsigned char *>(S.data());
  for (size_t I = 0, N = S.size(); I < N;) {
    if (P[I] < 0x80) {
      ++I;
      continue;
    }
    size_t Len = utf8SequenceLength(P + I, N - I);
    if (!Len) {
      BadAt = I;
      return false;
    }
    I += Len;
  }
  return true;
}

} // namespace stackcap

#endif
