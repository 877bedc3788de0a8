//===- frame_records.cpp - Linear-memory frames, recorded by the plugin ---===//
//
// Part of stackcap.
//
//===----------------------------------------------------------------------===//
#include "stackcap/frame_records.h"

#include "stackcap/byte_reader.h"

namespace stackcap {
namespace {

void putULEB(std::string &Out, uint64_t V) {
  do {
    uint8_t B = V & 0x7f;
    V >>= 7;
    Out.push_back(static_cast<char>(V ? (B | 0x80) : B));
  } while (V);
}

void putName(std::string &Out, std::string_view S) {
  putULEB(Out, S.size());
  Out.append(S.data(), S.size());
}

} // namespace

void appendFrameRecord(std::string &Out, uint32_t Cost, uint32_t FrameBytes, bool Dynamic,
                       std::string_view Name, std::string_view Demangled) {
  Out.push_back(static_cast<char>(FrameRecordVersion));
  putULEB(Out, Cost);
  putULEB(Out, FrameBytes);
  Out.push_back(static_cast<char>(Dynamic ? FrameFlagDynamic : 0));
  putName(Out, Name);
  putName(Out, Demangled == Name ? std::string_view() : Demangled);
}

bool parseFrameRecords(const uint8_t *Data, size_t Size, std::vector<FrameRecord> &Out) {
  ByteReader R(Data, Size);
  while (!R.atEnd()) {
    uint8_t Version, Flags;
    FrameRecord Rec;
    if (!R.readByte(Version) || Version != FrameRecordVersion || !R.readU32(Rec.Cost) ||
        !R.readU32(Rec.FrameBytes) || !R.readByte(Flags) || !R.readName(Rec.Name) ||
        !R.readName(Rec.Demangled))
      return false;
    Rec.Dynamic = Flags & FrameFlagDynamic;
    Out.push_back(Rec);
  }
  return true;
}

} // namespace stackcap
