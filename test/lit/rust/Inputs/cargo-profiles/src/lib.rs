// cargo-profiles.test: a no_std cdylib the way contracts are written: a
// global bump allocator, Vec and BTreeMap, trait objects, closures, and a
// recursion whose depth is kept in the exported static G_DEPTH.
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

const ARENA_SIZE: usize = 1 << 18;
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

// ---- a ledger: BTreeMap of accounts, Vec of transfers, a rule as a trait object
trait Fee {
    fn fee(&self, amount: u64) -> u64;
}
struct Flat(u64);
struct Percent(u64);
struct Capped(Box<dyn Fee>, u64);
impl Fee for Flat {
    fn fee(&self, _: u64) -> u64 { self.0 }
}
impl Fee for Percent {
    fn fee(&self, amount: u64) -> u64 { amount * self.0 / 100 }
}
impl Fee for Capped {
    fn fee(&self, amount: u64) -> u64 { self.0.fee(amount).min(self.1) }
}

#[inline(never)]
fn rule(kind: u32) -> Box<dyn Fee> {
    match kind % 3 {
        0 => Box::new(Flat(2)),
        1 => Box::new(Percent(3)),
        _ => Box::new(Capped(Box::new(Percent(10)), 7)),
    }
}

// Runs n transfers between 5 accounts; returns a hash of the final balances.
#[no_mangle]
pub extern "C" fn ledger(n: u32) -> u32 {
    let mut accounts: BTreeMap<u32, u64> = (0..5).map(|i| (i, 1000)).collect();
    let rules: Vec<Box<dyn Fee>> = (0..3).map(rule).collect();
    let mut log: Vec<(u32, u32, u64)> = Vec::new();
    for i in 0..n {
        let (from, to, amount) = (i % 5, (i * 3 + 1) % 5, (i as u64 * 37) % 200);
        let fee = rules[(i % 3) as usize].fee(amount);
        let bal = *accounts.get(&from).unwrap();
        if bal >= amount + fee {
            *accounts.get_mut(&from).unwrap() -= amount + fee;
            *accounts.entry(to).or_insert(0) += amount;
            log.push((from, to, amount));
        }
    }
    log.iter().map(|t| t.2 as u32).sum::<u32>()
        ^ accounts.values().fold(0u32, |h, b| h.wrapping_mul(31).wrapping_add(*b as u32))
}

// Closures: boxed, captured by move and by reference, composed.
#[no_mangle]
pub extern "C" fn pipeline(x: i32) -> i32 {
    let k = x % 7 + 1;
    let mut calls = 0;
    let mut stages: Vec<Box<dyn Fn(i32) -> i32>> = Vec::new();
    stages.push(Box::new(move |v| v * k));
    stages.push(Box::new(|v| v - 3));
    stages.push(Box::new(move |v| v ^ (k << 4)));
    let mut run = |v: i32| {
        calls += 1;
        stages.iter().fold(v, |acc, f| f(acc))
    };
    let a = run(x);
    let b = run(a);
    b + calls
}

// core::fmt into a String; the result is its length and a hash.
#[no_mangle]
pub extern "C" fn report(n: u32) -> u32 {
    let mut s = String::new();
    let v: Vec<u32> = (1..=n).map(|i| i * i).collect();
    write!(s, "{:?} sum={} max={:?}", &v[..v.len().min(5)], v.iter().sum::<u32>(), v.iter().max()).unwrap();
    (s.len() as u32) << 24 | s.bytes().fold(7u32, |h, b| h.wrapping_mul(33) ^ b as u32) & 0xffffff
}

// ---- recursion
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
