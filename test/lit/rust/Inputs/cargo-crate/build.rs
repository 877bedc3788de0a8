// A build script: compiled for the host, passed through to plain rustc.
fn main() {
    println!("cargo:rerun-if-changed=build.rs");
}
