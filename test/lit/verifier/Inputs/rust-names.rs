// Source of rust-legacy.wasm and rust-v0.wasm (see cli-demangle.test):
// rustc 1.96, --target wasm32-unknown-unknown --crate-type cdylib -O
// -C panic=abort -C linker=wasm-ld-22 -C link-arg=--export-all, with the
// stackcap no_std sysroot, and -C symbol-mangling-version=v0 for rust-v0.wasm.
#![no_std]
pub struct Foo<T>(T);
impl<T: Copy + Into<u64>> Foo<T> { #[inline(never)] pub fn get(&self) -> u64 { self.0.into() } }
pub trait Tr { fn go(&self) -> u64; }
impl Tr for Foo<u32> { #[inline(never)] fn go(&self) -> u64 { self.get() + 1 } }
#[inline(never)] fn helper(x: &dyn Tr) -> u64 { x.go() }
#[no_mangle] pub extern "C" fn run(a: u32) -> u64 { helper(&Foo(a)) + Foo(a as u8).get() }
#[panic_handler] fn p(_: &core::panic::PanicInfo) -> ! { loop {} }
