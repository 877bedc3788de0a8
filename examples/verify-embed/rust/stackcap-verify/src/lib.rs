//! Verify stack-limited WebAssembly modules with stackcap's verifier, through
//! its C API (`stackcap-verify-sys`), safely:
//!
//! ```no_run
//! let bytes = std::fs::read("contract.wasm").unwrap();
//! match stackcap_verify::verify(&bytes, Some(65536)) {
//!     Ok(report) => println!("verified: {} instrumented calls", report.instrumented_calls),
//!     Err(stackcap_verify::Error::Violations(report)) => {
//!         for v in &report.violations {
//!             println!("func {:?} ({}) at {:#x}: rule {}: {}", v.function, v.function_name,
//!                      v.offset, v.rule, v.message);
//!         }
//!     }
//!     Err(e) => println!("{e}"),
//! }
//! ```
use std::ffi::{c_char, CStr, CString};
use std::fmt;

use stackcap_verify_sys as sys;

/// One violation of a rule of spec section 3.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct Violation {
    /// The rule's number (1 to 6).
    pub rule: u32,
    /// The rule, as stackcap-verify prints it.
    pub rule_title: String,
    /// The function's index (imports first); None for module-level violations.
    pub function: Option<u32>,
    /// Its name from the name section (Rust symbols demangled); "" when none.
    pub function_name: String,
    /// Byte offset in the module.
    pub offset: u32,
    /// For an uninstrumented call (rule 3): the defined function called.
    pub callee: Option<u32>,
    pub message: String,
}

/// What the verifier found in a module that decodes.
#[derive(Clone, Debug, Default)]
pub struct Report {
    pub limit: u32,
    /// The counter global's index.
    pub counter_global: Option<u32>,
    pub instrumented_calls: u64,
    pub thunks: u32,
    pub functions: u32,
    pub imported_functions: u32,
    /// All violations found (the first `violations.len()` are kept in full).
    pub violation_count: u64,
    pub violations: Vec<Violation>,
    /// cost(f) of every defined function, by function index (None: unknown).
    pub costs: Vec<Option<u32>>,
}

/// Why a module is not verified.
#[derive(Clone, Debug)]
pub enum Error {
    /// It decodes, but its instrumentation breaks the rules.
    Violations(Report),
    /// Malformed, or outside what stackcap supports: the reason and its offset.
    Malformed { message: String, offset: u32 },
    /// Out of memory (or bad arguments).
    Internal,
}

impl fmt::Display for Error {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Error::Violations(r) => write!(f, "rejected: {} violations", r.violation_count),
            Error::Malformed { message, offset } => write!(f, "malformed at offset {offset:#x}: {message}"),
            Error::Internal => write!(f, "error (out of memory)"),
        }
    }
}

impl std::error::Error for Error {}

fn string(p: *const c_char) -> String {
    if p.is_null() {
        return String::new();
    }
    // SAFETY: the C API returns NUL-terminated strings that live at least as
    // long as the report (or are static).
    unsafe { CStr::from_ptr(p) }.to_string_lossy().into_owned()
}

/// Owns a C report; freed on drop.
struct Raw(*mut sys::stackcap_report);
impl Drop for Raw {
    fn drop(&mut self) {
        // SAFETY: the pointer came from stackcap_verify (or is null).
        unsafe { sys::stackcap_report_free(self.0) }
    }
}

/// Verifies a module against `limit`, or against its own limit (the one in
/// every sequence, which must be the same everywhere) when None.
pub fn verify(module: &[u8], limit: Option<u32>) -> Result<Report, Error> {
    let mut raw: *mut sys::stackcap_report = std::ptr::null_mut();
    let l = limit.unwrap_or(0);
    let lp = if limit.is_some() { &l as *const u32 } else { std::ptr::null() };
    // SAFETY: module is a valid slice; raw receives a report we own.
    let status = unsafe { sys::stackcap_verify(module.as_ptr(), module.len(), lp, &mut raw) };
    let raw = Raw(raw);
    let r = raw.0 as *const sys::stackcap_report;
    match status {
        sys::STACKCAP_VERIFIED | sys::STACKCAP_VIOLATIONS => {}
        // SAFETY: r is a report of this call.
        sys::STACKCAP_MALFORMED => unsafe {
            return Err(Error::Malformed {
                message: string(sys::stackcap_report_error(r)),
                offset: sys::stackcap_report_error_offset(r),
            });
        },
        _ => return Err(Error::Internal),
    }
    // SAFETY: r is a valid report until `raw` is dropped, after this block;
    // the strings are copied before.
    let report = unsafe {
        let functions = sys::stackcap_report_function_count(r);
        let imported = sys::stackcap_report_imported_functions(r);
        let mut violations = Vec::new();
        for i in 0..sys::stackcap_report_violations_kept(r) {
            let (mut rule, mut func, mut offset) = (0u32, 0u32, 0u32);
            let mut msg: *const c_char = std::ptr::null();
            if sys::stackcap_report_violation(r, i, &mut rule, &mut func, &mut offset, &mut msg) == 0 {
                break;
            }
            let callee = sys::stackcap_report_violation_callee(r, i);
            violations.push(Violation {
                rule,
                rule_title: string(sys::stackcap_rule_title(rule)),
                function: (func != u32::MAX).then_some(func),
                function_name: string(sys::stackcap_report_violation_function_name(r, i)),
                offset,
                callee: (callee != u32::MAX).then_some(callee),
                message: string(msg),
            });
        }
        let costs = (0..functions)
            .map(|f| {
                let mut c = 0u32;
                (sys::stackcap_report_cost(r, f, &mut c) != 0).then_some(c)
            })
            .collect();
        Report {
            limit: sys::stackcap_report_limit(r),
            counter_global: (sys::stackcap_report_has_counter(r) != 0)
                .then(|| sys::stackcap_report_counter_global(r)),
            instrumented_calls: sys::stackcap_report_instrumented_calls(r),
            thunks: sys::stackcap_report_thunks(r),
            functions,
            imported_functions: imported,
            violation_count: sys::stackcap_report_violation_count(r),
            violations,
            costs,
        }
    };
    if status == sys::STACKCAP_VERIFIED {
        Ok(report)
    } else {
        Err(Error::Violations(report))
    }
}

/// The library's version ("0.1.0").
pub fn version() -> String {
    // SAFETY: a static string.
    string(unsafe { sys::stackcap_version() })
}

/// "stackcap 0.1.0 (git abc1234)".
pub fn version_line() -> String {
    // SAFETY: a static string.
    string(unsafe { sys::stackcap_version_line() })
}

/// The C API version of the library (at least sys::STACKCAP_VERIFY_API_VERSION
/// for everything here to be there).
pub fn api_version() -> i32 {
    // SAFETY: no arguments.
    unsafe { sys::stackcap_api_version() }
}

/// The profiles the library checks ("compat").
pub fn profiles() -> Vec<String> {
    // SAFETY: static strings, i < count.
    unsafe { (0..sys::stackcap_profile_count()).map(|i| string(sys::stackcap_profile_name(i))).collect() }
}

/// Whether the library checks profile `name`.
pub fn has_profile(name: &str) -> bool {
    match CString::new(name) {
        // SAFETY: a NUL-terminated string.
        Ok(c) => unsafe { sys::stackcap_has_profile(c.as_ptr()) != 0 },
        Err(_) => false,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn version_and_profiles() {
        assert!(api_version() >= sys::STACKCAP_VERIFY_API_VERSION);
        assert!(version_line().starts_with("stackcap "));
        assert!(profiles().contains(&"compat".to_string()));
        assert!(has_profile("compat") && !has_profile("nope"));
    }

    #[test]
    fn malformed() {
        match verify(b"\0asm\x01\0\0\0\x01", None) {
            Err(Error::Malformed { .. }) => {}
            other => panic!("{other:?}"),
        }
    }

    #[test]
    fn empty_module_verifies_vacuously() {
        // A module without functions has nothing to instrument.
        let r = verify(b"\0asm\x01\0\0\0", Some(100)).expect("verified");
        assert_eq!(r.functions, 0);
    }
}
