//===- module_decode_test.cpp - Module-level decoding rules ---------------===//
//
// Part of stackcap. The data count rules of spec 5.5.16: a data count
// section promises a data section with that many segments.
//
//===----------------------------------------------------------------------===//

#include "stackcap/module.h"

#include <gtest/gtest.h>

#include <string>
#include <vector>

using namespace stackcap;

namespace {

using Bytes = std::vector<uint8_t>;

Bytes withHeader(const Bytes &Sections) {
  Bytes M = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  M.insert(M.end(), Sections.begin(), Sections.end());
  return M;
}

DecodeError decodeError(const Bytes &M, bool &Ok) {
  Module Mod;
  DecodeError E;
  Ok = decodeModule(M.data(), M.size(), Mod, E);
  return E;
}

TEST(ModuleDecode, DataCountWithoutDataSectionIsMalformed) {
  bool Ok = true;
  DecodeError E = decodeError(withHeader({0x0c, 0x01, 0x01}), Ok); // data count 1
  EXPECT_FALSE(Ok);
  EXPECT_FALSE(E.Unsupported);
  EXPECT_EQ(E.Message, "data count 1, but there is no data section");
  EXPECT_EQ(E.Offset, 0xau);
}

TEST(ModuleDecode, DataCountZeroWithoutDataSectionIsFine) {
  bool Ok = false;
  DecodeError E = decodeError(withHeader({0x0c, 0x01, 0x00}), Ok);
  EXPECT_TRUE(Ok) << E.Message;
}

TEST(ModuleDecode, DataCountMustMatchTheSegments) {
  // memory 1; data count 2; one passive segment "x".
  bool Ok = true;
  DecodeError E = decodeError(
      withHeader({0x05, 0x03, 0x01, 0x00, 0x01, 0x0c, 0x01, 0x02, 0x0b, 0x04, 0x01, 0x01, 0x01, 'x'}),
      Ok);
  EXPECT_FALSE(Ok);
  EXPECT_EQ(E.Message, "data count 2 does not match 1 data segments");
  // The same with a matching count decodes.
  E = decodeError(
      withHeader({0x05, 0x03, 0x01, 0x00, 0x01, 0x0c, 0x01, 0x01, 0x0b, 0x04, 0x01, 0x01, 0x01, 'x'}),
      Ok);
  EXPECT_TRUE(Ok) << E.Message;
}

} // namespace
