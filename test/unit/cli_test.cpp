//===- cli_test.cpp - Tests of the tools' command-line helpers ------------===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//

#include "cli_common.h"
#include "link_map.h"

#include <gtest/gtest.h>

using namespace stackcap::cli;

namespace {

TEST(ParseU32, Accepts) {
  uint32_t V = 0;
  EXPECT_TRUE(parseU32("0", V) && V == 0);
  EXPECT_TRUE(parseU32("65536", V) && V == 65536);
  EXPECT_TRUE(parseU32("0010", V) && V == 10); // decimal, not octal
  EXPECT_TRUE(parseU32("0x10", V) && V == 16);
  EXPECT_TRUE(parseU32("0XfF", V) && V == 255);
  EXPECT_TRUE(parseU32("4294967295", V) && V == 4294967295u);
  EXPECT_TRUE(parseU32("0xffffffff", V) && V == 4294967295u);
}

TEST(ParseU32, Rejects) {
  for (const char *S : {"", "0x", "0X", "0x+5", "0x-5", "0x 5", "+5", "-1", " 5", "\t5", "5 ",
                        "5\n", "12x", "0x1g", "4294967296", "0x100000000", "99999999999999999999",
                        "1e3", "0b1", "x10"}) {
    uint32_t V = 7;
    EXPECT_FALSE(parseU32(S, V)) << '"' << S << '"';
    EXPECT_EQ(V, 7u) << S; // untouched on failure
  }
  uint32_t V;
  EXPECT_FALSE(parseU32(nullptr, V));
}

// A map as wasm-ld 22 writes it (-Map=FILE), C++ names demangled.
const char Map[] =
    "    Addr      Off     Size Out     In      Symbol\n"
    "       -        8        8 TYPE\n"
    "       -       22        a GLOBAL\n"
    "       0        0        0         __stack_pointer\n"
    "       -       3e       27 CODE\n"
    "       -       3f       14         /tmp/x/m.o:(run)\n"
    "       -       3f       14                 run\n"
    "       -       53        8         /tmp/x/t.o:(_ZN3lib5twiceEi)\n"
    "       -       53        8                 lib::twice(int)\n"
    "       -       5b        8         /tmp/x/libh.a(h.o):(helper)\n"
    "       -       5b        8                 helper\n"
    "       -       63        8         /tmp/x/libk.a(k.o):(helper)\n"
    "       -       63        8                 helper\n"
    "       -       65       47 CUSTOM(name)\n"
    "       -       70        4 DATA\n"
    "    1024     1024        4         /tmp/x/d.o:(.data.g)\n"
    "    1024     1024        4                 g\n";

TEST(LinkMap, Parses) {
  LinkMap M;
  ASSERT_TRUE(M.parse(Map));
  const std::vector<std::string> *D = M.definedIn("run");
  ASSERT_TRUE(D);
  EXPECT_EQ(*D, std::vector<std::string>{"/tmp/x/m.o"});
  D = M.definedIn("lib::twice(int)");
  ASSERT_TRUE(D);
  EXPECT_EQ(*D, std::vector<std::string>{"/tmp/x/t.o"});
  D = M.definedIn("helper"); // two local functions of the same name
  ASSERT_TRUE(D);
  EXPECT_EQ(*D, (std::vector<std::string>{"/tmp/x/libh.a(h.o)", "/tmp/x/libk.a(k.o)"}));
  EXPECT_FALSE(M.definedIn("__stack_pointer")); // not in CODE
  EXPECT_FALSE(M.definedIn("g"));
  EXPECT_FALSE(M.definedIn("missing"));
}

TEST(LinkMap, RejectsOtherText) {
  LinkMap M;
  EXPECT_FALSE(M.parse(""));
  EXPECT_FALSE(M.parse("int main() {}\n"));
  // Damaged maps parse without crashing; what is unclear is skipped.
  std::string S(Map);
  for (size_t N = 0; N <= S.size(); ++N)
    (void)M.parse(std::string_view(S).substr(0, N));
}

} // namespace
