//===- demangle_test.cpp - Tests of the Rust symbol demangler -------------===//
//
// Part of stackcap. The symbols are real: legacy ones from rustc 1.96 (its
// default mangling) compiling a small crate for wasm32-unknown-unknown, v0
// ones from the stackcap core/alloc sysroot; the expected forms agree with
// LLVM 22's demangler (llvm-cxxfilt), less the legacy hash.
//
//===----------------------------------------------------------------------===//

#include "stackcap/demangle.h"

#include <gtest/gtest.h>

#include <string>

using stackcap::demangleSymbol;

namespace {

TEST(Demangle, RustLegacy) {
  EXPECT_EQ(demangleSymbol("_ZN3lib6helper17h23ca38e57d6e9968E"), "lib::helper");
  EXPECT_EQ(demangleSymbol("_ZN3lib12Foo$LT$T$GT$3get17h15787ff411d01f2dE"), "lib::Foo<T>::get");
  EXPECT_EQ(demangleSymbol("_ZN47_$LT$lib..Foo$LT$u32$GT$$u20$as$u20$lib..Tr$GT$2go17h4d2af34cfaac0d33E"),
            "<lib::Foo<u32> as lib::Tr>::go");
  // $RF$, $LP$/$RP$, $u..$ escapes (-C opt-level=0 keeps these functions).
  EXPECT_EQ(demangleSymbol("_ZN114_$LT$$RF$dyn$u20$core..ops..function..Fn$LT$$LP$$RP$$GT$$u2b$Output"
                           "$u20$$u3d$$u20$$LP$$RP$$u20$as$u20$lib2..Tr$GT$2go17h61f432dc02579248E"),
            "<&dyn core::ops::function::Fn<()>+Output = () as lib2::Tr>::go");
  EXPECT_EQ(demangleSymbol("_ZN52_$LT$$u5b$u8$u3b$$u20$4$u5d$$u20$as$u20$lib2..Tr$GT$2go17hd6698eef32e41911E"),
            "<[u8; 4] as lib2::Tr>::go");
  EXPECT_EQ(demangleSymbol("_ZN4lib23run28_$u7b$$u7b$closure$u7d$$u7d$17h13c9389cffde4753E"),
            "lib2::run::{{closure}}");
  EXPECT_EQ(demangleSymbol("_ZN4core3ops8function6FnOnce40call_once$u7b$$u7b$vtable.shim$u7d$$u7d$"
                           "17hd796056110dc65ecE"),
            "core::ops::function::FnOnce::call_once{{vtable.shim}}");
  // Suffixes, as the stackcap plugin and LLVM add them.
  EXPECT_EQ(demangleSymbol("_ZN3lib6helper17h23ca38e57d6e9968E.stackcap_body"),
            "lib::helper (.stackcap_body)");
  EXPECT_EQ(demangleSymbol("_ZN3lib6helper17h23ca38e57d6e9968E.llvm.1234"),
            "lib::helper (.llvm.1234)");
}

TEST(Demangle, RustV0) {
  EXPECT_EQ(demangleSymbol("_RNvCsjrHiwcRMYRJ_3lib6helper"), "lib::helper");
  EXPECT_EQ(demangleSymbol("_RNvCsfgHYwM92fyn_7___rustc17rust_begin_unwind"),
            "__rustc::rust_begin_unwind");
  EXPECT_EQ(demangleSymbol("_RNvXs_CsjrHiwcRMYRJ_3libINtB4_3FoomENtB4_2Tr2go"),
            "<lib::Foo<u32> as lib::Tr>::go");
  EXPECT_EQ(demangleSymbol("_RNvMCsjrHiwcRMYRJ_3libINtB2_3FoohE3getB2_"), "<lib::Foo<u8>>::get");
  EXPECT_EQ(demangleSymbol("_RINvNtNtNtCsjscKhy9X8Zh_4core4iter8adapters3zip3zipRSReRSRDNtNtB8_3fmt5DebugEL_EB8_"),
            "core::iter::adapters::zip::zip::<&[&str], &[&dyn core::fmt::Debug]>");
  EXPECT_EQ(demangleSymbol("_RINvNtNtNtCsjscKhy9X8Zh_4core4iter8adapters3zip3zipQShRBO_EB8_"),
            "core::iter::adapters::zip::zip::<&mut [u8], &[u8]>");
  EXPECT_EQ(demangleSymbol("_RINvMsm_NtCsjscKhy9X8Zh_4core5arrayAtj3_7try_mapINtNtNtB8_3ops9try_"
                           "trait17NeverShortCircuitcEINtBN_7WrappedctNCNvNtNtNtB8_7unicode12unicod"
                           "e_data11conversions6lookups0_0EEB8_"),
            "<[u16; 3]>::try_map::<core::ops::try_trait::NeverShortCircuit<char>, "
            "core::ops::try_trait::Wrapped<char, u16, "
            "core::unicode::unicode_data::conversions::lookup::{closure#2}>>");
  EXPECT_EQ(demangleSymbol("_RNvXs1g_NtCsjscKhy9X8Zh_4core3fmtRPNtNtB8_3ffi6c_voidNtB6_5Debug3fmtB8_"),
            "<&*const core::ffi::c_void as core::fmt::Debug>::fmt");
  EXPECT_EQ(demangleSymbol("_RNvYNCNvNvMs6_NtNtCsjscKhy9X8Zh_4core4task4wakeNtBc_5Waker11from_fn_ptr"
                           "6VTABLE0INtNtNtBg_3ops8function6FnOnceTPuEE9call_onceBg_"),
            "<<core::task::wake::Waker>::from_fn_ptr::VTABLE::{closure#0} as "
            "core::ops::function::FnOnce<(*const (),)>>::call_once");
  EXPECT_EQ(demangleSymbol("_RINvNtCsjscKhy9X8Zh_4core3ptr12align_offsethEB4_.stackcap_body"),
            "core::ptr::align_offset::<u8> (.stackcap_body)");
}

TEST(Demangle, LeavesOthersAlone) {
  // C++ names: demangled by wasm-ld already, or mangled with --no-demangle.
  for (const char *S : {"ns::V<int>::get(int)", "_ZN2ns1VIiE3getEi", "_ZN3lib6helper17h23ca38e57d6e9968Ev",
                        "_ZN3lib6helperE", "run", "", "_R", "_ZN", "__wasm_call_ctors",
                        "add.stackcap_thunk", "_ZN3lib4$XX$17h23ca38e57d6e9968E",
                        "_ZN3lib6helper17h23ca38e57d6e996zE",
                        // v0 with punycode identifiers, or a version other than 0
                        "_RNvCs1234_7mycrateu8gdax_ala", "_R0NvCs1234_7mycrate1f"})
    EXPECT_EQ(demangleSymbol(S), S) << S;
}

TEST(Demangle, HostileInput) {
  // Every prefix of real symbols, and self-referencing or deep backrefs,
  // neither crash nor loop.
  std::string Syms[] = {
      "_RINvMsm_NtCsjscKhy9X8Zh_4core5arrayAtj3_7try_mapINtNtNtB8_3ops9try_trait17NeverShortCircui"
      "tcEINtBN_7WrappedctNCNvNtNtNtB8_7unicode12unicode_data11conversions6lookups0_0EEB8_",
      "_ZN47_$LT$lib..Foo$LT$u32$GT$$u20$as$u20$lib..Tr$GT$2go17h4d2af34cfaac0d33E"};
  for (const std::string &S : Syms)
    for (size_t N = 0; N <= S.size(); ++N)
      (void)demangleSymbol(S.substr(0, N));
  EXPECT_EQ(demangleSymbol("_RB_"), "_RB_");
  EXPECT_EQ(demangleSymbol("_RNvB0_1f"), "_RNvB0_1f");
  std::string Deep = "_R";
  for (int I = 0; I < 100000; ++I)
    Deep += "INv";
  EXPECT_EQ(demangleSymbol(Deep), Deep);
  std::string Wide = "_RINvCs_1a1fE";
  EXPECT_EQ(demangleSymbol(Wide), "a::f::<>");
}

} // namespace
