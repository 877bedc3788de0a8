//! stackcap-verify-rs: verifies WebAssembly modules through the
//! stackcap-verify crate. The same output and exit status as the C example
//! (examples/verify-embed/verify.c).
use std::process::ExitCode;

fn main() -> ExitCode {
    let mut args: Vec<String> = std::env::args().skip(1).collect();
    let mut limit = None;
    if args.len() >= 2 && args[0] == "--limit" {
        match args[1].parse::<u32>() {
            Ok(n) if n > 0 => limit = Some(n),
            _ => {
                eprintln!("stackcap-verify-rs: --limit needs a number from 1 to 4294967295");
                return ExitCode::from(3);
            }
        }
        args.drain(..2);
    }
    println!(
        "library: {}, C API {} (header {}), profiles: {}",
        stackcap_verify::version_line(),
        stackcap_verify::api_version(),
        stackcap_verify_sys::STACKCAP_VERIFY_API_VERSION,
        stackcap_verify::profiles().join(" ")
    );
    if args.is_empty() {
        eprintln!("usage: stackcap-verify-rs [--limit N] module.wasm...");
        return ExitCode::from(3);
    }
    let mut worst = 0u8;
    for path in &args {
        let bytes = match std::fs::read(path) {
            Ok(b) => b,
            Err(e) => {
                eprintln!("stackcap-verify-rs: {path}: {e}");
                worst = worst.max(3);
                continue;
            }
        };
        let status = match stackcap_verify::verify(&bytes, limit) {
            Ok(r) => {
                println!(
                    "{path}: verified (limit {}, {} instrumented calls, {} thunks, {} functions)",
                    r.limit, r.instrumented_calls, r.thunks, r.functions
                );
                0
            }
            Err(stackcap_verify::Error::Violations(r)) => {
                println!("{path}: rejected: {} violations", r.violation_count);
                for v in &r.violations {
                    match v.function {
                        None => print!("  module"),
                        Some(f) => print!(
                            "  func {f} ({})",
                            if v.function_name.is_empty() { "unnamed" } else { &v.function_name }
                        ),
                    }
                    println!(" at offset {:#x}: rule {} ({}): {}", v.offset, v.rule, v.rule_title, v.message);
                }
                1
            }
            Err(e @ stackcap_verify::Error::Malformed { .. }) => {
                println!("{path}: {e}");
                2
            }
            Err(e) => {
                println!("{path}: {e}");
                3
            }
        };
        worst = worst.max(status);
    }
    ExitCode::from(worst)
}
