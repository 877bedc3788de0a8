// A freestanding (no_std) Rust cdylib that exercises what Rust code brings to
// a contract: direct recursion, trait objects, closures and fn pointers,
// Vec/BTreeMap/String through a global (bump) allocator, core::fmt, 128-bit
// arithmetic from compiler_builtins, exported `extern "C"` functions and host
// imports. Built by test/lit/rust/*.test with stackcap-rustc (instrumented)
// and with plain rustc against an uninstrumented sysroot.
#![no_std]

extern crate alloc;

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::fmt::Write;
use core::ptr::{addr_of, addr_of_mut};

// ---- a tiny bump allocator over a static arena ------------------------------
const ARENA_SIZE: usize = 1 << 20;
#[repr(C, align(16))]
struct Arena(UnsafeCell<[u8; ARENA_SIZE]>);
unsafe impl Sync for Arena {}
static ARENA: Arena = Arena(UnsafeCell::new([0; ARENA_SIZE]));
static mut NEXT: usize = 0;

struct Bump;
unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            let start = (NEXT + layout.align() - 1) & !(layout.align() - 1);
            let end = start + layout.size();
            if end > ARENA_SIZE {
                return core::ptr::null_mut();
            }
            NEXT = end;
            (ARENA.0.get() as *mut u8).add(start)
        }
    }
    unsafe fn dealloc(&self, _ptr: *mut u8, _layout: Layout) {}
}
#[global_allocator]
static GLOBAL: Bump = Bump;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

// ---- host imports ------------------------------------------------------------
#[link(wasm_import_module = "env")]
unsafe extern "C" {
    fn host_mul(a: i32, b: i32) -> i32;
    fn host_log(v: i32);
}

// ---- recursion -----------------------------------------------------------------
// Each level records itself in G_DEPTH (an exported static); the volatile
// store after the recursive call keeps LLVM from turning it into a loop.
#[no_mangle]
pub static mut G_DEPTH: i32 = 0;
static mut SINK: i32 = 0;

#[no_mangle]
pub extern "C" fn rec(n: i32) -> i32 {
    unsafe { core::ptr::write_volatile(addr_of_mut!(G_DEPTH), core::ptr::read_volatile(addr_of!(G_DEPTH)) + 1) };
    if n <= 0 {
        return 0;
    }
    let r = rec(n - 1);
    unsafe { core::ptr::write_volatile(addr_of_mut!(SINK), r) };
    r + 1
}

#[no_mangle]
pub extern "C" fn reset_depth() {
    unsafe { core::ptr::write_volatile(addr_of_mut!(G_DEPTH), 0) };
}

// ---- trait objects -------------------------------------------------------------
trait Shape {
    fn area(&self) -> i32;
    fn scale(&mut self, k: i32);
}
struct Rect { w: i32, h: i32 }
struct Square(i32);
struct Tri { b: i32, h: i32 }
impl Shape for Rect {
    fn area(&self) -> i32 { self.w * self.h }
    fn scale(&mut self, k: i32) { self.w *= k; self.h *= k; }
}
impl Shape for Square {
    fn area(&self) -> i32 { self.0 * self.0 }
    fn scale(&mut self, k: i32) { self.0 *= k; }
}
impl Shape for Tri {
    fn area(&self) -> i32 { self.b * self.h / 2 }
    fn scale(&mut self, k: i32) { self.b *= k; self.h *= k; }
}

#[inline(never)]
fn make(i: i32) -> Box<dyn Shape> {
    match i % 3 {
        0 => Box::new(Rect { w: i + 1, h: i + 2 }),
        1 => Box::new(Square(i)),
        _ => Box::new(Tri { b: i, h: i + 3 }),
    }
}

#[no_mangle]
pub extern "C" fn shapes(n: i32) -> i32 {
    let mut v: Vec<Box<dyn Shape>> = (0..n).map(make).collect();
    for (i, s) in v.iter_mut().enumerate() {
        if i % 2 == 1 {
            s.scale(2);
        }
    }
    let d: &dyn Shape = &*v[0];
    v.iter().map(|s| s.area()).sum::<i32>() + d.area()
}

// ---- closures and fn pointers ---------------------------------------------------
fn double(x: i32) -> i32 { x * 2 }
fn square(x: i32) -> i32 { x * x }
fn negate(x: i32) -> i32 { -x }
static TABLE: [fn(i32) -> i32; 3] = [double, square, negate];

#[inline(never)]
fn apply_dyn(f: &dyn Fn(i32) -> i32, x: i32) -> i32 { f(x) }
#[inline(never)]
fn apply_gen<F: FnMut(i32) -> i32>(mut f: F, x: i32) -> i32 { f(x) + f(x + 1) }

#[no_mangle]
pub extern "C" fn closures(x: i32) -> i32 {
    let k = x + 7;
    let add_k = move |y: i32| y + k;
    let mut count = 0;
    let counted = |y: i32| { count += 1; y * 3 };
    let mut acc = apply_dyn(&add_k, x) + apply_gen(counted, x);
    for (i, f) in TABLE.iter().enumerate() {
        let f = core::hint::black_box(*f);
        acc += f(x + i as i32);
    }
    let boxed: Box<dyn FnMut(i32) -> i32> = Box::new(move |y| y ^ k);
    let mut fns: Vec<Box<dyn FnMut(i32) -> i32>> = Vec::new();
    fns.push(boxed);
    fns.push(Box::new(|y| y.wrapping_mul(31)));
    for f in fns.iter_mut() {
        acc = acc.wrapping_add(f(acc));
    }
    acc + count
}

// ---- Vec, BTreeMap, String, fmt, sorting --------------------------------------------
#[no_mangle]
pub extern "C" fn collections(n: i32) -> i32 {
    let mut m: BTreeMap<i32, Vec<i32>> = BTreeMap::new();
    for i in 0..n {
        m.entry((i * 7) % 13).or_default().push(i);
    }
    let mut v: Vec<i32> = m.iter().map(|(k, vs)| k * 1000 + vs.len() as i32).collect();
    v.sort_by(|a, b| b.cmp(a));
    let mut w: Vec<u64> = (0..n as u64).map(|i| (i * 2654435761) % 1009).collect();
    w.sort_unstable();
    w.dedup();
    let mut s = String::new();
    write!(s, "{:?}|{}|{:x}", &v[..v.len().min(4)], w.len(), w.iter().sum::<u64>()).unwrap();
    let h = s.bytes().fold(17i32, |h, b| h.wrapping_mul(31).wrapping_add(b as i32));
    h ^ (s.len() as i32)
}

// ---- compiler_builtins: 128-bit arithmetic ----------------------------------------
#[no_mangle]
pub extern "C" fn wide(a: i64, b: i64) -> i64 {
    let x = (a as i128) * (b as i128) + 0x1234_5678_9abc_def0_i128;
    let y = (x as u128) / ((b as u128) | 3);
    let z = x % ((a as i128) | 5);
    (y as i64) ^ (z as i64) ^ ((x >> 70) as i64)
}

// ---- host imports --------------------------------------------------------------------
#[no_mangle]
pub extern "C" fn host(x: i32) -> i32 {
    let r = unsafe { host_mul(x, 3) };
    unsafe { host_log(r) };
    r + 1
}
