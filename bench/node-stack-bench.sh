#!/usr/bin/env bash
# node-stack-bench.sh --build-dir DIR: how large a stack limit node 20 can
# take before its own stack overflows first (docs/wrappers.md, "Limits").
#
# For recursive functions of several shapes (0 to 16 parameters of i32, i64
# and f64), builds them with stackcap-clang at a limit no recursion reaches,
# finds by bisection the deepest recursion node completes at its default
# stack size (the minimum of 3 runs: the machine is noisy), and prints
# depth × cost: the largest limit at which the counter still traps before
# node throws RangeError for that shape. Profile compat does not charge
# parameters (wasm-instrument does not), so shapes with many parameters give
# the lowest figures. Figures, not a test.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=$2; shift 2 ;;
    *) echo "usage: $0 --build-dir DIR" >&2; exit 64 ;;
  esac
done
[ -n "$build" ] || { echo "usage: $0 --build-dir DIR" >&2; exit 64; }
bin=$build/bin
work=$build/bench/node-stack
mkdir -p "$work"

# gen K TYPE: a recursion with K parameters of TYPE that LLVM keeps
# recursive (the store after the call defeats tail-call elimination).
gen() {
  local k=$1 type=$2 params="" args="" sum=0 consts="" i
  for i in $(seq 1 "$k"); do
    params+=", $type p$i"; args+=", p$i"; sum+="+p$i"; consts+=", $i"
  done
  cat <<SRC
volatile $type sink;
__attribute__((noinline)) $type rec(int n$params) {
  if (n == 0) return $sum;
  $type r = rec(n - 1$args);
  sink = r;
  return r + 1;
}
__attribute__((export_name("run"))) int run(int n) { return (int)rec(n$consts); }
SRC
}

echo "node $(node --version), default stack size; limit = depth x cost(rec)"
printf '%-10s %6s %5s %7s %10s\n' type params cost depth "safe limit"
lowest=
for type in int "long long" double; do
  for k in 0 2 4 8 16; do
    name=${type// /_}-$k
    gen "$k" "$type" > "$work/$name.c"
    "$bin/stackcap-clang" --stack-limit=4000000000 -O2 -nostdlib -Wl,--no-entry \
      "$work/$name.c" -o "$work/$name.wasm" 2> /dev/null
    cost=$("$bin/stackcap-verify" --print-costs "$work/$name.wasm" | awk '$3 == "rec.stackcap_body" { print $2 }')
    depth=
    for _ in 1 2 3; do
      d=$(node "$here/node-stack/depth.mjs" "$work/$name.wasm")
      if [ -z "$depth" ] || [ "$d" -lt "$depth" ]; then depth=$d; fi
    done
    safe=$((depth * cost))
    if [ -z "$lowest" ] || [ "$safe" -lt "$lowest" ]; then lowest=$safe; fi
    printf '%-10s %6s %5s %7s %10s\n' "$type" "$k" "$cost" "$depth" "$safe"
  done
done
echo "lowest: $lowest (the counter traps first at every limit up to this, for every shape above)"
