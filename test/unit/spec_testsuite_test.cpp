//===- spec_testsuite_test.cpp - The official wasm test suite's binaries --===//
//
// Part of stackcap. Runs every module of the shared fixtures' copy of the
// WebAssembly test suite (fixtures/wasm-testsuite, see its README) through
// the verifier:
//   - every `malformed` module (assert_malformed) is rejected as malformed,
//     with a message, and not as unsupported;
//   - every `valid` module decodes, or is refused as unsupported with a
//     message naming the feature (GC types), or decodes and has its tail
//     calls or exception handling refused under rule 6;
//   - nothing crashes (`invalid` modules are run too; a decoder that is not a
//     validator may accept them).
// The counts are printed.
//
//===----------------------------------------------------------------------===//

#include "stackcap/verify.h"

#include <gtest/gtest.h>

#include <fstream>
#include <iterator>
#include <sstream>
#include <string>
#include <vector>

using namespace stackcap;

namespace {

const std::string SuiteDir = STACKCAP_TESTSUITE_DIR;

struct Entry {
  std::string File, Wast, Line, Kind, Expected;
};

std::vector<Entry> readManifest() {
  std::vector<Entry> Out;
  std::ifstream In(SuiteDir + "/manifest.tsv");
  std::string Line;
  bool Header = true;
  while (std::getline(In, Line)) {
    if (Header) {
      Header = false;
      continue;
    }
    std::vector<std::string> Fields;
    std::stringstream S(Line);
    std::string F;
    while (std::getline(S, F, '\t'))
      Fields.push_back(F);
    Fields.resize(5);
    Out.push_back({Fields[0], Fields[1], Fields[2], Fields[3], Fields[4]});
  }
  return Out;
}

bool readBytes(const std::string &Path, std::vector<uint8_t> &Out) {
  std::ifstream In(Path, std::ios::binary);
  if (!In)
    return false;
  Out.assign(std::istreambuf_iterator<char>(In), std::istreambuf_iterator<char>());
  return true;
}

/// An unsupported module must say which feature it uses.
bool namesFeature(const std::string &Msg) {
  for (const char *F : {"GC", "tail call", "exception", "typed reference", "stack switching",
                        "initialiser expressions"})
    if (Msg.find(F) != std::string::npos)
      return true;
  return false;
}

TEST(SpecTestsuite, WholeManifest) {
  std::vector<Entry> Manifest = readManifest();
  ASSERT_GT(Manifest.size(), 5000u) << "manifest not found in " << SuiteDir;

  unsigned Malformed = 0, MalformedRejected = 0;
  unsigned Valid = 0, ValidDecoded = 0, ValidRule6 = 0, ValidUnsupported = 0;
  unsigned Invalid = 0, InvalidAccepted = 0;
  std::vector<std::string> Failures;
  for (const Entry &E : Manifest) {
    std::vector<uint8_t> Bytes;
    ASSERT_TRUE(readBytes(SuiteDir + "/bin/" + E.File, Bytes)) << E.File;
    VerifyReport R;
    Module M;
    verifyModule(Bytes.data(), Bytes.size(), VerifyOptions(), R, &M);
    std::string Where = E.File + " (" + E.Wast + ":" + E.Line + ")";
    if (E.Kind == "malformed") {
      ++Malformed;
      if (R.Malformed && !R.Decode.Unsupported && !R.Decode.Message.empty() &&
          R.Decode.Offset <= Bytes.size())
        ++MalformedRejected;
      else
        Failures.push_back(Where + ": malformed (\"" + E.Expected + "\") but " +
                           (R.Malformed ? "unsupported: " + R.Decode.Message
                                        : std::string("accepted")));
    } else if (E.Kind == "valid") {
      ++Valid;
      if (!R.Malformed) {
        ++ValidDecoded;
        for (const Violation &V : R.Violations)
          if (V.R == Rule::Unsupported) {
            ++ValidRule6;
            break;
          }
      } else if (R.Decode.Unsupported && namesFeature(R.Decode.Message)) {
        ++ValidUnsupported;
      } else {
        Failures.push_back(Where + ": valid but rejected at offset " +
                           std::to_string(R.Decode.Offset) + ": " + R.Decode.Message);
      }
    } else if (E.Kind == "invalid") {
      ++Invalid;
      InvalidAccepted += !R.Malformed;
    } else {
      Failures.push_back(Where + ": unknown kind " + E.Kind);
    }
  }
  std::printf("wasm test suite: malformed %u, rejected as malformed %u; valid %u, decoded %u "
              "(%u of them refused under rule 6), refused as unsupported %u; invalid %u, "
              "decoded %u\n",
              Malformed, MalformedRejected, Valid, ValidDecoded, ValidRule6, ValidUnsupported,
              Invalid, InvalidAccepted);
  for (const std::string &F : Failures)
    ADD_FAILURE() << F;
  EXPECT_EQ(Malformed, 711u);
  EXPECT_EQ(Valid, 2160u);
  EXPECT_EQ(MalformedRejected, Malformed);
  EXPECT_EQ(ValidDecoded + ValidUnsupported, Valid);
}

} // namespace
