// std for wasm32-wasip1: HashMap, String, args, stdout, and a
// recursion that traps under the stack limit.
use std::collections::HashMap;
fn rec(n: u64) -> u64 { if n == 0 { 0 } else { 1 + std::hint::black_box(rec(n - 1)) } }
fn main() {
    let args: Vec<String> = std::env::args().collect();
    let mut m = HashMap::new();
    for w in "the quick brown fox jumps over the lazy dog the end".split(' ') { *m.entry(w).or_insert(0) += 1; }
    let mut v: Vec<_> = m.into_iter().collect();
    v.sort();
    println!("{:?}", v);
    let n: u64 = args.get(1).and_then(|a| a.parse().ok()).unwrap_or(10);
    println!("rec({}) = {}", n, rec(n));
}
