//===- demangle.cpp - Readable names for Rust symbols ---------------------===//
//
// Part of stackcap. Written from the mangling descriptions in the Rust
// reference (v0: "Symbol name mangling", RFC 2603) and rustc's legacy scheme.
// Anything not understood completely leaves the symbol as it is.
//
//===----------------------------------------------------------------------===//
#include "stackcap/demangle.h"

#include <cstdint>

namespace stackcap {

namespace {

bool isDigit(char C) { return C >= '0' && C <= '9'; }
bool isHex(char C) { return isDigit(C) || (C >= 'a' && C <= 'f'); }
bool isLower(char C) { return C >= 'a' && C <= 'z'; }
bool isUpper(char C) { return C >= 'A' && C <= 'Z'; }

/// Splits off a suffix such as ".llvm.123" or ".stackcap_body", rendered as
/// " (.suffix)".
std::string suffixOf(std::string_view Rest) {
  if (Rest.empty())
    return std::string();
  return " (" + std::string(Rest) + ")";
}

//===-- legacy ------------------------------------------------------------===//

/// One `$...$` escape of a legacy identifier, at \p S (which starts with
/// '$'). Appends the character and returns the escape's length, or 0.
size_t legacyEscape(std::string_view S, std::string &Out) {
  size_t End = S.find('$', 1);
  if (End == std::string_view::npos)
    return 0;
  std::string_view E = S.substr(1, End - 1);
  static const struct {
    const char *Code;
    char C;
  } Table[] = {{"SP", '@'}, {"BP", '*'}, {"RF", '&'}, {"LT", '<'},
               {"GT", '>'}, {"LP", '('}, {"RP", ')'}, {"C", ','}};
  for (const auto &T : Table)
    if (E == T.Code) {
      Out += T.C;
      return End + 1;
    }
  if (E.size() >= 2 && E[0] == 'u') {
    uint32_t V = 0;
    for (char C : E.substr(1)) {
      if (!isHex(C) || V > 0x10ffff)
        return 0;
      V = V * 16 + static_cast<uint32_t>(isDigit(C) ? C - '0' : C - 'a' + 10);
    }
    if (V < 0x20 || V == 0x7f || V > 0x10ffff || (V >= 0xd800 && V <= 0xdfff))
      return 0;
    if (V < 0x80) {
      Out += static_cast<char>(V);
    } else if (V < 0x800) {
      Out += static_cast<char>(0xc0 | (V >> 6));
      Out += static_cast<char>(0x80 | (V & 0x3f));
    } else if (V < 0x10000) {
      Out += static_cast<char>(0xe0 | (V >> 12));
      Out += static_cast<char>(0x80 | ((V >> 6) & 0x3f));
      Out += static_cast<char>(0x80 | (V & 0x3f));
    } else {
      Out += static_cast<char>(0xf0 | (V >> 18));
      Out += static_cast<char>(0x80 | ((V >> 12) & 0x3f));
      Out += static_cast<char>(0x80 | ((V >> 6) & 0x3f));
      Out += static_cast<char>(0x80 | (V & 0x3f));
    }
    return End + 1;
  }
  return 0;
}

bool legacyIdent(std::string_view Id, std::string &Out) {
  // rustc prefixes an identifier that starts with '$' with '_'.
  if (Id.size() >= 2 && Id[0] == '_' && Id[1] == '$')
    Id.remove_prefix(1);
  for (size_t I = 0; I < Id.size();) {
    if (Id[I] == '$') {
      size_t Len = legacyEscape(Id.substr(I), Out);
      if (!Len)
        return false;
      I += Len;
    } else if (Id[I] == '.' && I + 1 < Id.size() && Id[I + 1] == '.') {
      Out += "::";
      I += 2;
    } else {
      Out += Id[I++];
    }
  }
  return true;
}

bool demangleLegacy(std::string_view S, std::string &Out) {
  // `_ZN` (also `ZN`, `__ZN`) {len ident} `E` [suffix]
  if (S.substr(0, 3) == "_ZN")
    S.remove_prefix(3);
  else if (S.substr(0, 4) == "__ZN")
    S.remove_prefix(4);
  else
    return false;
  std::string Path;
  std::string_view Last;
  unsigned Components = 0;
  while (!S.empty() && S[0] != 'E') {
    size_t Len = 0, I = 0;
    while (I < S.size() && isDigit(S[I])) {
      Len = Len * 10 + static_cast<size_t>(S[I] - '0');
      if (Len > S.size())
        return false;
      ++I;
    }
    if (I == 0 || Len == 0 || I + Len > S.size())
      return false;
    std::string_view Id = S.substr(I, Len);
    S.remove_prefix(I + Len);
    if (Components++) {
      // The previous component is part of the path; this one may be the hash.
      if (!Path.empty())
        Path += "::";
      if (!legacyIdent(Last, Path))
        return false;
    }
    Last = Id;
  }
  if (S.empty() || Components < 2)
    return false;
  S.remove_prefix(1); // 'E'
  // The last component must be the hash: 'h' and 16 hex digits.
  if (Last.size() != 17 || Last[0] != 'h')
    return false;
  for (char C : Last.substr(1))
    if (!isHex(C))
      return false;
  if (!S.empty() && S[0] != '.')
    return false; // C++ (parameter types follow the name)
  Out = Path + suffixOf(S);
  return true;
}

//===-- v0 ----------------------------------------------------------------===//

class V0Demangler {
public:
  explicit V0Demangler(std::string_view Sym) : S(Sym) {}

  bool run(std::string &Out) {
    if (Pos < S.size() && isDigit(S[Pos]))
      return false; // an encoding version other than 0
    if (!path(true))
      return false;
    // An optional instantiating crate, then the suffix.
    if (Pos < S.size() && S[Pos] != '.') {
      std::string Saved;
      Saved.swap(Buf);
      bool Ok = path(false);
      Buf.swap(Saved);
      if (!Ok)
        return false;
    }
    if (Pos < S.size() && S[Pos] != '.')
      return false;
    Out = Buf + suffixOf(S.substr(Pos));
    return true;
  }

private:
  std::string_view S; // after "_R"
  size_t Pos = 0;
  std::string Buf;
  unsigned Depth = 0;
  static constexpr unsigned MaxDepth = 256;
  static constexpr size_t MaxOutput = 4096;

  bool eat(char C) {
    if (Pos < S.size() && S[Pos] == C) {
      ++Pos;
      return true;
    }
    return false;
  }
  char peek() const { return Pos < S.size() ? S[Pos] : '\0'; }
  bool next(char &C) {
    if (Pos >= S.size())
      return false;
    C = S[Pos++];
    return true;
  }
  void print(std::string_view T) { Buf.append(T.data(), T.size()); }

  /// base-62-number: {[0-9a-zA-Z]} "_", "_" being 0 and others value + 1.
  bool base62(uint64_t &V) {
    if (eat('_')) {
      V = 0;
      return true;
    }
    uint64_t X = 0;
    char C;
    for (;;) {
      if (!next(C))
        return false;
      if (C == '_')
        break;
      uint64_t D;
      if (isDigit(C))
        D = static_cast<uint64_t>(C - '0');
      else if (isLower(C))
        D = static_cast<uint64_t>(C - 'a' + 10);
      else if (isUpper(C))
        D = static_cast<uint64_t>(C - 'A' + 36);
      else
        return false;
      if (X > (UINT64_MAX - D) / 62)
        return false;
      X = X * 62 + D;
    }
    if (X == UINT64_MAX)
      return false;
    V = X + 1;
    return true;
  }
  /// An optional `tag` base-62-number, as value + 1; 0 when absent.
  bool optBase62(char Tag, uint64_t &V) {
    V = 0;
    if (!eat(Tag))
      return true;
    if (!base62(V) || V == UINT64_MAX)
      return false;
    ++V;
    return true;
  }
  bool decimal(size_t &V) {
    if (!isDigit(peek()))
      return false;
    if (peek() == '0') {
      ++Pos;
      V = 0;
      return true;
    }
    V = 0;
    while (isDigit(peek())) {
      V = V * 10 + static_cast<size_t>(S[Pos++] - '0');
      if (V > S.size())
        return false;
    }
    return true;
  }
  bool ident(std::string_view &Name) {
    if (peek() == 'u')
      return false; // punycode: left mangled
    size_t Len;
    if (!decimal(Len))
      return false;
    eat('_');
    if (Pos + Len > S.size())
      return false;
    Name = S.substr(Pos, Len);
    Pos += Len;
    return true;
  }

  /// Runs \p F at the position a backreference names, then comes back.
  template <typename Fn> bool backref(Fn F) {
    size_t Start = Pos - 1; // the 'B'
    uint64_t Target;
    if (!base62(Target) || Target >= Start)
      return false;
    size_t Saved = Pos;
    Pos = static_cast<size_t>(Target);
    bool Ok = F();
    Pos = Saved;
    return Ok;
  }

  struct DepthGuard {
    V0Demangler &D;
    bool Ok;
    explicit DepthGuard(V0Demangler &D) : D(D), Ok(++D.Depth <= MaxDepth && D.Buf.size() < MaxOutput) {}
    ~DepthGuard() { --D.Depth; }
  };

  bool path(bool InValue) {
    DepthGuard G(*this);
    if (!G.Ok)
      return false;
    char C;
    if (!next(C))
      return false;
    switch (C) {
    case 'C': { // crate root
      uint64_t Dis;
      std::string_view Name;
      if (!optBase62('s', Dis) || !ident(Name))
        return false;
      print(Name);
      return true;
    }
    case 'M': { // <T>
      uint64_t Dis;
      if (!optBase62('s', Dis) || !skipPath())
        return false;
      print("<");
      if (!type())
        return false;
      print(">");
      return true;
    }
    case 'X': { // <T as Trait> of an impl path: its disambiguator and path first
      uint64_t Dis;
      if (!optBase62('s', Dis) || !skipPath())
        return false;
      [[fallthrough]];
    }
    case 'Y': // <T as Trait>
      print("<");
      if (!type())
        return false;
      print(" as ");
      if (!path(false))
        return false;
      print(">");
      return true;
    case 'N': { // ...::ident, or a closure or shim
      char Ns;
      if (!next(Ns) || !(isLower(Ns) || isUpper(Ns)))
        return false;
      if (!path(InValue))
        return false;
      uint64_t Dis;
      std::string_view Name;
      if (!optBase62('s', Dis) || !ident(Name))
        return false;
      if (isUpper(Ns)) {
        print("::{");
        print(Ns == 'C' ? "closure" : Ns == 'S' ? "shim" : std::string_view(&Ns, 1));
        if (!Name.empty()) {
          print(":");
          print(Name);
        }
        print("#" + std::to_string(Dis) + "}");
      } else if (!Name.empty()) {
        print("::");
        print(Name);
      }
      return true;
    }
    case 'I': { // path<args>
      if (!path(InValue))
        return false;
      print(InValue ? "::<" : "<");
      for (bool First = true; !eat('E'); First = false) {
        if (!First)
          print(", ");
        if (!genericArg())
          return false;
      }
      print(">");
      return true;
    }
    case 'B':
      return backref([&] { return path(InValue); });
    default:
      return false;
    }
  }

  /// An impl-path's path is not printed (it names the impl's module).
  bool skipPath() {
    std::string Saved;
    Saved.swap(Buf);
    bool Ok = path(false);
    Buf.swap(Saved);
    return Ok;
  }

  bool genericArg() {
    if (eat('L'))
      return lifetime();
    if (eat('K'))
      return constant();
    return type();
  }

  bool lifetime() {
    uint64_t L;
    if (!base62(L))
      return false;
    print(L == 0 ? "'_" : "'l" + std::to_string(L));
    return true;
  }

  static const char *basicType(char C) {
    switch (C) {
    case 'a': return "i8";
    case 'b': return "bool";
    case 'c': return "char";
    case 'd': return "f64";
    case 'e': return "str";
    case 'f': return "f32";
    case 'h': return "u8";
    case 'i': return "isize";
    case 'j': return "usize";
    case 'l': return "i32";
    case 'm': return "u32";
    case 'n': return "i128";
    case 'o': return "u128";
    case 's': return "i16";
    case 't': return "u16";
    case 'u': return "()";
    case 'v': return "...";
    case 'x': return "i64";
    case 'y': return "u64";
    case 'z': return "!";
    case 'p': return "_";
    default: return nullptr;
    }
  }

  bool type() {
    DepthGuard G(*this);
    if (!G.Ok)
      return false;
    char C = peek();
    if (const char *B = basicType(C)) {
      ++Pos;
      print(B);
      return true;
    }
    switch (C) {
    case 'A': // [T; N]
      ++Pos;
      print("[");
      if (!type())
        return false;
      print("; ");
      if (!constant())
        return false;
      print("]");
      return true;
    case 'S': // [T]
      ++Pos;
      print("[");
      if (!type())
        return false;
      print("]");
      return true;
    case 'T': { // (A, B)
      ++Pos;
      print("(");
      unsigned N = 0;
      for (; !eat('E'); ++N) {
        if (N)
          print(", ");
        if (!type())
          return false;
      }
      print(N == 1 ? ",)" : ")");
      return true;
    }
    case 'R': case 'Q': { // &T, &mut T
      ++Pos;
      print("&");
      if (eat('L')) {
        uint64_t L;
        if (!base62(L))
          return false;
        if (L) {
          print("'l" + std::to_string(L));
          print(" ");
        }
      }
      if (C == 'Q')
        print("mut ");
      return type();
    }
    case 'P': case 'O': // *const T, *mut T
      ++Pos;
      print(C == 'P' ? "*const " : "*mut ");
      return type();
    case 'F': // fn(...) -> R
      ++Pos;
      return fnSig();
    case 'D': // dyn Trait + ...
      ++Pos;
      return dynBounds();
    case 'B':
      ++Pos;
      return backref([&] { return type(); });
    default:
      return path(false);
    }
  }

  bool fnSig() {
    uint64_t Binder;
    if (!optBase62('G', Binder))
      return false;
    if (eat('U'))
      print("unsafe ");
    if (eat('K')) {
      print("extern \"");
      if (eat('C')) {
        print("C");
      } else {
        std::string_view Abi;
        if (!ident(Abi))
          return false;
        for (char A : Abi)
          Buf += A == '_' ? '-' : A;
      }
      print("\" ");
    }
    print("fn(");
    for (bool First = true; !eat('E'); First = false) {
      if (!First)
        print(", ");
      if (!type())
        return false;
    }
    print(")");
    if (peek() == 'u') {
      ++Pos; // returns ()
      return true;
    }
    print(" -> ");
    return type();
  }

  bool dynBounds() {
    uint64_t Binder;
    if (!optBase62('G', Binder))
      return false;
    print("dyn ");
    for (bool First = true; !eat('E'); First = false) {
      if (!First)
        print(" + ");
      if (!dynTrait())
        return false;
    }
    if (!eat('L'))
      return false;
    uint64_t L;
    if (!base62(L))
      return false;
    if (L)
      print(" + 'l" + std::to_string(L));
    return true;
  }

  /// A trait path with its associated type bindings, printed inside the
  /// trait's generic arguments: `Trait<Item = T>`.
  bool dynTrait() {
    size_t Start = Buf.size();
    if (!path(false))
      return false;
    bool Open = false;
    while (eat('p')) {
      if (!Open) {
        if (!Buf.empty() && Buf.back() == '>' && Buf.size() > Start) {
          Buf.pop_back();
          print(", ");
        } else {
          print("<");
        }
        Open = true;
      } else {
        print(", ");
      }
      std::string_view Name;
      if (!ident(Name))
        return false;
      print(Name);
      print(" = ");
      if (!type())
        return false;
    }
    if (Open)
      print(">");
    return true;
  }

  bool constant() {
    DepthGuard G(*this);
    if (!G.Ok)
      return false;
    if (eat('p')) {
      print("_");
      return true;
    }
    if (eat('B'))
      return backref([&] { return constant(); });
    char T;
    if (!next(T))
      return false;
    bool Neg = eat('n');
    size_t Start = Pos;
    while (isHex(peek()))
      ++Pos;
    std::string_view Hex = S.substr(Start, Pos - Start);
    if (!eat('_'))
      return false;
    bool Signed = T == 'a' || T == 's' || T == 'l' || T == 'x' || T == 'n' || T == 'i';
    bool Unsigned = T == 'h' || T == 't' || T == 'm' || T == 'y' || T == 'o' || T == 'j';
    if ((!Signed && Neg) || (!Signed && !Unsigned && T != 'b' && T != 'c'))
      return false;
    uint64_t V = 0;
    bool Fits = Hex.size() <= 16;
    for (char C : Hex)
      V = V * 16 + static_cast<uint64_t>(isDigit(C) ? C - '0' : C - 'a' + 10);
    if (T == 'b') {
      if (!Fits || V > 1)
        return false;
      print(V ? "true" : "false");
      return true;
    }
    if (T == 'c') {
      if (!Fits || V < 0x20 || V >= 0x7f)
        return false; // only printable ASCII characters are printed
      print("'");
      Buf += static_cast<char>(V);
      print("'");
      return true;
    }
    if (Neg)
      print("-");
    if (Fits)
      print(std::to_string(V));
    else {
      print("0x");
      print(Hex);
    }
    return true;
  }
};

} // namespace

std::string demangleSymbol(std::string_view Name) {
  std::string Out;
  if (Name.size() > 2 && Name.substr(0, 2) == "_R") {
    if (V0Demangler(Name.substr(2)).run(Out))
      return Out;
  } else if (demangleLegacy(Name, Out)) {
    return Out;
  }
  return std::string(Name);
}

} // namespace stackcap
