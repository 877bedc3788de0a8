//! The SDK's lib directory is not in ld.so's path: the binaries and tests of
//! this crate get an rpath to it (stackcap-verify-sys says where it is).
fn main() {
    if let Ok(dir) = std::env::var("DEP_STACKCAP_VERIFY_LIBDIR") {
        // Every linked target of this package: its binary and its unit tests.
        println!("cargo:rustc-link-arg=-Wl,-rpath,{dir}");
    }
}
