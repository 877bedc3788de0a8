//===- module.h - Decoded structure of a wasm module ------------*- C++ -*-===//
//
// Part of stackcap. Decodes the sections of a wasm binary that the stack-limit
// rules need, without copying function bodies: the module keeps pointers into
// the caller's buffer, which must outlive it. Every count is checked against
// the bytes that remain before anything is allocated for it.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_MODULE_H
#define STACKCAP_MODULE_H

#include <cstddef>
#include <cstdint>
#include <cstring>
#include <string>
#include <string_view>
#include <vector>

namespace stackcap {

enum class ValType : uint8_t {
  I32 = 0x7f,
  I64 = 0x7e,
  F32 = 0x7d,
  F64 = 0x7c,
  V128 = 0x7b,
  FuncRef = 0x70,
  ExternRef = 0x6f,
};

/// A function type, pointing into the module's bytes: every supported value
/// type is encoded as one byte, so the parameter and result lists are the
/// encoded byte runs.
struct FuncType {
  const uint8_t *Params = nullptr;
  const uint8_t *Results = nullptr;
  uint32_t NumParams = 0;
  uint32_t NumResults = 0;
  bool operator==(const FuncType &O) const {
    return NumParams == O.NumParams && NumResults == O.NumResults &&
           std::memcmp(Params, O.Params, NumParams) == 0 &&
           std::memcmp(Results, O.Results, NumResults) == 0;
  }
};

enum class ExternalKind : uint8_t { Func = 0, Table = 1, Memory = 2, Global = 3, Tag = 4 };

struct GlobalInfo {
  ValType Type = ValType::I32;
  bool Mutable = false;
  bool Imported = false;
  bool Exported = false;
  bool InitIsI32Zero = false; // initialiser is exactly `i32.const 0 end`
  uint32_t InitOffset = 0;    // file offset of the initialiser expression
  uint32_t InitSize = 0;
};

struct Export {
  std::string_view Name;
  ExternalKind Kind;
  uint32_t Index;
  uint32_t IndexOffset; // file offset of the encoded index
};

/// A function named by an element segment, a global initialiser or an
/// element expression (`ref.func`), with where the reference is encoded.
struct FuncRef {
  uint32_t Func;
  uint32_t Offset; // file offset of the encoded function index
};

struct FunctionBody {
  uint32_t TypeIndex = 0;
  uint32_t Offset = 0;      // file offset of the body (its locals vector)
  uint32_t Size = 0;        // bytes from Offset to the end of the final `end`
  uint32_t CodeOffset = 0;  // file offset of the first instruction
  uint32_t NumLocals = 0;   // sum of the declared local groups
  uint32_t NumLocalGroups = 0;
};

struct Section {
  uint8_t Id;
  uint32_t Offset;        // file offset of the id byte
  uint32_t PayloadOffset; // file offset of the payload
  uint32_t PayloadSize;
  std::string_view Name;  // custom sections only
};

/// Where a malformed or unsupported module failed to decode.
struct DecodeError {
  bool Unsupported = false; // valid wasm, but outside what stackcap handles
  uint32_t Offset = 0;
  std::string Message;
};

struct Module {
  const uint8_t *Data = nullptr;
  size_t Size = 0;

  std::vector<Section> Sections;
  std::vector<FuncType> Types;
  std::vector<uint32_t> FuncTypeIndices; // per function in the index space
  uint32_t NumImportedFuncs = 0;
  uint32_t NumTables = 0;
  uint32_t NumMemories = 0;
  uint32_t NumTags = 0;
  std::vector<GlobalInfo> Globals; // index space, imports first
  std::vector<Export> Exports;
  bool HasStart = false;
  uint32_t Start = 0;
  uint32_t StartOffset = 0;
  std::vector<FuncRef> ElemFuncRefs;   // function indices and ref.func in element segments
  std::vector<FuncRef> GlobalFuncRefs; // ref.func in global initialisers
  uint32_t NumElemSegments = 0;
  bool HasDataCount = false;
  uint32_t DataCount = 0;
  uint32_t NumDataSegments = 0;
  uint32_t CodeSectionOffset = 0; // file offset of the code section payload
  std::vector<FunctionBody> Bodies; // defined functions, in order
  std::vector<std::string_view> FuncNames; // from the name section; empty views where none

  uint32_t numFuncs() const { return static_cast<uint32_t>(FuncTypeIndices.size()); }
  bool isImportedFunc(uint32_t F) const { return F < NumImportedFuncs; }
  const FuncType &funcType(uint32_t F) const { return Types[FuncTypeIndices[F]]; }
  const FunctionBody &body(uint32_t F) const { return Bodies[F - NumImportedFuncs]; }
  std::string_view funcName(uint32_t F) const {
    return F < FuncNames.size() ? FuncNames[F] : std::string_view();
  }
};

/// Position of a non-custom section id in the order the binary format
/// requires, or -1 for an unknown id.
int sectionOrder(uint8_t Id);

/// A relocatable object's `linking` custom section (wasm-ld's input), or
/// null for a linked module. Both profiles' rule 1 reject such an object:
/// linking renumbers its calls and completes its instrumentation.
const Section *linkingSection(const Module &M);
/// The message of that rejection.
extern const char RelocatableObjectMessage[];

/// Decodes \p Size bytes at \p Data. Returns false and fills \p Err when the
/// module is malformed or uses something stackcap does not support (GC types,
/// for example). Function bodies are only framed here: their instructions are
/// decoded by the verifier, which knows what to do with each.
bool decodeModule(const uint8_t *Data, size_t Size, Module &M, DecodeError &Err);

} // namespace stackcap

#endif
