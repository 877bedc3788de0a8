//===- test_modules.h - Modules more than one unit test uses ----*- C++ -*-===//
//
// Part of stackcap. Made once with wat2wasm (the source is quoted above
// each), so that they are independent of the library's own writer.
//
//===----------------------------------------------------------------------===//
#ifndef STACKCAP_TEST_UNIT_TEST_MODULES_H
#define STACKCAP_TEST_UNIT_TEST_MODULES_H

#include <cstdint>

namespace stackcap_test {

// (module
//   (global $sp (mut i32) (i32.const 0))
//   (func $leaf (result i32)
//     i32.const 1)
//   (func $main (result i32)
//     global.get $sp  i32.const 3  i32.add  global.set $sp
//     global.get $sp  i32.const 1024  i32.gt_u  if  unreachable  end
//     call $leaf
//     global.get $sp  i32.const 3  i32.sub  global.set $sp)
//   (export "main" (func $main)))
// $main is a thunk of $leaf (same type, no locals, only the instrumented call).
inline constexpr uint8_t InstrumentedModule[] = {
    0x00, 0x61, 0x73, 0x6d, 0x01, 0x00, 0x00, 0x00, 0x01, 0x05, 0x01, 0x60, 0x00, 0x01, 0x7f,
    0x03, 0x03, 0x02, 0x00, 0x00, 0x06, 0x06, 0x01, 0x7f, 0x01, 0x41, 0x00, 0x0b, 0x07, 0x08,
    0x01, 0x04, 0x6d, 0x61, 0x69, 0x6e, 0x00, 0x01, 0x0a, 0x23, 0x02, 0x04, 0x00, 0x41, 0x01,
    0x0b, 0x1c, 0x00, 0x23, 0x00, 0x41, 0x03, 0x6a, 0x24, 0x00, 0x23, 0x00, 0x41, 0x80, 0x08,
    0x4b, 0x04, 0x40, 0x00, 0x0b, 0x10, 0x00, 0x23, 0x00, 0x41, 0x03, 0x6b, 0x24, 0x00, 0x0b,
};
inline constexpr uint32_t InstrumentedCallOffset = 0x41; // the `call 0`

} // namespace stackcap_test

#endif
