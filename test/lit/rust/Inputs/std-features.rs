// std-features.test: std for wasm32-wasip1 beyond hello: HashMap, format!
// and {:?} of derive(Debug) structs and enums, boxed closures, trait objects,
// String handling, args; "rec N" (arguments) recurses N deep, "trace N" too,
// printing each level.
use std::collections::HashMap;
use std::fmt;

#[derive(Debug, Clone, PartialEq)]
enum Kind {
    Deposit,
    Withdraw { fee: u32 },
    Note(String),
}

#[derive(Debug, Clone)]
struct Entry {
    id: u32,
    who: String,
    amount: i64,
    kind: Kind,
}

trait Render {
    fn render(&self) -> String;
    fn weight(&self) -> usize { 1 }
}
struct Plain(String);
struct Boxed { inner: Box<dyn Render>, pad: usize }
impl Render for Plain {
    fn render(&self) -> String { self.0.clone() }
}
impl Render for Boxed {
    fn render(&self) -> String {
        format!("[{:^w$}]", self.inner.render(), w = self.pad)
    }
    fn weight(&self) -> usize { 1 + self.inner.weight() }
}

struct Money(i64);
impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let sign = if self.0 < 0 { "-" } else { "" };
        write!(f, "{}{}.{:02}", sign, self.0.abs() / 100, self.0.abs() % 100)
    }
}

fn rec(n: u64) -> u64 {
    if n == 0 { 0 } else { 1 + std::hint::black_box(rec(n - 1)) }
}

// Like rec, but prints every level (stdout is line-buffered: each line is
// written before the next level starts), so a trap shows how deep it got.
fn rec_trace(n: u64, depth: u64) -> u64 {
    println!("depth {}", depth);
    if n == 0 { 0 } else { 1 + std::hint::black_box(rec_trace(n - 1, depth + 1)) }
}

fn main() {
    let args: Vec<String> = std::env::args().collect();
    println!("args: {:?}", &args[1..]);

    // HashMap (random iteration order: sorted before printing)
    let text = "alpha beta gamma beta delta alpha beta Epsilon";
    let mut counts: HashMap<String, usize> = HashMap::new();
    for w in text.split_whitespace() {
        *counts.entry(w.to_lowercase()).or_insert(0) += 1;
    }
    let mut v: Vec<(&String, &usize)> = counts.iter().collect();
    v.sort_by(|a, b| b.1.cmp(a.1).then(a.0.cmp(b.0)));
    println!("counts: {:?}", v);

    // derive(Debug), {:?} and {:#?}
    let entries = vec![
        Entry { id: 1, who: "ann".to_string(), amount: 12345, kind: Kind::Deposit },
        Entry { id: 2, who: "bob".into(), amount: -550, kind: Kind::Withdraw { fee: 25 } },
        Entry { id: 3, who: String::from("cy"), amount: 0, kind: Kind::Note("hi \"there\"".into()) },
    ];
    println!("{:?}", entries[1]);
    println!("{:#?}", entries[2].kind);
    let by_who: HashMap<&str, &Entry> = entries.iter().map(|e| (e.who.as_str(), e)).collect();
    println!("bob -> {:?}", by_who.get("bob").map(|e| e.id));
    for e in &entries {
        println!("{:>4} {:<5}|{:>10}| {:08.3} {:x}", e.id, e.who, Money(e.amount).to_string(), e.amount as f64 / 7.0, e.amount);
    }

    // boxed closures
    let k = args.len() as i32;
    let fs: Vec<Box<dyn Fn(i32) -> i32>> = vec![
        Box::new(|x| x + 1),
        Box::new(move |x| x * (k + 2)),
        Box::new(|x| x.pow(2) - 7),
    ];
    let composed = fs.iter().fold(3, |acc, f| f(acc));
    let each: Vec<i32> = fs.iter().map(|f| f(10)).collect();
    println!("closures: {} {:?}", composed, each);

    // trait objects
    let items: Vec<Box<dyn Render>> = vec![
        Box::new(Plain("a".into())),
        Box::new(Boxed { inner: Box::new(Plain("bc".into())), pad: 6 }),
        Box::new(Boxed { inner: Box::new(Boxed { inner: Box::new(Plain("d".into())), pad: 3 }), pad: 9 }),
    ];
    let rendered: Vec<String> = items.iter().map(|i| i.render()).collect();
    println!("render: {} weight={}", rendered.join(","), items.iter().map(|i| i.weight()).sum::<usize>());

    // String handling
    let mut s = String::with_capacity(4);
    for (i, w) in text.split(' ').enumerate().filter(|(i, _)| i % 2 == 0) {
        if !s.is_empty() { s.push('-'); }
        s.push_str(&w[..w.len().min(3)].to_uppercase());
        s += &i.to_string();
    }
    let rev: String = s.chars().rev().collect();
    println!("string: {} | {} | {} | {:?}", s, rev, s.replace("BE", "be"), s.find("GAM"));
    let parsed: Vec<i64> = "12, -7, x, 40".split(',').filter_map(|t| t.trim().parse().ok()).collect();
    println!("parsed: {:?} utf8: {} {}", parsed, "héllo wörld".len(), "héllo wörld".chars().count());

    if args.len() >= 3 && args[1] == "rec" {
        let n: u64 = args[2].parse().unwrap_or(10);
        println!("rec({}) = {}", n, rec(n));
    }
    if args.len() >= 3 && args[1] == "trace" {
        let n: u64 = args[2].parse().unwrap_or(10);
        println!("trace({}) = {}", n, rec_trace(n, 1));
    }
}
