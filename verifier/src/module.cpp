//===- module.cpp - Decoding the sections of a wasm module ----------------===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#include "stackcap/module.h"

#include "stackcap/byte_reader.h"
#include "stackcap/compiler.h"
#include "stackcap/instr.h"

#include <cstdarg>
#include <cstdio>

namespace stackcap {

// Section ids in the order the binary format requires them. The tag section
// (13) sits between memory and global, data count (12) between element and code.
int sectionOrder(uint8_t Id) {
  switch (Id) {
  case 1: return 1;   // type
  case 2: return 2;   // import
  case 3: return 3;   // function
  case 4: return 4;   // table
  case 5: return 5;   // memory
  case 13: return 6;  // tag
  case 6: return 7;   // global
  case 7: return 8;   // export
  case 8: return 9;   // start
  case 9: return 10;  // element
  case 12: return 11; // data count
  case 10: return 12; // code
  case 11: return 13; // data
  default: return -1;
  }
}

namespace {

class Decoder {
public:
  Decoder(const uint8_t *Data, size_t Size, Module &M, DecodeError &Err)
      : Data(Data), Size(Size), M(M), Err(Err) {}

  bool run();

private:
  const uint8_t *Data;
  size_t Size;
  Module &M;
  DecodeError &Err;
  uint32_t NumDeclaredFuncs = 0;
  bool SawFunctionSection = false;

  // The error helpers take printf formats (checked by the compiler) and
  // always return false. Only the first error is kept: the most precise.
  STACKCAP_PRINTF(3, 4) bool malformed(const ByteReader &R, const char *Fmt, ...) {
    va_list Ap;
    va_start(Ap, Fmt);
    verror(false, static_cast<uint32_t>(R.offset()), Fmt, Ap);
    va_end(Ap);
    return false;
  }
  STACKCAP_PRINTF(3, 4) bool unsupported(const ByteReader &R, const char *Fmt, ...) {
    va_list Ap;
    va_start(Ap, Fmt);
    verror(true, static_cast<uint32_t>(R.offset()), Fmt, Ap);
    va_end(Ap);
    return false;
  }
  STACKCAP_PRINTF(4, 5) bool error(bool Unsupported, uint32_t Offset, const char *Fmt, ...) {
    va_list Ap;
    va_start(Ap, Fmt);
    verror(Unsupported, Offset, Fmt, Ap);
    va_end(Ap);
    return false;
  }
  STACKCAP_PRINTF(4, 0)
  void verror(bool Unsupported, uint32_t Offset, const char *Fmt, va_list Ap) {
    if (!Err.Message.empty())
      return;
    char Buf[256];
    std::vsnprintf(Buf, sizeof(Buf), Fmt, Ap);
    Err.Unsupported = Unsupported;
    Err.Offset = Offset;
    Err.Message = Buf;
  }
  bool truncated(const ByteReader &R, const char *What) {
    return error(false, static_cast<uint32_t>(R.offset()), "%s", What);
  }
  /// A `name`: its bytes must be well-formed UTF-8 (spec 5.2.4). \p What
  /// says whose name it is.
  bool readName(ByteReader &R, std::string_view &Out, const char *What) {
    if (!R.readName(Out))
      return error(false, static_cast<uint32_t>(R.offset()), "truncated %s", What);
    size_t BadAt = 0;
    if (!isValidUtf8(Out, BadAt))
      return error(false, static_cast<uint32_t>(R.offset() - Out.size() + BadAt),
                   "malformed UTF-8 encoding in %s", What);
    return true;
  }

  /// Reads a vector count and checks that at least \p MinBytes bytes per
  /// element remain, so no allocation is ever sized by an unchecked count.
  bool readCount(ByteReader &R, uint32_t &N, size_t MinBytes, const char *What) {
    if (!R.readU32(N))
      return truncated(R, What);
    if (MinBytes && static_cast<uint64_t>(N) * MinBytes > R.remaining())
      return malformed(R, "count %u is larger than the bytes that remain", N);
    return true;
  }

  bool readValType(ByteReader &R, ValType &T) {
    uint8_t B;
    if (!R.readByte(B))
      return truncated(R, "truncated value type");
    switch (B) {
    case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b: case 0x70: case 0x6f:
      T = static_cast<ValType>(B);
      return true;
    case 0x64: case 0x63: case 0x6e: case 0x6d: case 0x6c: case 0x6b: case 0x6a:
    case 0x71: case 0x72: case 0x73: case 0x74: case 0x69:
      return unsupported(R, "GC or typed reference value type 0x%x is not supported", B);
    default:
      return malformed(R, "invalid value type 0x%x", B);
    }
  }

  bool readRefType(ByteReader &R) {
    ValType T;
    if (!readValType(R, T))
      return false;
    if (T != ValType::FuncRef && T != ValType::ExternRef)
      return malformed(R, "expected a reference type");
    return true;
  }

  bool readLimits(ByteReader &R, bool IsMemory) {
    uint8_t Flags;
    if (!R.readByte(Flags))
      return truncated(R, "truncated limits");
    // Bit 0: has maximum; bit 1: shared (threads); bit 2: 64-bit index.
    if (Flags > 7 || (!IsMemory && (Flags & 2)))
      return malformed(R, "invalid limits flags 0x%x", Flags);
    unsigned Bits = (Flags & 4) ? 64 : 32;
    uint64_t V;
    if (!R.readULEB(V, Bits))
      return truncated(R, "malformed limits minimum");
    if ((Flags & 1) && !R.readULEB(V, Bits))
      return truncated(R, "malformed limits maximum");
    return true;
  }

  bool readGlobalType(ByteReader &R, GlobalInfo &G) {
    uint8_t Mut;
    if (!readValType(R, G.Type))
      return false;
    if (!R.readByte(Mut))
      return truncated(R, "truncated global type");
    if (Mut > 1)
      return malformed(R, "invalid mutability 0x%x", Mut);
    G.Mutable = Mut == 1;
    return true;
  }

  /// Decodes a constant expression up to and including its `end`. ref.func
  /// operands are appended to \p Refs when non-null.
  bool readConstExpr(ByteReader &R, std::vector<FuncRef> *Refs, bool *IsI32Zero = nullptr) {
    unsigned Count = 0;
    bool FirstIsI32Zero = false;
    for (;;) {
      Instr In;
      std::string Msg;
      size_t At = R.offset();
      if (!decodeInstr(R, In, Msg))
        return error(false, static_cast<uint32_t>(At), "malformed constant expression");
      ++Count;
      switch (In.Key) {
      case op::End:
        if (IsI32Zero)
          *IsI32Zero = Count == 2 && FirstIsI32Zero;
        return true;
      case op::I32Const:
        if (Count == 1 && In.ConstValue == 0)
          FirstIsI32Zero = true;
        break;
      case op::RefFunc:
        if (In.Index >= M.numFuncs())
          return error(false, static_cast<uint32_t>(At), "ref.func of unknown function %u",
                       In.Index);
        if (Refs)
          Refs->push_back({In.Index, static_cast<uint32_t>(At + 1)});
        break;
      case op::GlobalGet:
        if (In.Index >= M.Globals.size())
          return error(false, static_cast<uint32_t>(At), "global.get of unknown global %u",
                       In.Index);
        break;
      case op::I64Const: case op::F32Const: case op::F64Const: case op::RefNull:
      case op::V128Const:
      case op::I32Add: case op::I32Sub: case op::I32Mul: // extended-const
      case op::I64Add: case op::I64Sub: case op::I64Mul:
        break;
      default:
        return error(false, static_cast<uint32_t>(At),
                     "instruction not allowed in a constant expression");
      }
    }
  }

  bool typeSection(ByteReader &R);
  bool skipGcValType(ByteReader &R, bool Field);
  bool skipGcFieldType(ByteReader &R);
  bool skipGcType(ByteReader &R, uint8_t Form, unsigned Depth = 0);
  bool importSection(ByteReader &R);
  bool functionSection(ByteReader &R);
  bool tableSection(ByteReader &R);
  bool memorySection(ByteReader &R);
  bool tagSection(ByteReader &R);
  bool globalSection(ByteReader &R);
  bool exportSection(ByteReader &R);
  bool startSection(ByteReader &R);
  bool elementSection(ByteReader &R);
  bool dataCountSection(ByteReader &R);
  bool codeSection(ByteReader &R);
  bool dataSection(ByteReader &R);
  void nameSection(ByteReader R);

  bool checkFunc(const ByteReader &R, uint32_t F) {
    if (F >= M.numFuncs())
      return malformed(R, "function index %u out of range (%u functions)", F, M.numFuncs());
    return true;
  }
};

// GC types (rec, sub, struct, array and the value types they use) are
// decoded only to tell malformed modules from unsupported ones.
bool Decoder::skipGcValType(ByteReader &R, bool Field) {
  uint8_t B;
  if (!R.readByte(B))
    return truncated(R, "truncated value type");
  switch (B) {
  case 0x7f: case 0x7e: case 0x7d: case 0x7c: case 0x7b: case 0x70: case 0x6f:
  case 0x6e: case 0x6d: case 0x6c: case 0x6b: case 0x6a: case 0x69:
  case 0x71: case 0x72: case 0x73: case 0x74:
    return true;
  case 0x78: case 0x77: // i8, i16
    if (Field)
      return true;
    break;
  case 0x64: case 0x63: { // (ref ht), (ref null ht)
    int64_t HeapType;
    if (!R.readSLEB(HeapType, 33))
      return truncated(R, "malformed heap type");
    return true;
  }
  default:
    break;
  }
  return malformed(R, "invalid value type 0x%x", B);
}

bool Decoder::skipGcFieldType(ByteReader &R) {
  uint8_t Mut;
  if (!skipGcValType(R, true))
    return false;
  if (!R.readByte(Mut))
    return truncated(R, "truncated field type");
  if (Mut > 1)
    return malformed(R, "malformed mutability 0x%x", Mut);
  return true;
}

bool Decoder::skipGcType(ByteReader &R, uint8_t Form, unsigned Depth) {
  uint32_t N;
  switch (Form) {
  case 0x4e: // rec: vec(subtype)
    if (Depth)
      break;
    if (!readCount(R, N, 1, "truncated recursive type group"))
      return false;
    for (uint32_t I = 0; I < N; ++I)
      if (!R.readByte(Form) || !skipGcType(R, Form, 1))
        return R.failed() ? truncated(R, "truncated type") : false;
    return true;
  case 0x50: case 0x4f: { // sub, sub final: vec(typeidx) comptype
    if (Depth > 1)
      break;
    if (!readCount(R, N, 1, "truncated supertype list"))
      return false;
    for (uint32_t I = 0; I < N; ++I) {
      uint32_t T;
      if (!R.readU32(T))
        return truncated(R, "truncated supertype list");
    }
    if (!R.readByte(Form))
      return truncated(R, "truncated type");
    return skipGcType(R, Form, 2);
  }
  case 0x5f: // struct: vec(fieldtype)
    if (!readCount(R, N, 2, "truncated struct type"))
      return false;
    for (uint32_t I = 0; I < N; ++I)
      if (!skipGcFieldType(R))
        return false;
    return true;
  case 0x5e: // array: fieldtype
    return skipGcFieldType(R);
  case 0x60: // func: vec(valtype) vec(valtype)
    for (int List = 0; List < 2; ++List) {
      if (!readCount(R, N, 1, "truncated function type"))
        return false;
      for (uint32_t I = 0; I < N; ++I)
        if (!skipGcValType(R, false))
          return false;
    }
    return true;
  default:
    break;
  }
  return malformed(R, "invalid type form 0x%x", Form);
}

bool Decoder::typeSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 3, "truncated type section"))
    return false;
  M.Types.reserve(N);
  for (uint32_t I = 0; I < N; ++I) {
    uint8_t Form;
    if (!R.readByte(Form))
      return truncated(R, "truncated type");
    if (Form == 0x4e || Form == 0x4f || Form == 0x50 || Form == 0x5e || Form == 0x5f) {
      // Refused, but only once the rest of the section is known to be well
      // formed: a malformed module is reported as malformed.
      uint32_t GcAt = static_cast<uint32_t>(R.offset());
      if (!skipGcType(R, Form))
        return false;
      for (uint32_t J = I + 1; J < N; ++J)
        if (!R.readByte(Form) || !skipGcType(R, Form))
          return R.failed() ? truncated(R, "truncated type") : false;
      if (!R.atEnd())
        return false; // reported as trailing bytes
      return error(true, GcAt, "GC type definitions are not supported");
    }
    if (Form != 0x60)
      return malformed(R, "invalid type form 0x%x", Form);
    FuncType T;
    ValType V;
    if (!readCount(R, T.NumParams, 1, "truncated parameter list"))
      return false;
    T.Params = R.position();
    for (uint32_t J = 0; J < T.NumParams; ++J)
      if (!readValType(R, V))
        return false;
    if (!readCount(R, T.NumResults, 1, "truncated result list"))
      return false;
    T.Results = R.position();
    for (uint32_t J = 0; J < T.NumResults; ++J)
      if (!readValType(R, V))
        return false;
    M.Types.push_back(T);
  }
  return true;
}

bool Decoder::importSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 4, "truncated import section"))
    return false;
  for (uint32_t I = 0; I < N; ++I) {
    std::string_view Mod, Field;
    uint8_t Kind;
    if (!readName(R, Mod, "import module name") || !readName(R, Field, "import field name"))
      return false;
    if (!R.readByte(Kind))
      return truncated(R, "truncated import");
    switch (Kind) {
    case 0: {
      uint32_t T;
      if (!R.readU32(T))
        return truncated(R, "truncated function import");
      if (T >= M.Types.size())
        return malformed(R, "type index %u out of range", T);
      M.FuncTypeIndices.push_back(T);
      ++M.NumImportedFuncs;
      break;
    }
    case 1:
      if (!readRefType(R) || !readLimits(R, false))
        return false;
      ++M.NumTables;
      break;
    case 2:
      if (!readLimits(R, true))
        return false;
      ++M.NumMemories;
      break;
    case 3: {
      GlobalInfo G;
      G.Imported = true;
      if (!readGlobalType(R, G))
        return false;
      M.Globals.push_back(G);
      break;
    }
    case 4: {
      uint8_t Attr;
      uint32_t T;
      if (!R.readByte(Attr) || !R.readU32(T))
        return truncated(R, "truncated tag import");
      if (Attr != 0 || T >= M.Types.size())
        return malformed(R, "invalid tag import");
      ++M.NumTags;
      break;
    }
    default:
      return malformed(R, "invalid import kind 0x%x", Kind);
    }
  }
  return true;
}

bool Decoder::functionSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 1, "truncated function section"))
    return false;
  SawFunctionSection = true;
  NumDeclaredFuncs = N;
  M.FuncTypeIndices.reserve(M.FuncTypeIndices.size() + N);
  M.Bodies.resize(N);
  for (uint32_t I = 0; I < N; ++I) {
    uint32_t T;
    if (!R.readU32(T))
      return truncated(R, "truncated function section");
    if (T >= M.Types.size())
      return malformed(R, "type index %u out of range", T);
    M.FuncTypeIndices.push_back(T);
    M.Bodies[I].TypeIndex = T;
  }
  return true;
}

bool Decoder::tableSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 3, "truncated table section"))
    return false;
  for (uint32_t I = 0; I < N; ++I) {
    uint8_t B;
    if (!R.peekByte(B))
      return truncated(R, "truncated table");
    if (B == 0x40)
      return unsupported(R, "tables with initialiser expressions are not supported");
    if (!readRefType(R) || !readLimits(R, false))
      return false;
    ++M.NumTables;
  }
  return true;
}

bool Decoder::memorySection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 2, "truncated memory section"))
    return false;
  for (uint32_t I = 0; I < N; ++I) {
    if (!readLimits(R, true))
      return false;
    ++M.NumMemories;
  }
  return true;
}

bool Decoder::tagSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 2, "truncated tag section"))
    return false;
  for (uint32_t I = 0; I < N; ++I) {
    uint8_t Attr;
    uint32_t T;
    if (!R.readByte(Attr) || !R.readU32(T))
      return truncated(R, "truncated tag");
    if (Attr != 0 || T >= M.Types.size())
      return malformed(R, "invalid tag");
    ++M.NumTags;
  }
  return true;
}

bool Decoder::globalSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 4, "truncated global section"))
    return false;
  M.Globals.reserve(M.Globals.size() + N);
  for (uint32_t I = 0; I < N; ++I) {
    GlobalInfo G;
    if (!readGlobalType(R, G))
      return false;
    G.InitOffset = static_cast<uint32_t>(R.offset());
    if (!readConstExpr(R, &M.GlobalFuncRefs, &G.InitIsI32Zero))
      return false;
    G.InitSize = static_cast<uint32_t>(R.offset()) - G.InitOffset;
    M.Globals.push_back(G);
  }
  return true;
}

bool Decoder::exportSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 3, "truncated export section"))
    return false;
  M.Exports.reserve(N);
  for (uint32_t I = 0; I < N; ++I) {
    Export E;
    uint8_t Kind;
    if (!readName(R, E.Name, "export name"))
      return false;
    if (!R.readByte(Kind))
      return truncated(R, "truncated export");
    if (Kind > 4)
      return malformed(R, "invalid export kind 0x%x", Kind);
    E.Kind = static_cast<ExternalKind>(Kind);
    E.IndexOffset = static_cast<uint32_t>(R.offset());
    if (!R.readU32(E.Index))
      return truncated(R, "truncated export");
    switch (E.Kind) {
    case ExternalKind::Func:
      if (!checkFunc(R, E.Index))
        return false;
      break;
    case ExternalKind::Global:
      if (E.Index >= M.Globals.size())
        return malformed(R, "exported global %u out of range", E.Index);
      M.Globals[E.Index].Exported = true;
      break;
    case ExternalKind::Table:
      if (E.Index >= M.NumTables)
        return malformed(R, "exported table %u out of range", E.Index);
      break;
    case ExternalKind::Memory:
      if (E.Index >= M.NumMemories)
        return malformed(R, "exported memory %u out of range", E.Index);
      break;
    case ExternalKind::Tag:
      if (E.Index >= M.NumTags)
        return malformed(R, "exported tag %u out of range", E.Index);
      break;
    }
    M.Exports.push_back(E);
  }
  return true;
}

bool Decoder::startSection(ByteReader &R) {
  M.StartOffset = static_cast<uint32_t>(R.offset());
  if (!R.readU32(M.Start))
    return truncated(R, "truncated start section");
  M.HasStart = true;
  return checkFunc(R, M.Start);
}

bool Decoder::elementSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 2, "truncated element section"))
    return false;
  M.NumElemSegments = N;
  for (uint32_t I = 0; I < N; ++I) {
    uint32_t Flags;
    if (!R.readU32(Flags))
      return truncated(R, "truncated element segment");
    if (Flags > 7)
      return malformed(R, "invalid element segment flags %u", Flags);
    bool Passive = Flags & 1;
    bool ExplicitTable = Flags & 2;
    bool Exprs = Flags & 4;
    if (!Passive) {
      uint32_t Table = 0;
      if (ExplicitTable && !R.readU32(Table))
        return truncated(R, "truncated element segment");
      if (Table >= M.NumTables)
        return malformed(R, "element segment for unknown table %u", Table);
      if (!readConstExpr(R, nullptr))
        return false;
    }
    if (Passive || ExplicitTable) {
      if (Exprs) {
        if (!readRefType(R))
          return false;
      } else {
        uint8_t Kind;
        if (!R.readByte(Kind))
          return truncated(R, "truncated element kind");
        if (Kind != 0)
          return malformed(R, "invalid element kind 0x%x", Kind);
      }
    }
    uint32_t Count;
    if (!readCount(R, Count, 1, "truncated element list"))
      return false;
    for (uint32_t J = 0; J < Count; ++J) {
      if (Exprs) {
        if (!readConstExpr(R, &M.ElemFuncRefs))
          return false;
      } else {
        uint32_t At = static_cast<uint32_t>(R.offset());
        uint32_t F;
        if (!R.readU32(F))
          return truncated(R, "truncated element list");
        if (!checkFunc(R, F))
          return false;
        M.ElemFuncRefs.push_back({F, At});
      }
    }
  }
  return true;
}

bool Decoder::dataCountSection(ByteReader &R) {
  if (!R.readU32(M.DataCount))
    return truncated(R, "truncated data count section");
  M.HasDataCount = true;
  return true;
}

bool Decoder::codeSection(ByteReader &R) {
  uint32_t N;
  M.CodeSectionOffset = static_cast<uint32_t>(R.offset());
  if (!readCount(R, N, 2, "truncated code section"))
    return false;
  if (N != NumDeclaredFuncs)
    return malformed(R, "code section has %u bodies for %u declared functions", N,
                     NumDeclaredFuncs);
  for (uint32_t I = 0; I < N; ++I) {
    FunctionBody &B = M.Bodies[I];
    uint32_t Size;
    if (!R.readU32(Size))
      return truncated(R, "truncated function body size");
    B.Offset = static_cast<uint32_t>(R.offset());
    if (Size > R.remaining() || Size == 0)
      return malformed(R, "function body size %u out of bounds", Size);
    ByteReader Body(Data, B.Offset, B.Offset + Size);
    uint32_t Groups;
    if (!readCount(Body, Groups, 2, "truncated locals"))
      return false;
    uint64_t Locals = 0;
    for (uint32_t G = 0; G < Groups; ++G) {
      uint32_t Count;
      ValType T;
      if (!Body.readU32(Count))
        return truncated(Body, "truncated locals");
      if (!readValType(Body, T))
        return false;
      Locals += Count;
      if (Locals > UINT32_MAX)
        return malformed(Body, "more than 2^32-1 locals");
    }
    B.NumLocals = static_cast<uint32_t>(Locals);
    B.NumLocalGroups = Groups;
    B.CodeOffset = static_cast<uint32_t>(Body.offset());
    B.Size = Size;
    if (B.CodeOffset >= B.Offset + Size)
      return malformed(Body, "function body has no instructions");
    R.advance(Size); // checked against remaining() above
  }
  return true;
}

bool Decoder::dataSection(ByteReader &R) {
  uint32_t N;
  if (!readCount(R, N, 2, "truncated data section"))
    return false;
  M.NumDataSegments = N;
  for (uint32_t I = 0; I < N; ++I) {
    uint32_t Flags, Mem = 0, Len;
    if (!R.readU32(Flags))
      return truncated(R, "truncated data segment");
    if (Flags > 2)
      return malformed(R, "invalid data segment flags %u", Flags);
    if (Flags == 2 && !R.readU32(Mem))
      return truncated(R, "truncated data segment");
    if (Flags != 1) {
      if (Mem >= M.NumMemories)
        return malformed(R, "data segment for unknown memory %u", Mem);
      if (!readConstExpr(R, nullptr))
        return false;
    }
    if (!R.readU32(Len) || !R.skip(Len))
      return truncated(R, "truncated data segment");
  }
  return true;
}

// The name section is advisory: engines ignore a malformed one (spec appendix
// 7.4.1), and so do we, keeping only the function names decoded before the
// damage. A name that is not well-formed UTF-8 is such damage: it ends the
// decoding of the names (and so every name kept is UTF-8), but it does not
// make the module malformed.
void Decoder::nameSection(ByteReader R) {
  while (!R.atEnd()) {
    uint8_t Id;
    uint32_t Size;
    const uint8_t *Payload;
    if (!R.readByte(Id) || !R.readU32(Size) || !R.readBytes(Size, Payload))
      return;
    if (Id != 1)
      continue;
    ByteReader S(Data, static_cast<size_t>(Payload - Data),
                 static_cast<size_t>(Payload - Data) + Size);
    uint32_t N;
    if (!S.readU32(N))
      return;
    for (uint32_t I = 0; I < N; ++I) {
      uint32_t F;
      std::string_view Name;
      size_t BadAt;
      if (!S.readU32(F) || !S.readName(Name) || F >= M.numFuncs() || !isValidUtf8(Name, BadAt))
        return;
      if (M.FuncNames.empty())
        M.FuncNames.resize(M.numFuncs());
      M.FuncNames[F] = Name;
    }
  }
}

bool Decoder::run() {
  M.Data = Data;
  M.Size = Size;
  ByteReader R(Data, Size);
  uint32_t Magic, Version;
  if (!R.readFixedU32(Magic) || Magic != 0x6d736100)
    return error(false, 0, "not a wasm module (bad magic number)");
  if (!R.readFixedU32(Version) || Version != 1)
    return error(false, 4, "unsupported wasm binary version");
  int LastOrder = 0;
  bool SawCode = false, SawData = false;
  uint32_t DataCountAt = 0;
  size_t NameSectionAt = 0, NameSectionSize = 0;
  bool HasNameSection = false;
  while (!R.atEnd()) {
    Section S;
    S.Offset = static_cast<uint32_t>(R.offset());
    uint32_t PayloadSize;
    if (!R.readByte(S.Id) || !R.readU32(PayloadSize))
      return truncated(R, "truncated section header");
    if (PayloadSize > R.remaining())
      return malformed(R, "section %u runs past the end of the module (%u bytes)", S.Id,
                       PayloadSize);
    S.PayloadOffset = static_cast<uint32_t>(R.offset());
    S.PayloadSize = PayloadSize;
    ByteReader P(Data, S.PayloadOffset, S.PayloadOffset + PayloadSize);
    if (S.Id == 0) {
      if (!readName(P, S.Name, "custom section name"))
        return false;
      if (S.Name == "name" && !HasNameSection) {
        HasNameSection = true;
        NameSectionAt = P.offset();
        NameSectionSize = S.PayloadOffset + PayloadSize - P.offset();
      }
      M.Sections.push_back(S);
      R.advance(PayloadSize); // checked against remaining() above
      continue;
    }
    int Order = sectionOrder(S.Id);
    if (Order < 0)
      return malformed(R, "unknown section id %u", S.Id);
    if (Order <= LastOrder)
      return malformed(R, "section %u is out of order or repeated", S.Id);
    LastOrder = Order;
    bool Ok = true;
    switch (S.Id) {
    case 1: Ok = typeSection(P); break;
    case 2: Ok = importSection(P); break;
    case 3: Ok = functionSection(P); break;
    case 4: Ok = tableSection(P); break;
    case 5: Ok = memorySection(P); break;
    case 13: Ok = tagSection(P); break;
    case 6: Ok = globalSection(P); break;
    case 7: Ok = exportSection(P); break;
    case 8: Ok = startSection(P); break;
    case 9: Ok = elementSection(P); break;
    case 12: DataCountAt = S.PayloadOffset; Ok = dataCountSection(P); break;
    case 10: Ok = codeSection(P); SawCode = true; break;
    case 11: Ok = dataSection(P); SawData = true; break;
    }
    if (!Ok)
      return error(false, static_cast<uint32_t>(P.offset()), "malformed section %u", S.Id);
    if (!P.atEnd())
      return malformed(P, "section %u has %zu trailing bytes", S.Id, P.remaining());
    if (S.Id == 11 && M.HasDataCount && M.DataCount != M.NumDataSegments)
      return malformed(P, "data count %u does not match %u data segments", M.DataCount,
                       M.NumDataSegments);
    M.Sections.push_back(S);
    R.advance(PayloadSize);
  }
  if (NumDeclaredFuncs && !SawCode)
    return error(false, static_cast<uint32_t>(Size), "function section without code section");
  (void)SawFunctionSection;
  // A data count section without a data section counts zero segments.
  if (M.HasDataCount && !SawData && M.DataCount != 0)
    return error(false, DataCountAt, "data count %u, but there is no data section",
                 M.DataCount);
  if (HasNameSection) {
    ByteReader NR(Data, NameSectionAt, NameSectionAt + NameSectionSize);
    nameSection(NR);
  }
  return true;
}

} // namespace

const Section *linkingSection(const Module &M) {
  for (const Section &Sec : M.Sections)
    if (Sec.Id == 0 && Sec.Name == "linking")
      return &Sec;
  return nullptr;
}

const char RelocatableObjectMessage[] =
    "a relocatable object file (custom section \"linking\"), not a linked module: linking "
    "renumbers its calls and completes its instrumentation; verify the linked module";

bool decodeModule(const uint8_t *Data, size_t Size, Module &M, DecodeError &Err) {
  M = Module();
  Err = DecodeError();
  if (Size > UINT32_MAX) {
    Err.Message = "module larger than 4 GiB";
    return false;
  }
  return Decoder(Data, Size, M, Err).run();
}

} // namespace stackcap
