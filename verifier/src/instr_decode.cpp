//===- instr_decode.cpp - Decoding of one wasm instruction ----------------===//
//
// Part of stackcap. Decodes an opcode and its immediates with the strict LEB128
// limits of the binary format. Every loop is bounded by the bytes that remain,
// and nothing is allocated, so hostile input costs at most linear time.
//
//===----------------------------------------------------------------------===//

#include "stackcap/compiler.h"
#include "stackcap/instr.h"

#include <cstdio>

// Error paths are rare (STACKCAP_COLD): keeping them out of line keeps the
// hot path small.

namespace stackcap {
namespace {

// Most indices and counts fit in one LEB byte; skipping the general loop for
// them keeps decoding of typical code bodies cheap.
inline bool readU32Fast(ByteReader &R, uint32_t &Out) {
  uint8_t B = 0;
  if (R.peekByte(B) && B < 0x80) {
    Out = B;
    return R.skip(1);
  }
  return R.readU32(Out);
}

// Tells apart input that simply ends inside an immediate from a malformed
// one; called only on failure, with the bounds captured before the read.
bool endsInsideLEB(const uint8_t *P, const uint8_t *End) {
  for (; P != End; ++P)
    if (!(*P & 0x80))
      return false;
  return true;
}

inline const OpcodeInfo *lookupSingleByte(uint8_t Op) {
  return detail::SingleByteOpcodes.Info[Op];
}

class Decoder {
public:
  Decoder(ByteReader &R, Instr &Out, std::string &Error) : R(R), Out(Out), Error(Error) {}

  bool run();

private:
  ByteReader &R;
  Instr &Out;
  std::string &Error;
  const uint8_t *ImmStart = nullptr; // where the current immediate field began
  const uint8_t *End = nullptr;

  void mark() {
    ImmStart = R.position();
    End = R.position() + R.remaining();
  }

  STACKCAP_COLD bool fail(const char *What) {
    Error = What;
    return false;
  }

  // A vector whose count cannot fit in what is left of the body: reported as
  // truncation, and caught before the loop so hostile counts cost nothing.
  STACKCAP_COLD bool countFail(const char *What, uint32_t Count) {
    char Buf[160];
    std::snprintf(Buf, sizeof(Buf),
                  "unexpected end of code: %s count %u exceeds the %zu bytes left", What, Count,
                  R.remaining());
    Error = Buf;
    return false;
  }

  // Fixed-size fields can only fail by running out of input.
  STACKCAP_COLD bool truncated(const char *Field) {
    char Buf[160];
    std::snprintf(Buf, sizeof(Buf), "unexpected end of code in %s of %s", Field, Out.Info->Name);
    Error = Buf;
    return false;
  }

  // Failure of an immediate read: reports truncation or malformation of the
  // field that started at the last mark().
  STACKCAP_COLD bool immFail(const char *Field) {
    const char *Name = Out.Info->Name;
    const char *Why = endsInsideLEB(ImmStart, End) ? "unexpected end of code in" : "malformed";
    char Buf[160];
    std::snprintf(Buf, sizeof(Buf), "%s %s of %s", Why, Field, Name);
    Error = Buf;
    return false;
  }

  bool u32(uint32_t &V, const char *Field) {
    mark();
    return readU32Fast(R, V) || immFail(Field);
  }

  bool byte(uint8_t &V, const char *Field) { return R.readByte(V) || truncated(Field); }

  bool bytes(size_t N, const char *Field) { return R.skip(N) || truncated(Field); }

  bool blockType();
  bool memArg();
  bool brTable();
  bool selectT();
  bool tryTable();
  bool immediates();
};

bool Decoder::blockType() {
  uint8_t B = 0;
  mark();
  if (!R.peekByte(B))
    return immFail("block type");
  // Negative block types exist only as these single bytes; a padded LEB of a
  // negative value is not a block type.
  if (B == EmptyBlockType) {
    R.advance(1); // the byte peeked
    Out.BT.Kind = BlockType::Empty;
    return true;
  }
  if (isSingleByteValType(B)) {
    R.advance(1); // the byte peeked
    Out.BT.Kind = BlockType::Value;
    return true;
  }
  int64_t V = 0;
  if (!R.readSLEB(V, 33))
    return immFail("block type");
  if (V < 0) {
    char Buf[96];
    std::snprintf(Buf, sizeof(Buf), "unsupported block type 0x%02x in %s", B, Out.Info->Name);
    Error = Buf;
    return false;
  }
  Out.BT.Kind = BlockType::TypeIndex;
  Out.BT.Index = static_cast<uint32_t>(V);
  return true;
}

bool Decoder::memArg() {
  uint32_t Align = 0;
  if (!u32(Align, "memarg alignment"))
    return false;
  // Bit 6 announces an explicit memory index (multi-memory); any higher bit
  // makes the alignment field malformed.
  if (Align >= 0x80)
    return fail("malformed memarg alignment");
  Out.Index = 0;
  if ((Align & 0x40) && !u32(Out.Index, "memarg memory index"))
    return false;
  uint64_t Offset = 0;
  mark();
  // Offsets are u64 so memory64 modules decode; their range against the
  // memory's index type is a validation matter.
  return R.readULEB(Offset, 64) || immFail("memarg offset");
}

bool Decoder::brTable() {
  uint32_t Count = 0;
  if (!u32(Count, "br_table target count"))
    return false;
  // Every target takes at least one byte.
  if (Count > R.remaining())
    return countFail("br_table target", Count);
  Out.TargetsOffset = static_cast<uint32_t>(R.offset());
  Out.TargetCount = Count;
  uint32_t Depth = 0;
  for (uint32_t I = 0; I < Count; ++I)
    if (!u32(Depth, "br_table target"))
      return false;
  return u32(Out.Index, "br_table default target");
}

bool Decoder::selectT() {
  uint32_t Count = 0;
  if (!u32(Count, "select type count"))
    return false;
  if (Count > R.remaining())
    return countFail("select type", Count);
  Out.Index = Count;
  for (uint32_t I = 0; I < Count; ++I) {
    uint8_t T = 0;
    if (!byte(T, "select type"))
      return false;
    if (!isSingleByteValType(T)) {
      char Buf[64];
      std::snprintf(Buf, sizeof(Buf), "unsupported value type 0x%02x in select", T);
      Error = Buf;
      return false;
    }
  }
  return true;
}

bool Decoder::tryTable() {
  if (!blockType())
    return false;
  uint32_t Count = 0;
  if (!u32(Count, "catch count"))
    return false;
  // Each catch clause is at least two bytes.
  if (Count > R.remaining() / 2)
    return countFail("try_table catch", Count);
  for (uint32_t I = 0; I < Count; ++I) {
    uint8_t Kind = 0;
    uint32_t Tag = 0, Label = 0;
    if (!byte(Kind, "catch kind"))
      return false;
    if (Kind > 3)
      return fail("malformed catch kind in try_table");
    // catch and catch_ref name a tag; catch_all and catch_all_ref do not.
    if (Kind <= 1 && !u32(Tag, "catch tag"))
      return false;
    if (!u32(Label, "catch label"))
      return false;
  }
  return true;
}

bool Decoder::immediates() {
  switch (Out.Info->Imm) {
  case ImmKind::None:
  case ImmKind::Unknown:
    return true;
  case ImmKind::BlockType:
    return blockType();
  case ImmKind::LabelIdx:
    return u32(Out.Index, "label index");
  case ImmKind::BrTable:
    return brTable();
  case ImmKind::FuncIdx:
    return u32(Out.Index, "function index");
  case ImmKind::CallIndirect:
    return u32(Out.Index, "type index") && u32(Out.Index2, "table index");
  case ImmKind::LocalIdx:
    return u32(Out.Index, "local index");
  case ImmKind::GlobalIdx:
    return u32(Out.Index, "global index");
  case ImmKind::TableIdx:
    return u32(Out.Index, "table index");
  case ImmKind::TypeIdx:
    return u32(Out.Index, "type index");
  case ImmKind::MemArg:
    return memArg();
  case ImmKind::MemArgLane: {
    if (!memArg())
      return false;
    uint8_t Lane = 0;
    if (!byte(Lane, "lane index"))
      return false;
    Out.Index2 = Lane;
    return true;
  }
  case ImmKind::MemIdx:
    return u32(Out.Index, "memory index");
  case ImmKind::I32:
    mark();
    return R.readSLEB(Out.ConstValue, 32) || immFail("i32 constant");
  case ImmKind::I64:
    mark();
    return R.readSLEB(Out.ConstValue, 64) || immFail("i64 constant");
  case ImmKind::F32:
    return bytes(4, "f32 constant");
  case ImmKind::F64:
    return bytes(8, "f64 constant");
  case ImmKind::V128:
    return bytes(16, "v128 constant");
  case ImmKind::Shuffle:
    return bytes(16, "shuffle lanes");
  case ImmKind::Lane: {
    uint8_t Lane = 0;
    if (!byte(Lane, "lane index"))
      return false;
    Out.Index = Lane;
    return true;
  }
  case ImmKind::SelectT:
    return selectT();
  case ImmKind::HeapType: {
    mark();
    if (!R.readSLEB(Out.ConstValue, 33))
      return immFail("heap type");
    Out.Index = static_cast<uint32_t>(Out.ConstValue);
    return true;
  }
  case ImmKind::DataIdxMemIdx:
    return u32(Out.Index, "data index") && u32(Out.Index2, "memory index");
  case ImmKind::DataIdx:
    return u32(Out.Index, "data index");
  case ImmKind::MemIdxMemIdx:
    return u32(Out.Index, "memory index") && u32(Out.Index2, "memory index");
  case ImmKind::ElemIdxTableIdx:
    return u32(Out.Index, "element index") && u32(Out.Index2, "table index");
  case ImmKind::ElemIdx:
    return u32(Out.Index, "element index");
  case ImmKind::TableIdxTableIdx:
    return u32(Out.Index, "table index") && u32(Out.Index2, "table index");
  case ImmKind::ZeroByte: {
    uint8_t Z = 0;
    if (!byte(Z, "reserved byte"))
      return false;
    return Z == 0 || fail("atomic.fence reserved byte is not zero");
  }
  case ImmKind::TryTable:
    return tryTable();
  }
  return fail("internal error: unhandled immediate kind");
}

bool Decoder::run() {
  const size_t Start = R.offset();
  uint8_t Op;
  if (!R.readByte(Op))
    return fail("unexpected end of code: expected an opcode");

  uint8_t Prefix = 0;
  uint32_t Secondary = Op;
  const OpcodeInfo *Info;
  if (Op < prefix::GC || Op > prefix::Threads) {
    Info = lookupSingleByte(Op);
  } else {
    Prefix = Op;
    mark();
    if (!readU32Fast(R, Secondary)) {
      char Buf[96];
      std::snprintf(Buf, sizeof(Buf), "%s opcode after prefix 0x%02x",
                    endsInsideLEB(ImmStart, End) ? "unexpected end of code in" : "malformed",
                    Prefix);
      Error = Buf;
      return false;
    }
    Info = lookupOpcode(Prefix, Secondary);
  }

  if (!Info) {
    char Buf[64];
    if (Prefix)
      std::snprintf(Buf, sizeof(Buf), "unknown opcode 0x%02x 0x%x", Prefix, Secondary);
    else
      std::snprintf(Buf, sizeof(Buf), "unknown opcode 0x%02x", Op);
    Error = Buf;
    return false;
  }

  Out.Offset = static_cast<uint32_t>(Start);
  Out.Key = opcodeKey(Prefix, Secondary);
  Out.Info = Info;
  Out.Index = 0;
  Out.Index2 = 0;
  Out.ConstValue = 0;
  Out.BT = BlockType();
  Out.TargetsOffset = 0;
  Out.TargetCount = 0;
  if (!immediates())
    return false;
  Out.Length = static_cast<uint32_t>(R.offset() - Start);
  return true;
}

} // namespace

namespace detail {
bool decodeInstrSlow(ByteReader &R, Instr &Out, std::string &Error) {
  return Decoder(R, Out, Error).run();
}
} // namespace detail

} // namespace stackcap
