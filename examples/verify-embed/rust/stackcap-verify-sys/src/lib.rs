//! Raw bindings to stackcap's verifier C API, `stackcap/stackcap_verify.h`
//! (C API version 2). See the header for what every function does; the
//! `stackcap-verify` crate wraps them safely.
#![no_std]
#![allow(non_camel_case_types)]

use core::ffi::{c_char, c_int, c_void};

/// Correctly instrumented.
pub const STACKCAP_VERIFIED: c_int = 0;
/// Decodes, but the instrumentation is wrong.
pub const STACKCAP_VIOLATIONS: c_int = 1;
/// Malformed, or outside what stackcap supports.
pub const STACKCAP_MALFORMED: c_int = 2;
/// Bad arguments or out of memory.
pub const STACKCAP_ERROR: c_int = 3;
/// The interface these bindings were written for (STACKCAP_VERIFY_API_VERSION).
pub const STACKCAP_VERIFY_API_VERSION: c_int = 2;

/// The opaque report (`stackcap_report`).
#[repr(C)]
pub struct stackcap_report {
    _private: [u8; 0],
}

extern "C" {
    pub fn stackcap_verify(bytes: *const u8, len: usize, limit: *const u32,
                           report: *mut *mut stackcap_report) -> c_int;
    pub fn stackcap_report_status(r: *const stackcap_report) -> c_int;
    pub fn stackcap_report_error(r: *const stackcap_report) -> *const c_char;
    pub fn stackcap_report_error_offset(r: *const stackcap_report) -> u32;
    pub fn stackcap_report_has_counter(r: *const stackcap_report) -> c_int;
    pub fn stackcap_report_counter_global(r: *const stackcap_report) -> u32;
    pub fn stackcap_report_limit(r: *const stackcap_report) -> u32;
    pub fn stackcap_report_instrumented_calls(r: *const stackcap_report) -> u64;
    pub fn stackcap_report_thunks(r: *const stackcap_report) -> u32;
    pub fn stackcap_report_violation_count(r: *const stackcap_report) -> u64;
    pub fn stackcap_report_violations_kept(r: *const stackcap_report) -> usize;
    pub fn stackcap_report_violation(r: *const stackcap_report, i: usize, rule: *mut u32,
                                     func: *mut u32, offset: *mut u32,
                                     message: *mut *const c_char) -> c_int;
    pub fn stackcap_report_violation_function_name(r: *const stackcap_report, i: usize) -> *const c_char;
    pub fn stackcap_report_violation_callee(r: *const stackcap_report, i: usize) -> u32;
    pub fn stackcap_report_function_name(r: *const stackcap_report, func: u32) -> *const c_char;
    pub fn stackcap_report_function_count(r: *const stackcap_report) -> u32;
    pub fn stackcap_report_imported_functions(r: *const stackcap_report) -> u32;
    pub fn stackcap_report_cost(r: *const stackcap_report, func: u32, cost: *mut u32) -> c_int;
    pub fn stackcap_report_free(r: *mut stackcap_report);
    pub fn stackcap_instrument(bytes: *const u8, len: usize, limit: u32, out: *mut *mut u8,
                               out_len: *mut usize, error: *mut *mut c_char) -> c_int;
    pub fn stackcap_free(p: *mut c_void);
    pub fn stackcap_version() -> *const c_char;
    pub fn stackcap_version_line() -> *const c_char;
    pub fn stackcap_api_version() -> c_int;
    pub fn stackcap_profiles() -> *const c_char;
    pub fn stackcap_profile_count() -> usize;
    pub fn stackcap_profile_name(i: usize) -> *const c_char;
    pub fn stackcap_has_profile(name: *const c_char) -> c_int;
    pub fn stackcap_rule_title(rule: u32) -> *const c_char;
}
