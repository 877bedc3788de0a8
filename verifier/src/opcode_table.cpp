//===- opcode_table.cpp - Static description of every known opcode -------===//
//
// Part of stackcap. The table of every opcode the decoder knows, generated
// from stackcap/opcodes.def. Lookup goes through dense index arrays built at
// compile time, so it costs one bounds check and two loads.
//
//===----------------------------------------------------------------------===//

#include "stackcap/instr.h"

#include <cstddef>

namespace stackcap {
namespace {

struct Entry {
  uint8_t Prefix;
  uint16_t Code;
  OpcodeInfo Info;
};

constexpr Entry Entries[] = {
#define STACKCAP_OPCODE(Prefix, Code, Enum, Name, Kind, Imm, Pops, Pushes)                       \
  {Prefix, Code, {Name, OpKind::Kind, ImmKind::Imm, Pops, Pushes}},
#include "stackcap/opcodes.def"
};

constexpr size_t NumEntries = sizeof(Entries) / sizeof(Entries[0]);

/// One past the highest secondary opcode of space \p Prefix.
constexpr size_t spaceSize(uint8_t Prefix) {
  size_t Size = 0;
  for (const Entry &E : Entries)
    if (E.Prefix == Prefix && E.Code + size_t(1) > Size)
      Size = E.Code + size_t(1);
  return Size;
}

// Dense index arrays sized to one past the highest secondary opcode used in
// each space; slot value 0 means "unknown", else entry index + 1.
constexpr size_t SingleSize = 0x100;
constexpr size_t FBSize = spaceSize(prefix::GC);
constexpr size_t FCSize = spaceSize(prefix::Misc);
constexpr size_t FDSize = spaceSize(prefix::SIMD);
constexpr size_t FESize = spaceSize(prefix::Threads);

struct IndexTables {
  uint16_t Single[SingleSize] = {};
  uint16_t FB[FBSize] = {};
  uint16_t FC[FCSize] = {};
  uint16_t FD[FDSize] = {};
  uint16_t FE[FESize] = {};
};

// Any duplicate or out-of-range entry makes this non-constant and therefore a
// compile error: the throw is only reachable on a broken table.
constexpr void place(uint16_t *Slots, size_t Size, uint16_t Code, size_t Index) {
  if (Code >= Size || Slots[Code] != 0)
    throw "opcode table: duplicate or out-of-range entry";
  Slots[Code] = static_cast<uint16_t>(Index + 1);
}

/// The index array of opcode space \p Prefix in \p T (const or not), and
/// its size; nullptr for a byte that is no prefix.
template <typename TablesT>
constexpr auto spaceOf(TablesT &T, uint8_t Prefix, size_t &Size) -> decltype(&T.Single[0]) {
  switch (Prefix) {
  case 0: Size = SingleSize; return T.Single;
  case prefix::GC: Size = FBSize; return T.FB;
  case prefix::Misc: Size = FCSize; return T.FC;
  case prefix::SIMD: Size = FDSize; return T.FD;
  case prefix::Threads: Size = FESize; return T.FE;
  default: Size = 0; return nullptr;
  }
}

constexpr IndexTables buildIndexTables() {
  IndexTables T;
  for (size_t N = 0; N < NumEntries; ++N) {
    const Entry &E = Entries[N];
    size_t Size = 0;
    uint16_t *Slots = spaceOf(T, E.Prefix, Size);
    if (!Slots)
      throw "opcode table: bad prefix";
    place(Slots, Size, E.Code, N);
  }
  return T;
}

constexpr IndexTables Tables = buildIndexTables();

static_assert(NumEntries < 0xFFFF, "indices must fit in uint16_t");
// Prefix bytes must never be looked up as single-byte opcodes.
static_assert(Tables.Single[prefix::GC] == 0 && Tables.Single[prefix::Misc] == 0 &&
                  Tables.Single[prefix::SIMD] == 0 && Tables.Single[prefix::Threads] == 0,
              "prefix bytes are not opcodes");

inline const OpcodeInfo *at(const uint16_t *Slots, size_t Size, uint32_t Code) {
  if (Code >= Size || Slots[Code] == 0)
    return nullptr;
  return &Entries[Slots[Code] - 1].Info;
}

} // namespace

namespace detail {
namespace {
constexpr SingleByteOpcodeTable buildSingleByteTable() {
  SingleByteOpcodeTable T{};
  for (size_t Op = 0; Op < SingleSize; ++Op)
    T.Info[Op] = Tables.Single[Op] ? &Entries[Tables.Single[Op] - 1].Info : nullptr;
  return T;
}
} // namespace

// Constant-initialised: no guard and no start-up cost on the decoder's hot path.
extern const SingleByteOpcodeTable SingleByteOpcodes = buildSingleByteTable();
} // namespace detail

const OpcodeInfo *lookupOpcode(uint8_t Prefix, uint32_t Secondary) {
  size_t Size = 0;
  const uint16_t *Slots = spaceOf(Tables, Prefix, Size);
  return Slots ? at(Slots, Size, Secondary) : nullptr;
}

} // namespace stackcap
