//===- c_api_oom_test.cpp - The C API under allocation failure ------------===//
//
// Part of stackcap. With the test binary's operator new told to fail after N
// allocations, makes every allocation of stackcap_verify fail in turn: each
// call returns STACKCAP_ERROR with no report (or succeeds), never throws, and
// leaks nothing.
//
//===----------------------------------------------------------------------===//

#include "stackcap/stackcap_verify.h"

#include <gtest/gtest.h>

#include <atomic>
#include <string>

// The global operator new of this binary (hostile_input_test.cpp) fails
// when AllocsBeforeFailure reaches 0 and counts live blocks.
namespace stackcap_test {
extern std::atomic<long> AllocsBeforeFailure;
extern std::atomic<long> LiveBlocks;
} // namespace stackcap_test
using stackcap_test::AllocsBeforeFailure;
using stackcap_test::LiveBlocks;

namespace {

// (module (global $sp (mut i32) (i32.const 0)) (func $leaf (result i32)
//   i32.const 1) (func $main (result i32) <instrumented call $leaf>)
//   (export "main" (func $main))), plus a second, uninstrumented export of
// $leaf so that the report holds a violation (a message to allocate).
const uint8_t Module[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
    0x03, 0x03, 0x02, 0x00, 0x00, 0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b, 0x07, 0x0f,
    0x02, 0x04, 0x6d, 0x61, 0x69, 0x6e, 0x00, 0x01, 0x04, 0x6c, 0x65, 0x61, 0x66, 0x00, 0x00,
    0x0a, 0x23, 0x02, 0x04, 0x00, 0x41, 0x01, 0x0b, 0x1c, 0x00, 0x23, 0x00, 0x41, 0x03, 0x6a,
    0x24, 0x00, 0x23, 0x00, 0x41, 0x80, 0x08, 0x4b, 0x04, 0x40, 0x00, 0x0b, 0x10, 0x00, 0x23,
    0x00, 0x41, 0x03, 0x6b, 0x24, 0x00, 0x0b,
};

TEST(CApiOutOfMemory, EveryAllocationFailingLeaksNothing) {
  // Without failures: violations (the export of $leaf), and how many
  // allocations a call makes.
  stackcap_report *R = nullptr;
  ASSERT_EQ(stackcap_verify(Module, sizeof(Module), nullptr, &R), STACKCAP_VIOLATIONS);
  ASSERT_EQ(stackcap_report_violation_count(R), 1u);
  stackcap_report_free(R);

  unsigned Failed = 0;
  for (long N = 0; N < 10000; ++N) {
    long Before = LiveBlocks.load();
    AllocsBeforeFailure.store(N);
    R = reinterpret_cast<stackcap_report *>(1);
    int Status = stackcap_verify(Module, sizeof(Module), nullptr, &R);
    bool Exhausted = AllocsBeforeFailure.load() > 0; // the call needed fewer than N
    AllocsBeforeFailure.store(-1);
    if (Status == STACKCAP_ERROR) {
      ++Failed;
      EXPECT_EQ(R, nullptr) << N;
    } else {
      EXPECT_EQ(Status, STACKCAP_VIOLATIONS) << N;
      ASSERT_NE(R, nullptr);
      stackcap_report_free(R);
    }
    EXPECT_EQ(LiveBlocks.load(), Before) << "leak when allocation " << N << " fails";
    if (Exhausted)
      break;
  }
  EXPECT_GT(Failed, 0u);
}

TEST(CApiVersion, VersionStrings) {
  std::string V = stackcap_version();
  std::string Line = stackcap_version_line();
  EXPECT_FALSE(V.empty());
  EXPECT_EQ(Line.rfind("stackcap " + V + " (git ", 0), 0u) << Line;
  EXPECT_EQ(Line.back(), ')');
  EXPECT_EQ(V, STACKCAP_TEST_PROJECT_VERSION);
}

} // namespace
