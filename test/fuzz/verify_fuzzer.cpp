//===- verify_fuzzer.cpp - libFuzzer target over the verifier -------------===//
//
// Part of stackcap. Any input must decode or be rejected, never crash, hang,
// leak or read out of bounds. Where the input is instrumentable, the
// instrumenter's output must decode and verify: that ties the two together.
//
//===----------------------------------------------------------------------===//
#include "stackcap/instrument.h"
#include "stackcap/verify.h"

#include <cstdlib>

using namespace stackcap;

extern "C" int LLVMFuzzerTestOneInput(const uint8_t *Data, size_t Size) {
  VerifyOptions Opts;
  VerifyReport Report;
  verifyModule(Data, Size, Opts, Report);

  Opts.HasLimit = true;
  Opts.Limit = 1024;
  verifyModule(Data, Size, Opts, Report);

  InstrumentResult R = instrumentModule(Data, Size, 1024);
  if (R.Ok) {
    VerifyReport Again;
    verifyModule(R.Output.data(), R.Output.size(), Opts, Again);
    if (!Again.verified())
      std::abort(); // the reference instrumenter produced an unverifiable module
  }
  return 0;
}
