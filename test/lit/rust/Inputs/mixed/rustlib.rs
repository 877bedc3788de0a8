// A no_std Rust staticlib linked into a C contract (mixed-c-rust.test): C
// exports call these #[no_mangle] extern "C" functions, and they call back
// into C (c_weight, c_descend). rust_fact recurses within Rust; rust_descend
// and C's c_descend recurse into each other across the language boundary.
#![no_std]

use core::ptr::{addr_of, addr_of_mut};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

unsafe extern "C" {
    fn c_weight(x: i32) -> i32;
    fn c_descend(n: i32) -> i32;
}

// Deepest Rust level reached by rust_descend (read by the test after a trap).
#[no_mangle]
pub static mut R_DEPTH: i32 = 0;
static mut SINK: i32 = 0;

// Recursion inside Rust; wrapping u64 arithmetic.
#[no_mangle]
pub extern "C" fn rust_fact(n: u32) -> u64 {
    if n <= 1 {
        return 1;
    }
    let r = rust_fact(n - 1);
    unsafe { core::ptr::write_volatile(addr_of_mut!(SINK), r as i32) };
    r.wrapping_mul(n as u64)
}

// Calls back into C for every element.
#[no_mangle]
pub extern "C" fn rust_weighted(n: i32) -> i32 {
    let mut acc = 0i32;
    for i in 0..n {
        acc = acc.wrapping_add(unsafe { c_weight(core::hint::black_box(i)) });
    }
    acc
}

// 128-bit arithmetic: compiler_builtins (__multi3, __udivti3) in the staticlib.
#[no_mangle]
pub extern "C" fn rust_wide(a: i64, b: i64) -> i64 {
    let x = (a as i128) * (b as i128) + 0x1234_5678_9abc_def0_i128;
    let y = (x as u128) / ((b as u128) | 3);
    (y as i64) ^ ((x >> 70) as i64)
}

// One half of the C <-> Rust recursion: C's c_descend calls rust_descend(n - 1),
// which calls c_descend(n - 1).
#[no_mangle]
pub extern "C" fn rust_descend(n: i32) -> i32 {
    unsafe { core::ptr::write_volatile(addr_of_mut!(R_DEPTH), core::ptr::read_volatile(addr_of!(R_DEPTH)) + 1) };
    if n <= 0 {
        return 0;
    }
    let r = unsafe { c_descend(n - 1) };
    unsafe { core::ptr::write_volatile(addr_of_mut!(SINK), r) };
    r + 1
}
