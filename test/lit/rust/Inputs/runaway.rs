// Runaway recursion for profile lean's trap tests (lean.test): the export
// `run` takes no argument, so wabt's wasm-interp can call it too
// (--run-all-exports), and every level logs itself through the import
// env.host_log before it goes deeper: the last logged level is the deepest
// one reached, in node (run-rust.mjs) and in wasm-interp (--dummy-import-func
// logs every import call). `descend` has local linkage and is a cycle, so it
// is checked: its reservation, not a thunk's cost, decides the depth.
#![no_std]

#[panic_handler]
fn panic(_: &core::panic::PanicInfo) -> ! {
    loop {}
}

#[link(wasm_import_module = "env")]
unsafe extern "C" {
    fn host_log(v: i32);
}

static mut SINK: i32 = 0;

#[allow(unconditional_recursion)]
#[inline(never)]
fn descend(n: i32) -> i32 {
    unsafe { host_log(n) };
    let r = descend(n + 1);
    // Used after the call: neither a tail call nor a loop.
    unsafe { core::ptr::write_volatile(core::ptr::addr_of_mut!(SINK), r) };
    r
}

#[no_mangle]
pub extern "C" fn run() -> i32 {
    descend(1)
}
