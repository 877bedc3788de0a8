//===- link_map.h - Which object defined a function, from wasm-ld -Map ----*- C++ -*-===//
//
// Part of stackcap. Reads the link map wasm-ld writes with -Map=FILE:
//
//       Addr      Off     Size Out     In      Symbol
//          -       3d       19 CODE
//          -       3e        e         m.o:(run)
//          -       3e        e                 run
//          -       4c        8         libh.a(h.o):(helper)
//          -       4c        8                 helper
//
// Under the CODE output section, an input line names the object (or archive
// member) and its input section; the symbol lines below it name the
// functions it defines, spelt as in the name section (wasm-ld demangles both
// the same way, or neither with --no-demangle). Lines it does not understand
// are skipped: the map only improves diagnostics.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_TOOLS_LINK_MAP_H
#define STACKCAP_TOOLS_LINK_MAP_H

#include <map>
#include <string>
#include <string_view>
#include <vector>

namespace stackcap {
namespace cli {

class LinkMap {
public:
  /// Parses the text of a map. Returns false when it has no header line
  /// (not a wasm-ld map).
  bool parse(std::string_view Text) {
    Defs.clear();
    size_t InCol = 0, SymCol = 0;
    bool InCode = false;
    std::string Input;
    while (!Text.empty()) {
      size_t Nl = Text.find('\n');
      std::string_view Line = Text.substr(0, Nl);
      Text.remove_prefix(Nl == std::string_view::npos ? Text.size() : Nl + 1);
      if (!Line.empty() && Line.back() == '\r')
        Line.remove_suffix(1);
      if (!SymCol) {
        size_t In = Line.find(" In ");
        size_t Sym = Line.find(" Symbol");
        if (Line.find("Addr") != std::string_view::npos && In != std::string_view::npos &&
            Sym != std::string_view::npos && Sym > In) {
          InCol = In + 1;
          SymCol = Sym + 1;
        }
        continue;
      }
      // Addr, Off and Size, then the text at the Out, In or Symbol column.
      size_t Pos = 0;
      for (int Field = 0; Field < 3; ++Field) {
        Pos = Line.find_first_not_of(' ', Pos);
        if (Pos == std::string_view::npos)
          break;
        Pos = Line.find(' ', Pos);
        if (Pos == std::string_view::npos)
          break;
      }
      if (Pos == std::string_view::npos)
        continue;
      size_t Start = Line.find_first_not_of(' ', Pos);
      if (Start == std::string_view::npos)
        continue;
      std::string_view Rest = Line.substr(Start);
      if (Start < InCol) { // an output section
        InCode = Rest == "CODE";
        continue;
      }
      if (!InCode)
        continue;
      if (Start < SymCol) { // "object:(section)"
        size_t Colon = Rest.rfind(":(");
        Input = std::string(Colon == std::string_view::npos ? Rest : Rest.substr(0, Colon));
        continue;
      }
      if (!Input.empty()) {
        std::vector<std::string> &Objs = Defs[std::string(Rest)];
        bool Seen = false;
        for (const std::string &O : Objs)
          Seen |= O == Input;
        if (!Seen)
          Objs.push_back(Input);
      }
    }
    return SymCol != 0;
  }

  /// The objects that define function \p Name (several for local functions
  /// of the same name), or null.
  const std::vector<std::string> *definedIn(std::string_view Name) const {
    auto It = Defs.find(std::string(Name));
    return It == Defs.end() ? nullptr : &It->second;
  }

  /// "a.o", "a.o or b.o", "a.o, b.o or c.o": the objects of definedIn().
  static std::string joinObjects(const std::vector<std::string> &Objs) {
    std::string S;
    for (size_t I = 0; I < Objs.size(); ++I)
      S += (I ? I + 1 == Objs.size() ? " or " : ", " : "") + Objs[I];
    return S;
  }

private:
  std::map<std::string, std::vector<std::string>> Defs;
};

} // namespace cli
} // namespace stackcap

#endif
