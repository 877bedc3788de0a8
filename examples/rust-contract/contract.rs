//! A small stack-limited contract in no_std Rust: a key/value store of
//! counters (BTreeMap through a bump allocator), pluggable scoring rules
//! (trait objects), a host import for logging, and a recursive walk whose
//! depth is limited by the stack limit compiled in by stackcap-rustc.
//! Build and run: see README.md beside this file.
#![no_std]

extern crate alloc;

use alloc::boxed::Box;
use alloc::collections::BTreeMap;
use alloc::string::String;
use alloc::vec::Vec;
use core::alloc::{GlobalAlloc, Layout};
use core::cell::UnsafeCell;
use core::fmt::Write;

// ---- allocator: bump allocation in a static arena (contracts are short-lived)
const ARENA_SIZE: usize = 256 * 1024;
#[repr(C, align(16))]
struct Arena(UnsafeCell<[u8; ARENA_SIZE]>, UnsafeCell<usize>);
unsafe impl Sync for Arena {}
static ARENA: Arena = Arena(UnsafeCell::new([0; ARENA_SIZE]), UnsafeCell::new(0));

struct Bump;
unsafe impl GlobalAlloc for Bump {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        unsafe {
            let next = &mut *ARENA.1.get();
            let start = (*next + layout.align() - 1) & !(layout.align() - 1);
            if start + layout.size() > ARENA_SIZE {
                return core::ptr::null_mut();
            }
            *next = start + layout.size();
            (ARENA.0.get() as *mut u8).add(start)
        }
    }
    unsafe fn dealloc(&self, _: *mut u8, _: Layout) {}
}
#[global_allocator]
static ALLOC: Bump = Bump;

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    core::arch::wasm32::unreachable()
}

// ---- the host ------------------------------------------------------------------
#[link(wasm_import_module = "env")]
unsafe extern "C" {
    /// Receives UTF-8 text from linear memory.
    fn log(ptr: *const u8, len: usize);
}

fn host_log(s: &str) {
    unsafe { log(s.as_ptr(), s.len()) }
}

// ---- state ---------------------------------------------------------------------
struct State {
    counters: BTreeMap<u32, u32>,
    rules: Vec<Box<dyn Rule>>,
}
struct Global(UnsafeCell<Option<State>>);
unsafe impl Sync for Global {}
static STATE: Global = Global(UnsafeCell::new(None));

fn state() -> &'static mut State {
    // Single-threaded wasm: one mutable reference at a time.
    unsafe { (*STATE.0.get()).get_or_insert_with(|| State { counters: BTreeMap::new(), rules: Vec::new() }) }
}

// ---- scoring rules (trait objects) -------------------------------------------------
trait Rule {
    fn name(&self) -> &'static str;
    fn score(&self, key: u32, count: u32) -> u32;
}
struct Flat;
struct Weighted(u32);
struct Threshold { min: u32, bonus: u32 }
impl Rule for Flat {
    fn name(&self) -> &'static str { "flat" }
    fn score(&self, _: u32, count: u32) -> u32 { count }
}
impl Rule for Weighted {
    fn name(&self) -> &'static str { "weighted" }
    fn score(&self, key: u32, count: u32) -> u32 { count * (key % self.0 + 1) }
}
impl Rule for Threshold {
    fn name(&self) -> &'static str { "threshold" }
    fn score(&self, _: u32, count: u32) -> u32 { if count >= self.min { self.bonus } else { 0 } }
}

// ---- exports ---------------------------------------------------------------------------
#[no_mangle]
pub extern "C" fn init() {
    let s = state();
    s.counters.clear();
    s.rules.clear();
    s.rules.push(Box::new(Flat));
    s.rules.push(Box::new(Weighted(3)));
    s.rules.push(Box::new(Threshold { min: 2, bonus: 10 }));
    host_log("init: store cleared, 3 rules");
}

#[no_mangle]
pub extern "C" fn increment(key: u32) -> u32 {
    let c = state().counters.entry(key).or_insert(0);
    *c += 1;
    let v = *c;
    let mut msg = String::new();
    let _ = write!(msg, "increment: key {key} -> {v}");
    host_log(&msg);
    v
}

#[no_mangle]
pub extern "C" fn get(key: u32) -> u32 {
    state().counters.get(&key).copied().unwrap_or(0)
}

/// The sum over all keys of the score of rule `rule` (0..3), or of all rules.
#[no_mangle]
pub extern "C" fn score(rule: u32) -> u32 {
    let s = state();
    let pick: Vec<&dyn Rule> = match s.rules.get(rule as usize) {
        Some(r) => alloc::vec![&**r],
        None => s.rules.iter().map(|r| &**r).collect(),
    };
    let total = pick.iter().map(|r| s.counters.iter().map(|(&k, &c)| r.score(k, c)).sum::<u32>()).sum();
    let mut msg = String::new();
    let names: Vec<&str> = pick.iter().map(|r| r.name()).collect();
    let _ = write!(msg, "score {names:?} = {total}");
    host_log(&msg);
    total
}

// Recursion: DEPTH records the current level; the host reads it after a trap
// through depth_addr() (called before the trap: after one the counter is at
// the limit and every further counted call traps).
static mut DEPTH: u32 = 0;

#[no_mangle]
pub extern "C" fn descend(n: u32) -> u32 {
    unsafe {
        let p = core::ptr::addr_of_mut!(DEPTH);
        p.write_volatile(p.read_volatile() + 1);
        let r = if n == 0 { 0 } else { descend(n - 1) + 1 };
        p.write_volatile(p.read_volatile() - 1);
        r
    }
}

#[no_mangle]
pub extern "C" fn depth_addr() -> *const u32 {
    core::ptr::addr_of!(DEPTH)
}
