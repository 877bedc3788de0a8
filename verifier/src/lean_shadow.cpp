//===- lean_shadow.cpp - Profile lean's soundness, executed ---------------===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#include "stackcap/lean_shadow.h"

#include "stackcap/instr.h"
#include "stackcap/lean.h"
#include "stackcap/module.h"
#include "stackcap/opcodes.h"

#include "module_rewriter.h"

#include <cstdio>
#include <cstring>

namespace stackcap {
namespace {

constexpr uint8_t SecGlobal = 6;

void emit(Bytes &Out, uint32_t Key) { Out.push_back(opcodeByte(Key)); }
void emitU(Bytes &Out, uint32_t Key, uint32_t V) {
  emit(Out, Key);
  writeULEB(Out, V);
}
void emitConst(Bytes &Out, uint32_t V) {
  emit(Out, op::I32Const);
  writeSLEB(Out, static_cast<int32_t>(V));
}

/// S += Frame; trap (division by zero) when S + counter > Limit.
void emitEnter(Bytes &Out, uint32_t S, uint32_t Counter, uint32_t Frame, uint32_t Limit) {
  emitU(Out, op::GlobalGet, S);
  emitConst(Out, Frame);
  emit(Out, op::I32Add);
  emitU(Out, op::GlobalSet, S);
  emitU(Out, op::GlobalGet, S);
  emitU(Out, op::GlobalGet, Counter);
  emit(Out, op::I32Add);
  emitConst(Out, Limit);
  emit(Out, op::I32GtU);
  emit(Out, op::If);
  Out.push_back(EmptyBlockTypeByte);
  emitConst(Out, 0);
  emitConst(Out, 0);
  emit(Out, op::I32DivU);
  emit(Out, op::Drop);
  emit(Out, op::End);
}

/// S -= Frame.
void emitLeave(Bytes &Out, uint32_t S, uint32_t Frame) {
  emitU(Out, op::GlobalGet, S);
  emitConst(Out, Frame);
  emit(Out, op::I32Sub);
  emitU(Out, op::GlobalSet, S);
}

/// The block type of a block whose results are the function's: empty, one
/// value type, or the index of a type [] -> results.
bool resultBlockType(const Module &M, const FuncType &T, Bytes &Out) {
  if (T.NumResults == 0) {
    Out.push_back(EmptyBlockTypeByte);
    return true;
  }
  if (T.NumResults == 1) {
    Out.push_back(T.Results[0]);
    return true;
  }
  for (size_t I = 0; I < M.Types.size(); ++I) {
    const FuncType &C = M.Types[I];
    if (C.NumParams == 0 && C.NumResults == T.NumResults &&
        std::memcmp(C.Results, T.Results, T.NumResults) == 0) {
      writeSLEB(Out, static_cast<int64_t>(I));
      return true;
    }
  }
  return false;
}

} // namespace

ShadowResult shadowLeanModule(const uint8_t *Data, size_t Size, bool Unverified) {
  ShadowResult Res;
  Module M;
  DecodeError E;
  if (!decodeModule(Data, Size, M, E)) {
    char At[32];
    std::snprintf(At, sizeof At, "offset 0x%x: ", E.Offset);
    Res.Error = At + E.Message;
    return Res;
  }
  LeanReport L;
  analyzeLean(M, VerifyOptions(), L);
  if (!L.verified() && !Unverified) {
    Res.Error = "the module does not verify under profile lean";
    if (!L.Violations.empty())
      Res.Error += std::string(" (rule ") + std::to_string(unsigned(L.Violations[0].R)) + ", " +
                   leanRuleTitle(L.Violations[0].R) + ")";
    return Res;
  }
  if (!L.HasCounter) {
    Res.Error = "the module has no lean counter";
    return Res;
  }
  const Section *GS = nullptr;
  for (const Section &S : M.Sections)
    if (S.Id == SecGlobal)
      GS = &S;
  if (!GS) {
    Res.Error = "the module has no global section";
    return Res;
  }
  const uint32_t S = static_cast<uint32_t>(M.Globals.size());
  const uint32_t C = L.CounterGlobal;
  Res.ShadowGlobal = S;

  Bytes Code;
  bool Ok = detail::rewriteBodies(M, Code, [&](size_t K, const FunctionBody &, Bytes &Body) {
    const LeanFunction &LF = L.Functions[K];
    uint32_t F = M.NumImportedFuncs + static_cast<uint32_t>(K);
    if (!LF.FrameValid) {
      Res.Error = "function " + std::to_string(F) + ": its frame is unknown";
      return false;
    }
    Bytes BT;
    if (!resultBlockType(M, M.funcType(F), BT)) {
      Res.Error = "function " + std::to_string(F) +
                  ": its results need a block type [] -> results that the module lacks";
      return false;
    }
    unsigned Skip = LF.Checked ? LeanEntryLen : 0; // the entry sequence comes first
    bool Entered = false;
    size_t Depth = 0; // labels open inside the wrapping block
    std::string Msg;
    bool Good = detail::forEachInstr(M, F, Msg, [&](const Instr &I) {
      const uint8_t *Raw = M.Data + I.Offset;
      if (Skip) {
        append(Body, Raw, I.Length);
        --Skip;
        return true;
      }
      if (!Entered) {
        emitEnter(Body, S, C, LF.Frame, L.Limit);
        emit(Body, op::Block);
        append(Body, BT.data(), BT.size());
        Entered = true;
      }
      switch (I.kind()) {
      case OpKind::Block:
      case OpKind::Loop:
      case OpKind::If:
        ++Depth;
        break;
      case OpKind::End:
        if (Depth == 0) { // the function's own end
          emit(Body, op::End);
          emitLeave(Body, S, LF.Frame);
          emit(Body, op::End);
          return true;
        }
        --Depth;
        break;
      case OpKind::Return:
        emitU(Body, op::Br, static_cast<uint32_t>(Depth));
        return true;
      case OpKind::Unsupported:
        Msg = std::string("'") + I.name() + "' is not supported";
        return false;
      default:
        break;
      }
      append(Body, Raw, I.Length);
      return true;
    });
    if (!Good || !Msg.empty()) {
      Res.Error = "function " + std::to_string(F) + ": " + (Msg.empty() ? "malformed" : Msg);
      return false;
    }
    ++Res.NumFunctions;
    return true;
  });
  if (!Ok)
    return Res;

  // One more global: (mut i32) (i32.const 0). The global section precedes the
  // code section, so it sits in Code where it sits in M.
  ByteReader R(M.Data + GS->PayloadOffset, GS->PayloadSize);
  uint32_t Count = 0;
  ByteReader::mustSucceed(R.readU32(Count));
  Bytes Payload;
  writeULEB(Payload, Count + 1);
  append(Payload, M.Data + GS->PayloadOffset + R.offset(), GS->PayloadSize - R.offset());
  Payload.push_back(static_cast<uint8_t>(ValType::I32));
  Payload.push_back(1); // mutable
  emitConst(Payload, 0);
  emit(Payload, op::End);
  detail::replaceSection(Code.data(), Code.size(), *GS, Payload, Res.Output);
  Res.Ok = true;
  return Res;
}

} // namespace stackcap
