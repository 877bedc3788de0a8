//! Finds libstackcap_verify of an installed stackcap SDK and links it.
//!
//! Where: $STACKCAP_VERIFY_LIB_DIR, else `pkg-config --variable=libdir
//! stackcap-verify` (set PKG_CONFIG_PATH to <prefix>/lib/pkgconfig), else
//! <prefix>/lib of $STACKCAP_PREFIX.
//! How: the shared library (C API only) by default; with
//! STACKCAP_VERIFY_STATIC=1 the static library and the C++ runtime it needs
//! (libstdc++).
//! Dependents' build scripts get the directory as DEP_STACKCAP_VERIFY_LIBDIR
//! (to set an rpath: the SDK is not in ld.so's path).
use std::env;
use std::path::PathBuf;
use std::process::Command;

fn main() {
    for v in ["STACKCAP_VERIFY_LIB_DIR", "STACKCAP_PREFIX", "STACKCAP_VERIFY_STATIC", "PKG_CONFIG_PATH"] {
        println!("cargo:rerun-if-env-changed={v}");
    }
    let libdir = find_libdir().unwrap_or_else(|| {
        panic!(
            "stackcap-verify-sys: libstackcap_verify not found: set PKG_CONFIG_PATH to \
             <stackcap prefix>/lib/pkgconfig, STACKCAP_PREFIX to the SDK's prefix, or \
             STACKCAP_VERIFY_LIB_DIR to its lib directory"
        )
    });
    let static_link = env::var("STACKCAP_VERIFY_STATIC").map(|v| v == "1").unwrap_or(false);
    let lib = if static_link { "libstackcap_verify.a" } else { "libstackcap_verify.so" };
    if !libdir.join(lib).exists() {
        panic!("stackcap-verify-sys: {} has no {lib}", libdir.display());
    }
    println!("cargo:rustc-link-search=native={}", libdir.display());
    if static_link {
        println!("cargo:rustc-link-lib=static=stackcap_verify");
        println!("cargo:rustc-link-lib=dylib=stdc++");
    } else {
        println!("cargo:rustc-link-lib=dylib=stackcap_verify");
    }
    println!("cargo:libdir={}", libdir.display());
}

fn find_libdir() -> Option<PathBuf> {
    if let Ok(d) = env::var("STACKCAP_VERIFY_LIB_DIR") {
        return Some(PathBuf::from(d));
    }
    if let Ok(out) = Command::new("pkg-config").args(["--variable=libdir", "stackcap-verify"]).output() {
        let s = String::from_utf8_lossy(&out.stdout).trim().to_string();
        if out.status.success() && !s.is_empty() {
            // ${pcfiledir}/../../lib: canonical, for messages and the rpath.
            let p = PathBuf::from(s);
            return Some(p.canonicalize().unwrap_or(p));
        }
    }
    env::var("STACKCAP_PREFIX").ok().map(|p| PathBuf::from(p).join("lib"))
}
