//===- lean_api_test.cpp - Tests of the C API under profile lean ----------===//
//
// Part of stackcap. Interface 3 of stackcap_verify.h: stackcap_verify_profile
// with "lean", the existing queries on a lean report, the lean queries
// (checked functions, frame, reservation) and the profile rule titles. The
// modules are those of test/lit/verifier (lean_test_modules.h); what is
// expected of them is what `stackcap-verify --profile lean` prints.
//
//===----------------------------------------------------------------------===//

#include "stackcap/stackcap_verify.h"

#include "lean_test_modules.h"
#include "test_modules.h"

#include <gtest/gtest.h>

#include <cstring>
#include <memory>
#include <string>
#include <thread>
#include <vector>

namespace {

using Bytes = std::vector<uint8_t>;
using namespace stackcap_test;

template <size_t N> Bytes bytesOf(const uint8_t (&A)[N]) { return Bytes(A, A + N); }

/// Owns a report; frees it at the end of the scope.
struct ReportPtr {
  stackcap_report *R = nullptr;
  ReportPtr() = default;
  ReportPtr(const ReportPtr &) = delete;
  ReportPtr &operator=(const ReportPtr &) = delete;
  ~ReportPtr() { stackcap_report_free(R); }
  stackcap_report **out() { return &R; }
  stackcap_report *get() const { return R; }
};

/// stackcap_verify_profile on a heap copy of exactly the module's size, so
/// that sanitizer builds catch any read past its end.
int verifyAs(const char *Profile, const Bytes &M, const uint32_t *Limit, ReportPtr &R) {
  std::unique_ptr<uint8_t[]> Copy(new uint8_t[M.size() ? M.size() : 1]);
  if (!M.empty())
    std::memcpy(Copy.get(), M.data(), M.size());
  return stackcap_verify_profile(Copy.get(), M.size(), Profile, Limit, R.out());
}

struct Found {
  uint32_t Rule = 0, Func = 0, Offset = 0;
  std::string Message, Name;
};

std::vector<Found> violations(const stackcap_report *R) {
  std::vector<Found> Out;
  for (size_t I = 0; I < stackcap_report_violations_kept(R); ++I) {
    Found V;
    const char *Msg = nullptr;
    EXPECT_EQ(stackcap_report_violation(R, I, &V.Rule, &V.Func, &V.Offset, &Msg), 1);
    EXPECT_NE(Msg, nullptr);
    V.Message = Msg ? Msg : "";
    V.Name = stackcap_report_violation_function_name(R, I);
    EXPECT_EQ(stackcap_report_violation_callee(R, I), UINT32_MAX) << "lean has no callee";
    Out.push_back(V);
  }
  return Out;
}

bool contains(const std::string &S, const char *Part) { return S.find(Part) != std::string::npos; }

//===----------------------------------------------------------------------===//
// A module that verifies
//===----------------------------------------------------------------------===//

// `stackcap-verify --profile lean --print-costs lean-accept.wasm`:
//   1 6 covered 6 leaf      4 6 checked 12 viatable
//   2 5 covered 11 mid      5 6 checked 17 entry
//   3 6 checked 17 rec      6 4 checked 4 start
// and "verified: profile lean, limit 4096, counter global 0, 4 checked
// functions, 2 covered".
TEST(LeanApi, AcceptedModule) {
  for (bool WithLimit : {false, true}) {
    const uint32_t Limit = 4096;
    ReportPtr R;
    ASSERT_EQ(verifyAs("lean", bytesOf(LeanAccept), WithLimit ? &Limit : nullptr, R),
              STACKCAP_VERIFIED);
    const stackcap_report *Rep = R.get();
    ASSERT_NE(Rep, nullptr);
    EXPECT_EQ(stackcap_report_status(Rep), STACKCAP_VERIFIED);
    EXPECT_STREQ(stackcap_report_profile(Rep), "lean");
    EXPECT_STREQ(stackcap_report_error(Rep), "");
    EXPECT_EQ(stackcap_report_error_offset(Rep), 0u);
    EXPECT_EQ(stackcap_report_has_counter(Rep), 1);
    EXPECT_EQ(stackcap_report_counter_global(Rep), 0u);
    EXPECT_EQ(stackcap_report_limit(Rep), 4096u);
    EXPECT_EQ(stackcap_report_instrumented_calls(Rep), 0u);
    EXPECT_EQ(stackcap_report_thunks(Rep), 0u);
    EXPECT_EQ(stackcap_report_violation_count(Rep), 0u);
    EXPECT_EQ(stackcap_report_violations_kept(Rep), 0u);
    EXPECT_EQ(stackcap_report_violation(Rep, 0, nullptr, nullptr, nullptr, nullptr), 0);
    EXPECT_EQ(stackcap_report_checked_functions(Rep), 4u);
    EXPECT_EQ(stackcap_report_function_count(Rep), 7u);
    EXPECT_EQ(stackcap_report_imported_functions(Rep), 1u);

    struct Want {
      const char *Name;
      uint32_t Frame;
      int Checked;
      uint64_t Reservation;
    };
    const Want Table[] = {{"leaf", 6, 0, 6},      {"mid", 5, 0, 11},  {"rec", 6, 1, 17},
                          {"viatable", 6, 1, 12}, {"entry", 6, 1, 17}, {"start", 4, 1, 4}};
    EXPECT_STREQ(stackcap_report_function_name(Rep, 0), "host");
    for (uint32_t F = 1; F <= 6; ++F) {
      const Want &W = Table[F - 1];
      EXPECT_STREQ(stackcap_report_function_name(Rep, F), W.Name);
      uint32_t Frame = 0;
      int Checked = -1;
      uint64_t Reservation = 0;
      ASSERT_EQ(stackcap_report_lean_function(Rep, F, &Frame, &Checked, &Reservation), 1) << F;
      EXPECT_EQ(Frame, W.Frame) << W.Name;
      EXPECT_EQ(Checked, W.Checked) << W.Name;
      EXPECT_EQ(Reservation, W.Reservation) << W.Name;
      // Every output is optional.
      EXPECT_EQ(stackcap_report_lean_function(Rep, F, nullptr, nullptr, nullptr), 1);
      // cost(f) is compat's: a lean report has none.
      uint32_t Cost = 12345;
      EXPECT_EQ(stackcap_report_cost(Rep, F, &Cost), 0);
      EXPECT_EQ(Cost, 12345u);
    }
    // The import and functions that do not exist: nothing, outputs untouched.
    for (uint32_t F : {0u, 7u, UINT32_MAX}) {
      uint32_t Frame = 99;
      int Checked = 99;
      uint64_t Reservation = 99;
      EXPECT_EQ(stackcap_report_lean_function(Rep, F, &Frame, &Checked, &Reservation), 0) << F;
      EXPECT_EQ(Frame, 99u);
      EXPECT_EQ(Checked, 99);
      EXPECT_EQ(Reservation, 99u);
    }
  }
}

// stackcap_verify_profile(..., "compat" or NULL, ...) is stackcap_verify.
TEST(LeanApi, CompatProfileIsStackcapVerify) {
  Bytes M = bytesOf(InstrumentedModule);
  for (const char *Profile : {"compat", static_cast<const char *>(nullptr)}) {
    ReportPtr Old, New;
    ASSERT_EQ(stackcap_verify(M.data(), M.size(), nullptr, Old.out()), STACKCAP_VERIFIED);
    ASSERT_EQ(verifyAs(Profile, M, nullptr, New), STACKCAP_VERIFIED);
    EXPECT_STREQ(stackcap_report_profile(Old.get()), "compat");
    EXPECT_STREQ(stackcap_report_profile(New.get()), "compat");
    EXPECT_EQ(stackcap_report_limit(New.get()), stackcap_report_limit(Old.get()));
    EXPECT_EQ(stackcap_report_limit(New.get()), 1024u);
    EXPECT_EQ(stackcap_report_instrumented_calls(New.get()), 1u);
    EXPECT_EQ(stackcap_report_thunks(New.get()), 1u);
    uint32_t Cost = 0;
    EXPECT_EQ(stackcap_report_cost(New.get(), 0, &Cost), 1);
    // The lean queries say nothing of a compat report.
    EXPECT_EQ(stackcap_report_checked_functions(New.get()), 0u);
    EXPECT_EQ(stackcap_report_lean_function(New.get(), 0, nullptr, nullptr, nullptr), 0);
    EXPECT_EQ(stackcap_report_lean_function(New.get(), 1, nullptr, nullptr, nullptr), 0);
  }
}

//===----------------------------------------------------------------------===//
// Violations
//===----------------------------------------------------------------------===//

// Lean rule 2 with a limit: the counter must start at *limit, as
// `stackcap-verify --profile lean --limit N` requires.
TEST(LeanApi, WrongLimitIsRule2) {
  const uint32_t Limit = 100;
  ReportPtr R;
  ASSERT_EQ(verifyAs("lean", bytesOf(LeanAccept), &Limit, R), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_status(R.get()), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_limit(R.get()), 4096u) << "the module's own limit";
  EXPECT_EQ(stackcap_report_violation_count(R.get()), 1u);
  std::vector<Found> Vs = violations(R.get());
  ASSERT_EQ(Vs.size(), 1u);
  EXPECT_EQ(Vs[0].Rule, 2u);
  EXPECT_EQ(Vs[0].Func, UINT32_MAX);
  EXPECT_EQ(Vs[0].Offset, 0x35u);
  EXPECT_EQ(Vs[0].Name, "");
  EXPECT_EQ(Vs[0].Message, "counter global 0 starts at 4096, not the limit 100");
  // The functions are still analysed.
  EXPECT_EQ(stackcap_report_checked_functions(R.get()), 4u);
  EXPECT_EQ(stackcap_report_lean_function(R.get(), 3, nullptr, nullptr, nullptr), 1);
}

struct RuleCase {
  const char *What;
  Bytes Module;
  uint32_t Rule;        // of the first violation
  uint32_t Func;        // its function, UINT32_MAX: module-level
  const char *Name;     // its function's name
  const char *Message;  // a part of its message
  uint64_t Count;       // all violations
};

// One module per rule of lean.md section 4 (lean-rules.test), each rejected
// for that rule, with the function and message stackcap-verify prints.
TEST(LeanApi, EachRuleIsReported) {
  const RuleCase Cases[] = {
      {"r2-zero", bytesOf(LeanR2Zero), 2, UINT32_MAX, "", "counter global 0 starts at 0: no limit", 1},
      {"r2-exported", bytesOf(LeanR2Exported), 2, UINT32_MAX, "", "counter global 0 is exported", 1},
      {"r3-no-release-return", bytesOf(LeanR3NoReleaseReturn), 3, 0, "f",
       "return is reached without releasing the reservation of 5", 1},
      {"r4-covered-access", bytesOf(LeanR4CoveredAccess), 4, 1, "peek",
       "global.get of the counter outside a reservation sequence", 3},
      {"r5-entries", bytesOf(LeanR5Entries), 5, UINT32_MAX, "",
       "export \"bare\" names func 2 ($bare), which is not checked", 5},
      {"r6-cycle", bytesOf(LeanR6Cycle), 6, 1, "ping",
       "covered functions call each other in a cycle, none reserving", 1},
      {"r7-low", bytesOf(LeanR7Low), 7, 1, "f", "reserves 8, needs exactly 9", 1},
      {"r8-tail-call", bytesOf(LeanR8TailCall), 8, 1, "f",
       "return_call is not covered by the lean profile", 1},
  };
  for (const RuleCase &C : Cases) {
    SCOPED_TRACE(C.What);
    ReportPtr R;
    ASSERT_EQ(verifyAs("lean", C.Module, nullptr, R), STACKCAP_VIOLATIONS);
    EXPECT_STREQ(stackcap_report_profile(R.get()), "lean");
    EXPECT_EQ(stackcap_report_violation_count(R.get()), C.Count);
    std::vector<Found> Vs = violations(R.get());
    ASSERT_EQ(Vs.size(), C.Count);
    EXPECT_EQ(Vs[0].Rule, C.Rule);
    EXPECT_EQ(Vs[0].Func, C.Func);
    EXPECT_EQ(Vs[0].Name, C.Name);
    EXPECT_TRUE(contains(Vs[0].Message, C.Message)) << Vs[0].Message;
    for (const Found &V : Vs) {
      EXPECT_GE(V.Rule, 1u);
      EXPECT_LE(V.Rule, 8u);
      EXPECT_STRNE(stackcap_profile_rule_title("lean", V.Rule), "");
    }
    // A lean report never has compat's counts or costs.
    EXPECT_EQ(stackcap_report_instrumented_calls(R.get()), 0u);
    EXPECT_EQ(stackcap_report_thunks(R.get()), 0u);
    EXPECT_EQ(stackcap_report_cost(R.get(), 0, nullptr), 0);
  }
}

TEST(LeanApi, RuleDetails) {
  {
    // r4: both accesses in $peek, then the reservation of $f, which cannot
    // be right (rule 7) once $peek's frame counts.
    ReportPtr R;
    ASSERT_EQ(verifyAs("lean", bytesOf(LeanR4CoveredAccess), nullptr, R), STACKCAP_VIOLATIONS);
    std::vector<Found> Vs = violations(R.get());
    ASSERT_EQ(Vs.size(), 3u);
    EXPECT_EQ(Vs[1].Rule, 4u);
    EXPECT_TRUE(contains(Vs[1].Message, "global.set of the counter")) << Vs[1].Message;
    EXPECT_EQ(Vs[2].Rule, 7u);
    EXPECT_EQ(Vs[2].Func, 0u);
    EXPECT_EQ(Vs[2].Name, "f");
  }
  {
    // r7: $f reserves 8; the rules require 9, which lean_function reports.
    ReportPtr R;
    ASSERT_EQ(verifyAs("lean", bytesOf(LeanR7Low), nullptr, R), STACKCAP_VIOLATIONS);
    EXPECT_EQ(stackcap_report_checked_functions(R.get()), 1u);
    EXPECT_EQ(stackcap_report_has_counter(R.get()), 1);
    EXPECT_EQ(stackcap_report_limit(R.get()), 100u);
    uint32_t Frame = 0;
    int Checked = 0;
    uint64_t Reservation = 0;
    ASSERT_EQ(stackcap_report_lean_function(R.get(), 1, &Frame, &Checked, &Reservation), 1);
    EXPECT_EQ(Frame, 4u);
    EXPECT_EQ(Checked, 1);
    EXPECT_EQ(Reservation, 9u);
    ASSERT_EQ(stackcap_report_lean_function(R.get(), 0, &Frame, &Checked, &Reservation), 1);
    EXPECT_EQ(Frame, 5u);
    EXPECT_EQ(Checked, 0);
    EXPECT_EQ(Reservation, 5u);
  }
  {
    // r8: the frame of a function with a tail call is unknown ('?' in
    // --print-costs); its covered callee's is not.
    ReportPtr R;
    ASSERT_EQ(verifyAs("lean", bytesOf(LeanR8TailCall), nullptr, R), STACKCAP_VIOLATIONS);
    uint32_t Frame = 77;
    EXPECT_EQ(stackcap_report_lean_function(R.get(), 1, &Frame, nullptr, nullptr), 0);
    EXPECT_EQ(Frame, 77u);
    EXPECT_EQ(stackcap_report_lean_function(R.get(), 0, &Frame, nullptr, nullptr), 1);
    EXPECT_EQ(Frame, 2u);
  }
  {
    // r1: a relocatable object (a `linking` section) is not a linked module.
    Bytes M = bytesOf(LeanAccept);
    const uint8_t Linking[] = {0x00, 0x09, 0x07, 'l', 'i', 'n', 'k', 'i', 'n', 'g', 0x02};
    M.insert(M.end(), Linking, Linking + sizeof Linking);
    ReportPtr R;
    ASSERT_EQ(verifyAs("lean", M, nullptr, R), STACKCAP_VIOLATIONS);
    std::vector<Found> Vs = violations(R.get());
    ASSERT_FALSE(Vs.empty());
    EXPECT_EQ(Vs[0].Rule, 1u);
    EXPECT_TRUE(contains(Vs[0].Message, "relocatable object")) << Vs[0].Message;
  }
}

//===----------------------------------------------------------------------===//
// Each profile's modules under the other
//===----------------------------------------------------------------------===//

TEST(LeanApi, CompatModuleUnderLean) {
  // The compat-instrumented module: no lean entry sequence, so no counter
  // and nothing checked. Its export (a thunk calling $leaf) reaches no
  // import and no recursion, so it is a free entry (lean rule 5): the module
  // is statically bounded by the export's worst case S. Nothing in it holds
  // a lean limit, so without one it is rejected (rule 2), and it verifies
  // only under a limit of at least S.
  ReportPtr R;
  ASSERT_EQ(verifyAs("lean", bytesOf(InstrumentedModule), nullptr, R), STACKCAP_VIOLATIONS);
  EXPECT_EQ(stackcap_report_has_counter(R.get()), 0);
  EXPECT_EQ(stackcap_report_counter_global(R.get()), 0u);
  EXPECT_EQ(stackcap_report_checked_functions(R.get()), 0u);
  bool SawLimit = false;
  for (const Found &V : violations(R.get()))
    if (V.Rule == 2 && contains(V.Message, "no counter holds the limit"))
      SawLimit = true;
  EXPECT_TRUE(SawLimit);
  uint32_t Frame = 0;
  int Checked = 1;
  EXPECT_EQ(stackcap_report_lean_function(R.get(), 0, &Frame, &Checked, nullptr), 1);
  EXPECT_EQ(Checked, 0);
  uint32_t One = 1, Big = 100000;
  ReportPtr Small, Large;
  EXPECT_EQ(verifyAs("lean", bytesOf(InstrumentedModule), &One, Small), STACKCAP_VIOLATIONS);
  bool SawNeed = false;
  for (const Found &V : violations(Small.get()))
    if (V.Rule == 2 && contains(V.Message, "more than the limit 1"))
      SawNeed = true;
  EXPECT_TRUE(SawNeed);
  EXPECT_EQ(verifyAs("lean", bytesOf(InstrumentedModule), &Big, Large), STACKCAP_VERIFIED);
  EXPECT_EQ(stackcap_report_limit(Large.get()), Big);
}

TEST(LeanApi, LeanModuleUnderCompat) {
  // Calls to covered functions are uninstrumented calls for compat (rule 3).
  for (bool Explicit : {false, true}) {
    ReportPtr R;
    Bytes M = bytesOf(LeanAccept);
    int S = Explicit ? verifyAs("compat", M, nullptr, R)
                     : stackcap_verify(M.data(), M.size(), nullptr, R.out());
    ASSERT_EQ(S, STACKCAP_VIOLATIONS);
    EXPECT_STREQ(stackcap_report_profile(R.get()), "compat");
    EXPECT_EQ(stackcap_report_checked_functions(R.get()), 0u);
    EXPECT_EQ(stackcap_report_lean_function(R.get(), 1, nullptr, nullptr, nullptr), 0);
    bool SawCall = false;
    for (size_t I = 0; I < stackcap_report_violations_kept(R.get()); ++I) {
      uint32_t Rule = 0, Func = 0;
      ASSERT_EQ(stackcap_report_violation(R.get(), I, &Rule, &Func, nullptr, nullptr), 1);
      if (Rule == 3 && Func == 2) {
        SawCall = true;
        EXPECT_STREQ(stackcap_report_violation_function_name(R.get(), I), "mid");
        EXPECT_EQ(stackcap_report_violation_callee(R.get(), I), 1u);
      }
    }
    EXPECT_TRUE(SawCall);
  }
}

//===----------------------------------------------------------------------===//
// Malformed input and bad arguments
//===----------------------------------------------------------------------===//

TEST(LeanApi, MalformedUnderLean) {
  Bytes M = bytesOf(LeanAccept);
  M.resize(M.size() - 3);
  ReportPtr R;
  ASSERT_EQ(verifyAs("lean", M, nullptr, R), STACKCAP_MALFORMED);
  EXPECT_STREQ(stackcap_report_profile(R.get()), "lean");
  EXPECT_STRNE(stackcap_report_error(R.get()), "");
  EXPECT_GT(stackcap_report_error_offset(R.get()), 0u);
  EXPECT_EQ(stackcap_report_function_count(R.get()), 0u);
  EXPECT_EQ(stackcap_report_imported_functions(R.get()), 0u);
  EXPECT_EQ(stackcap_report_checked_functions(R.get()), 0u);
  EXPECT_EQ(stackcap_report_lean_function(R.get(), 1, nullptr, nullptr, nullptr), 0);
  EXPECT_EQ(stackcap_report_violation_count(R.get()), 0u);

  // Empty input and a header only: the decoder's answers, as for compat.
  ReportPtr E;
  EXPECT_EQ(stackcap_verify_profile(nullptr, 0, "lean", nullptr, E.out()), STACKCAP_MALFORMED);
  EXPECT_STREQ(stackcap_report_profile(E.get()), "lean");
  const uint8_t Header[] = {0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00};
  ReportPtr H;
  EXPECT_EQ(stackcap_verify_profile(Header, sizeof Header, "lean", nullptr, H.out()),
            STACKCAP_VERIFIED);
  EXPECT_EQ(stackcap_report_has_counter(H.get()), 0);
  EXPECT_EQ(stackcap_report_checked_functions(H.get()), 0u);
}

TEST(LeanApi, UnknownProfileAndNullArguments) {
  Bytes M = bytesOf(LeanAccept);
  for (const char *Profile : {"", "Lean", "LEAN", "lean ", "compat lean", "leaner", "strict"}) {
    stackcap_report *R = reinterpret_cast<stackcap_report *>(1);
    EXPECT_EQ(stackcap_verify_profile(M.data(), M.size(), Profile, nullptr, &R), STACKCAP_ERROR)
        << Profile;
    EXPECT_EQ(R, nullptr) << Profile;
    EXPECT_EQ(stackcap_verify_profile(M.data(), M.size(), Profile, nullptr, nullptr),
              STACKCAP_ERROR);
  }
  // No bytes but a length.
  stackcap_report *R = reinterpret_cast<stackcap_report *>(1);
  EXPECT_EQ(stackcap_verify_profile(nullptr, 8, "lean", nullptr, &R), STACKCAP_ERROR);
  EXPECT_EQ(R, nullptr);
  // No report wanted: only the result.
  EXPECT_EQ(stackcap_verify_profile(M.data(), M.size(), "lean", nullptr, nullptr),
            STACKCAP_VERIFIED);
  const uint32_t Wrong = 1;
  EXPECT_EQ(stackcap_verify_profile(M.data(), M.size(), "lean", &Wrong, nullptr),
            STACKCAP_VIOLATIONS);
  // A NULL report: neutral answers from every query.
  EXPECT_STREQ(stackcap_report_profile(nullptr), "");
  EXPECT_EQ(stackcap_report_checked_functions(nullptr), 0u);
  uint32_t Frame = 5;
  EXPECT_EQ(stackcap_report_lean_function(nullptr, 1, &Frame, nullptr, nullptr), 0);
  EXPECT_EQ(Frame, 5u);
}

//===----------------------------------------------------------------------===//
// Profiles and rule titles
//===----------------------------------------------------------------------===//

TEST(LeanApi, ProfilesAndRuleTitles) {
  EXPECT_GE(stackcap_api_version(), 3);
  EXPECT_STREQ(stackcap_profiles(), "compat lean");
  ASSERT_EQ(stackcap_profile_count(), 2u);
  EXPECT_STREQ(stackcap_profile_name(0), "compat");
  EXPECT_STREQ(stackcap_profile_name(1), "lean");
  EXPECT_EQ(stackcap_profile_name(2), nullptr);
  EXPECT_EQ(stackcap_has_profile("lean"), 1);
  EXPECT_EQ(stackcap_has_profile("compat"), 1);
  EXPECT_EQ(stackcap_has_profile("Lean"), 0);

  // Lean's titles, as stackcap-verify --profile lean prints them.
  EXPECT_STREQ(stackcap_profile_rule_title("lean", 1), "module decodes completely and is linked");
  EXPECT_STREQ(stackcap_profile_rule_title("lean", 2),
               "one counter global: defined, mutable i32, initialised to the limit, not exported");
  EXPECT_STREQ(stackcap_profile_rule_title("lean", 3),
               "a checked function reserves first and releases before every exit");
  EXPECT_STREQ(stackcap_profile_rule_title("lean", 7),
               "every reservation is exactly the frame plus the covered subtree");
  EXPECT_STREQ(stackcap_profile_rule_title("lean", 8),
               "no tail calls, call_ref, exception handling or stack switching");
  for (uint32_t Rule = 1; Rule <= 8; ++Rule)
    EXPECT_STRNE(stackcap_profile_rule_title("lean", Rule), "") << Rule;
  EXPECT_STREQ(stackcap_profile_rule_title("lean", 0), "");
  EXPECT_STREQ(stackcap_profile_rule_title("lean", 9), "");
  EXPECT_STREQ(stackcap_profile_rule_title("lean", UINT32_MAX), "");
  // Compat's (and NULL's) are stackcap_rule_title's.
  for (uint32_t Rule = 0; Rule <= 9; ++Rule) {
    EXPECT_STREQ(stackcap_profile_rule_title("compat", Rule), stackcap_rule_title(Rule)) << Rule;
    EXPECT_STREQ(stackcap_profile_rule_title(nullptr, Rule), stackcap_rule_title(Rule)) << Rule;
  }
  EXPECT_STREQ(stackcap_profile_rule_title("compat", 7), "");
  // Unknown profiles have no rules.
  EXPECT_STREQ(stackcap_profile_rule_title("", 1), "");
  EXPECT_STREQ(stackcap_profile_rule_title("Lean", 1), "");
}

//===----------------------------------------------------------------------===//
// Threads
//===----------------------------------------------------------------------===//

TEST(LeanApi, ConcurrentProfilesAreIndependent) {
  Bytes Lean = bytesOf(LeanAccept);
  Bytes Compat = bytesOf(InstrumentedModule);
  std::vector<std::thread> Threads;
  std::vector<int> Failures(8, 0);
  for (int T = 0; T < 8; ++T)
    Threads.emplace_back([&, T] {
      for (int I = 0; I < 40; ++I) {
        // Each module under each profile in turn.
        bool LeanModule = (T + I) % 2, LeanProfile = (T + I / 2) % 2;
        const Bytes &M = LeanModule ? Lean : Compat;
        stackcap_report *R = nullptr;
        int S = stackcap_verify_profile(M.data(), M.size(), LeanProfile ? "lean" : "compat",
                                        nullptr, &R);
        int Want = LeanModule == LeanProfile ? STACKCAP_VERIFIED : STACKCAP_VIOLATIONS;
        if (S != Want || stackcap_report_status(R) != Want ||
            std::strcmp(stackcap_report_profile(R), LeanProfile ? "lean" : "compat") ||
            (LeanModule && LeanProfile && stackcap_report_checked_functions(R) != 4))
          ++Failures[T];
        stackcap_report_free(R);
      }
    });
  for (std::thread &T : Threads)
    T.join();
  for (int F : Failures)
    EXPECT_EQ(F, 0);
}

} // namespace
