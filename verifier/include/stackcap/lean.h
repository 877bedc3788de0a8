//===- lean.h - Profile `lean`: frame costs and verification ----*- C++ -*-===//
//
// Part of stackcap. Profile `lean` (docs/spec/lean.md): checked functions
// reserve their frame plus the worst case of the covered functions below them
// on entry, and release it on every exit; covered functions carry nothing.
// LeanHeightModel computes H(f) exactly (validation typing, no compat quirks)
// from the same AbstractOp stream the compat model takes, so the compiler and
// the verifier can drive one implementation.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_LEAN_H
#define STACKCAP_LEAN_H

#include "stackcap/call_sequence.h"
#include "stackcap/cost_model.h"
#include "stackcap/module.h"
#include "stackcap/verify.h"

#include <cstdint>
#include <string>
#include <vector>

namespace stackcap {

/// The activation cost A of every frame (spec section 1), in value slots.
constexpr uint32_t LeanActivationCost = 2;
/// The entry sequence of spec section 3: reserve R (SeqImm::Cost), trapping
/// when less than R of the limit is free. The one description the plugin
/// emits from and the verifier matches against.
constexpr SeqStep LeanEntry[] = {
    {op::GlobalGet, SeqImm::Counter}, {op::I32Const, SeqImm::Cost},
    {op::I32LtU, SeqImm::None},       {op::If, SeqImm::EmptyBlock},
    {op::Unreachable, SeqImm::None},  {op::End, SeqImm::None},
    {op::GlobalGet, SeqImm::Counter}, {op::I32Const, SeqImm::Cost},
    {op::I32Sub, SeqImm::None},       {op::GlobalSet, SeqImm::Counter},
};
/// The release before every exit: give R back.
constexpr SeqStep LeanRelease[] = {
    {op::GlobalGet, SeqImm::Counter}, {op::I32Const, SeqImm::Cost},
    {op::I32Add, SeqImm::None},       {op::GlobalSet, SeqImm::Counter},
};
constexpr unsigned LeanEntryLen = sizeof(LeanEntry) / sizeof(LeanEntry[0]);
constexpr unsigned LeanReleaseLen = sizeof(LeanRelease) / sizeof(LeanRelease[0]);

/// H(f) of spec section 2: the exact maximum operand-stack height of a body
/// in reachable code.
class LeanHeightModel {
public:
  explicit LeanHeightModel(uint32_t FuncResults = 0) { reset(FuncResults); }
  void reset(uint32_t FuncResults);
  /// Applies one instruction; false once the body is malformed.
  bool step(const AbstractOp &Op);
  bool finished() const { return Frames.empty() && Err == CostError::None; }
  CostError error() const { return Err; }
  uint32_t maxHeight() const { return static_cast<uint32_t>(Max); }
  /// Open control frames, the function frame included.
  size_t depth() const { return Frames.size(); }
  /// True when the innermost frame's code is unreachable.
  bool unreachable() const { return !Frames.empty() && Frames.back().Poly; }

private:
  struct Frame {
    bool Poly;
    uint32_t Params;
    uint32_t EndArity;
    uint32_t BranchArity;
    uint64_t Start; // height below the frame's parameters
  };
  std::vector<Frame> Frames;
  uint64_t Height = 0;
  uint64_t Max = 0;
  CostError Err = CostError::None;

  bool fail(CostError E) {
    Err = E;
    return false;
  }
  bool pop(uint64_t N);
  bool push(uint64_t N);
};

/// Rules of spec section 4.
enum class LeanRule : uint8_t {
  Decode = 1,        // decodes completely and is linked
  Counter = 2,       // one counter: defined, mutable i32 = LIMIT, not exported
  Shape = 3,         // checked: entry first, release before every exit
  CounterAccess = 4, // the counter only inside sequences
  EntryPoint = 5,    // entry points are imports or checked
  CoveredCycle = 6,  // covered functions call each other acyclically
  Reservation = 7,   // every R is exactly the required one
  Unsupported = 8,   // no tail calls, call_ref, exceptions, stack switching
};

const char *leanRuleTitle(LeanRule R);

struct LeanViolation {
  LeanRule R;
  uint32_t Func = NoFunction;
  uint32_t Offset = 0;
  std::string Message;
};

/// What the verifier learnt of one defined function.
struct LeanFunction {
  uint32_t Frame = 0;        // frame(f) = P + L + H + A
  bool FrameValid = false;
  bool Checked = false;
  uint32_t Reserved = 0;     // checked: the R in its entry sequence
  uint32_t EntryConstAt = 0; // checked: file offset of that i32.const
  uint32_t EntryConstAt2 = 0; // checked: the entry's second i32.const R
  uint64_t Required = 0;     // checked: R(f); covered: U(f) (spec section 3)
  bool RequiredValid = false;
  std::vector<uint32_t> Callees;        // defined functions called directly
  bool CallsIndirect = false;           // has a call_indirect
  bool CallsImport = false;             // calls an imported function
  bool FreeEntry = false;               // an unchecked free entry (rule 5)
  std::vector<uint32_t> ReleaseConstAt; // file offsets of the release constants
};

struct LeanReport {
  bool Malformed = false;
  DecodeError Decode;
  bool HasCounter = false;
  uint32_t CounterGlobal = 0;
  /// The limit: the counter's initialiser plus FreeBound; without a
  /// counter, the limit asked for (0 when none was).
  uint32_t Limit = 0;
  uint32_t NumChecked = 0;
  /// S of spec section 3: the largest worst case U(E) of a free entry E
  /// (0 when there is none). The counter starts at LIMIT - S.
  uint64_t FreeBound = 0;
  uint32_t NumFree = 0;
  /// Functions an indirect call may reach: element segments, ref.func.
  std::vector<uint32_t> IndirectTargets;
  std::vector<LeanFunction> Functions; // per defined function
  std::vector<LeanViolation> Violations;
  uint64_t NumViolations = 0;
  bool verified() const { return !Malformed && NumViolations == 0; }
};

/// What `stackcap-verify --profile lean --report` says of one exported
/// function (spec section 4): its static worst case (the largest sum of
/// frames on any call chain from it), or the cycles that make it unbounded.
struct LeanCycle {
  std::vector<uint32_t> Functions; // a strongly connected component, in index order
  uint32_t MinReservation = 0;     // the smallest R among its checked functions
  uint64_t MaxDepth = 0;           // LIMIT / MinReservation: nested calls allowed
};
struct LeanExportBound {
  std::string Name;  // the export's name
  uint32_t Func = 0;
  bool Bounded = true;
  uint64_t WorstCase = 0;          // when Bounded
  std::vector<LeanCycle> Cycles;   // when not
};

/// How each defined function (index - imported functions) is entered from
/// outside the code: EntryNone, EntryDirect (an export or the start
/// function) or EntryIndirect (a table element or ref.func target, whatever
/// else it is).
enum : uint8_t { EntryNone = 0, EntryDirect = 1, EntryIndirect = 2 };
std::vector<uint8_t> leanEntryPoints(const Module &M, const LeanReport &R);

/// Per defined function (index - imported functions): 1 when it may be a
/// free entry (spec section 3): an export or the start function that no
/// table or ref.func can reach, in no cycle of the call graph (direct calls,
/// and from a call_indirect every function a table may hold), from which no
/// call to an import is reachable. Needs the analysis of \p R's bodies.
std::vector<uint8_t> leanFreeEntryCandidates(const Module &M, const LeanReport &R);

/// The bound of every function export of a verified module.
std::vector<LeanExportBound> leanExportBounds(const Module &M, const LeanReport &R);

/// Analyses a decoded module under profile lean.
void analyzeLean(const Module &M, const VerifyOptions &Opts, LeanReport &Report);

/// Decodes and analyses \p Size bytes.
void verifyLean(const uint8_t *Data, size_t Size, const VerifyOptions &Opts, LeanReport &Report,
                Module *Decoded = nullptr);

} // namespace stackcap

#endif
