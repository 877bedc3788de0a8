//===- frame_records.h - Linear-memory frames, recorded by the plugin -*- C++ -*-===//
//
// Part of stackcap. The compiler plugin records, for every function it
// compiles, the function's cost and the bytes its frame takes on the
// linear-memory stack (the `__stack_pointer` adjustment), in a custom section
// of the object. wasm-ld concatenates same-named custom sections, so the
// linked module holds the records of every object linked in; the link step
// (stackcap-link-finish) reads them to size the linear-memory stack and
// strips the section.
//
// Section "stackcap.frames": a sequence of records, each
//   u8   version (1)
//   u32  cost            (ULEB128, spec section 1)
//   u32  frame bytes     (ULEB128; the static frame, including realignment)
//   u8   flags           (bit 0: variable-sized objects, the frame is unbounded)
//   name symbol name     (ULEB128 length, bytes)
//   name demangled name  (ULEB128 length, bytes; empty when the same)
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_FRAME_RECORDS_H
#define STACKCAP_FRAME_RECORDS_H

#include <cstddef>
#include <cstdint>
#include <string>
#include <string_view>
#include <vector>

namespace stackcap {

constexpr const char FrameRecordsSection[] = "stackcap.frames";
constexpr uint8_t FrameRecordVersion = 1;
constexpr uint8_t FrameFlagDynamic = 1;

struct FrameRecord {
  uint32_t Cost = 0;
  uint32_t FrameBytes = 0;
  bool Dynamic = false;
  std::string_view Name;
  std::string_view Demangled;
};

/// Appends one record to \p Out.
void appendFrameRecord(std::string &Out, uint32_t Cost, uint32_t FrameBytes, bool Dynamic,
                       std::string_view Name, std::string_view Demangled);

/// Parses the payload of a "stackcap.frames" section (views point into it).
/// Returns false, with the records read so far, on a malformed payload.
bool parseFrameRecords(const uint8_t *Data, size_t Size, std::vector<FrameRecord> &Out);

} // namespace stackcap

#endif
