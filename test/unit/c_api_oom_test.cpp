//===- c_api_oom_test.cpp - The C API under allocation failure ------------===//
//
// Part of stackcap. With the test binary's operator new told to fail after N
// allocations, makes every allocation of stackcap_verify (and of
// stackcap_verify_profile under lean) fail in turn: each
// call returns STACKCAP_ERROR with no report (or succeeds), never throws, and
// leaks nothing.
//
//===----------------------------------------------------------------------===//

#include "stackcap/stackcap_verify.h"

#include "lean_test_modules.h"
#include "test_modules.h"

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

// An instrumented module (test_modules.h), verified against a limit other
// than its own, so that the report holds a violation (a message to allocate).
constexpr const auto &Module = stackcap_test::InstrumentedModule;
constexpr uint32_t OtherLimit = 1000;

/// Makes allocation N of \p Verify (which returns a status and sets *R) fail,
/// for N = 0, 1, ... until the call needs fewer: each call either returns
/// STACKCAP_ERROR with no report, or its usual violations with a report of
/// \p Profile, and leaks nothing.
template <typename Fn> void failEachAllocation(Fn Verify, const char *Profile) {
  unsigned Failed = 0;
  bool Finished = false;
  for (long N = 0; N < 100000 && !Finished; ++N) {
    long Before = LiveBlocks.load();
    AllocsBeforeFailure.store(N);
    stackcap_report *R = reinterpret_cast<stackcap_report *>(1);
    int Status = Verify(&R);
    Finished = AllocsBeforeFailure.load() > 0; // the call needed fewer than N
    AllocsBeforeFailure.store(-1);
    if (Status == STACKCAP_ERROR) {
      ++Failed;
      EXPECT_EQ(R, nullptr) << N;
    } else {
      EXPECT_EQ(Status, STACKCAP_VIOLATIONS) << N;
      ASSERT_NE(R, nullptr);
      EXPECT_STREQ(stackcap_report_profile(R), Profile);
      stackcap_report_free(R);
    }
    EXPECT_EQ(LiveBlocks.load(), Before) << "leak when allocation " << N << " fails";
  }
  EXPECT_TRUE(Finished);
  EXPECT_GT(Failed, 0u);
}

TEST(CApiOutOfMemory, EveryAllocationFailingLeaksNothing) {
  // Without failures: violations (the limit), and how many allocations a
  // call makes.
  stackcap_report *R = nullptr;
  ASSERT_EQ(stackcap_verify(Module, sizeof(Module), &OtherLimit, &R), STACKCAP_VIOLATIONS);
  ASSERT_EQ(stackcap_report_violation_count(R), 1u);
  stackcap_report_free(R);
  failEachAllocation(
      [](stackcap_report **Out) {
        return stackcap_verify(Module, sizeof(Module), &OtherLimit, Out);
      },
      "compat");
}

// The same under profile lean: the lean module with a limit other than its
// counter's (a rule 2 violation, with a message).
TEST(CApiOutOfMemory, EveryAllocationFailingLeaksNothingLean) {
  constexpr const auto &Lean = stackcap_test::LeanAccept;
  constexpr uint32_t WrongLimit = 100;
  stackcap_report *R = nullptr;
  ASSERT_EQ(stackcap_verify_profile(Lean, sizeof(Lean), "lean", &WrongLimit, &R),
            STACKCAP_VIOLATIONS);
  ASSERT_EQ(stackcap_report_violation_count(R), 1u);
  stackcap_report_free(R);
  failEachAllocation(
      [&](stackcap_report **Out) {
        return stackcap_verify_profile(Lean, sizeof(Lean), "lean", &WrongLimit, Out);
      },
      "lean");
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
