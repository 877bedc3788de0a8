//! The SDK's lib directory is not in ld.so's path: the binaries and tests of
//! this crate get an rpath to it (stackcap-verify-sys says where it is).
fn main() {
    if let Ok(dir) = std::env::var("DEP_STACKCAP_VERIFY_LIBDIR") {
        println!("cargo:rustc-link-arg-bins=-Wl,-rpath,{dir}");
        println!("cargo:rustc-link-arg-tests=-Wl,-rpath,{dir}");
    }
}
