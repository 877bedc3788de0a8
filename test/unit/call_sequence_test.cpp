//===- call_sequence_test.cpp - The counted call of call_sequence.h -------===//
//
// Part of stackcap. The writer emits the sequence the way wat2wasm encodes
// the text of spec section 2, the decoder reads back exactly the steps of
// CountedCall, and the verifier recognises what the writer emits (and a thunk
// made of it).
//
//===----------------------------------------------------------------------===//

#include "stackcap/call_sequence.h"
#include "stackcap/instr.h"
#include "stackcap/verify.h"
#include "stackcap/wasm_writer.h"

#include "test_modules.h"

#include <gtest/gtest.h>

#include <string>

using namespace stackcap;

namespace {

Bytes countedCall(uint32_t Counter, uint32_t Cost, uint32_t Limit, uint32_t Callee) {
  Bytes B;
  writePreamble(B, Counter, Cost, Limit);
  B.push_back(opcodeByte(op::Call));
  writeULEB(B, Callee);
  writePostamble(B, Counter, Cost);
  return B;
}

TEST(CallSequence, WriterMatchesWat2wasm) {
  // $main's body in InstrumentedModule, after its local count: counter 0,
  // cost 3, limit 1024, call 0 (wat2wasm's encoding, not the library's).
  const uint8_t *M = stackcap_test::InstrumentedModule;
  const size_t At = stackcap_test::InstrumentedCallOffset - 17; // the first global.get
  Bytes Expected(M + At, M + At + 26);
  ASSERT_EQ(Expected.front(), 0x23);
  EXPECT_EQ(countedCall(0, 3, 1024, 0), Expected);
}

TEST(CallSequence, DecodesToTheSteps) {
  const uint32_t Values[][4] = {
      {0, 3, 1024, 0}, {129, 0x7fffffff, 0xffffffff, 300}, {5, 64, 63, 0x10000}, {0, 0x80000000, 1, 1}};
  for (const auto &Val : Values) {
    SequenceValues V;
    V.Counter = Val[0];
    V.Cost = Val[1];
    V.Limit = Val[2];
    V.Callee = Val[3];
    Bytes B = countedCall(V.Counter, V.Cost, V.Limit, V.Callee);
    ByteReader R(B.data(), B.size());
    for (unsigned K = 0; K < CountedCallLength; ++K) {
      SCOPED_TRACE("step " + std::to_string(K));
      Instr I;
      std::string Err;
      ASSERT_TRUE(decodeInstr(R, I, Err)) << Err;
      const SeqStep &S = CountedCall[K];
      EXPECT_EQ(I.Key, S.Opcode);
      uint32_t Want = seqImmValue(S.Imm, V);
      switch (S.Imm) {
      case SeqImm::None:
        EXPECT_EQ(I.Length, 1u);
        break;
      case SeqImm::EmptyBlock:
        EXPECT_EQ(I.BT.Kind, BlockType::Empty);
        EXPECT_EQ(I.Length, 2u);
        break;
      case SeqImm::Counter:
      case SeqImm::Callee:
        EXPECT_EQ(I.Index, Want);
        break;
      case SeqImm::Cost:
      case SeqImm::Limit:
        EXPECT_EQ(I.ConstValue, static_cast<int32_t>(Want));
        break;
      }
    }
    EXPECT_TRUE(R.atEnd());
  }
}

TEST(CallSequence, StepsAreThoseOfTheSpec) {
  // Spec section 2, written out independently of the table.
  const uint32_t Spec[] = {op::GlobalGet, op::I32Const, op::I32Add,      op::GlobalSet,
                           op::GlobalGet, op::I32Const, op::I32GtU,      op::If,
                           op::Unreachable, op::End,    op::Call,        op::GlobalGet,
                           op::I32Const,  op::I32Sub,   op::GlobalSet};
  ASSERT_EQ(CountedCallLength, sizeof(Spec) / sizeof(Spec[0]));
  for (unsigned K = 0; K < CountedCallLength; ++K)
    EXPECT_EQ(CountedCall[K].Opcode, Spec[K]) << K;
  EXPECT_EQ(0x23u, op::GlobalGet);
  EXPECT_EQ(0x41u, op::I32Const);
  EXPECT_EQ(0x6au, op::I32Add);
  EXPECT_EQ(0x24u, op::GlobalSet);
  EXPECT_EQ(0x4bu, op::I32GtU);
  EXPECT_EQ(0x04u, op::If);
  EXPECT_EQ(0x00u, op::Unreachable);
  EXPECT_EQ(0x0bu, op::End);
  EXPECT_EQ(0x10u, op::Call);
  EXPECT_EQ(0x6bu, op::I32Sub);
  EXPECT_EQ(PreambleLength, 10u);
  EXPECT_EQ(PostambleLength, 4u);
}

TEST(CallSequence, VerifierRecognisesTheWriterAndTheThunk) {
  // The module of test_modules.h, rebuilt with the writer: same bytes, and
  // it verifies with one instrumented call and one thunk.
  const uint8_t *M = stackcap_test::InstrumentedModule;
  const size_t Size = sizeof(stackcap_test::InstrumentedModule);
  const size_t At = stackcap_test::InstrumentedCallOffset - 17;
  Bytes Rebuilt(M, M + At);
  Bytes Seq = countedCall(0, 3, 1024, 0);
  Rebuilt.insert(Rebuilt.end(), Seq.begin(), Seq.end());
  Rebuilt.insert(Rebuilt.end(), M + At + Seq.size(), M + Size);
  ASSERT_EQ(Rebuilt, Bytes(M, M + Size));
  VerifyReport Rep;
  verifyModule(Rebuilt.data(), Rebuilt.size(), VerifyOptions(), Rep);
  ASSERT_TRUE(Rep.verified()) << (Rep.Malformed ? Rep.Decode.Message : Rep.Violations[0].Message);
  EXPECT_EQ(Rep.NumInstrumentedCalls, 1u);
  EXPECT_EQ(Rep.NumThunks, 1u);
  EXPECT_EQ(Rep.ThunkTarget[1], 0u);
}

} // namespace
