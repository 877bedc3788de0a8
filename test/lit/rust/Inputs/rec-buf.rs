// Runaway recursion with a 512-byte buffer in every frame (no_std cdylib):
// each level takes 512 bytes of linear-memory stack besides its cost.
// Each level records itself in G_DEPTH (an exported static).
#![no_std]
use core::ptr::{addr_of, addr_of_mut, read_volatile, write_volatile};

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

#[no_mangle]
pub static mut G_DEPTH: i32 = 0;
static mut SINK: i32 = 0;

#[inline(never)]
fn fill(buf: &mut [u8; 512], n: i32) {
    let mut i = 0;
    while i < 512 {
        unsafe { write_volatile(&mut buf[i], n as u8) };
        i += 64;
    }
}

#[no_mangle]
pub extern "C" fn rec(n: i32) -> i32 {
    let mut buf = [0u8; 512];
    unsafe { write_volatile(addr_of_mut!(G_DEPTH), read_volatile(addr_of!(G_DEPTH)) + 1) };
    fill(&mut buf, n);
    if n <= 0 {
        return buf[0] as i32;
    }
    let r = rec(n - 1);
    unsafe { write_volatile(addr_of_mut!(SINK), r) };
    r + unsafe { read_volatile(&buf[64]) } as i32
}
