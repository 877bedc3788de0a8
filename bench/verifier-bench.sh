#!/usr/bin/env bash
# verifier-bench.sh: how fast and how lean is stackcap-verify on a real,
# ~1 MB instrumented module, compared with wabt's wasm-validate?
#
#   bench/verifier-bench.sh [--build-dir DIR] [--runs N] [--limit N]
#                           [--bench-run PATH] [--no-valgrind]
#
# The module is the SQLite amalgamation (sqlite3.c, public domain) plus
# bench/sqlite-driver.c, compiled with
#   clang-22 --target=wasm32-wasi --sysroot=/usr -O2 --no-wasm-opt
# against Debian's wasi-libc, then run through stackcap-instrument. The
# amalgamation comes from $SQLITE_AMALGAMATION (a path to sqlite3.c, with
# sqlite3.h beside it) or else from the npm package better-sqlite3 (which
# ships it in deps/sqlite3/), fetched once with `npm pack`. Everything is
# cached under <build>/bench/. This is a benchmark, not a test: it prints a
# table and exits 0 unless something failed to build or run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "$here/.." && pwd)/build
runs=20
limit=1000000
bench_run=
use_valgrind=1
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --limit) limit=$2; shift 2 ;;
    --bench-run) bench_run=$2; shift 2 ;;
    --no-valgrind) use_valgrind=0; shift ;;
    -h|--help) sed -n '2,16p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "verifier-bench: unknown argument $1" >&2; exit 64 ;;
  esac
done
build=$(cd "$build" && pwd)
out=$build/bench
mkdir -p "$out"
verify=$build/bin/stackcap-verify
instrument=$build/bin/stackcap-instrument
clang=/usr/bin/clang-22
better_sqlite3=better-sqlite3@12.4.1   # ships SQLite 3.50.4's amalgamation
if [ -z "$bench_run" ]; then
  bench_run=$build/bin/stackcap-bench-run
  [ -x "$bench_run" ] || cmake --build "$build" --target stackcap-bench-run >&2
fi
for tool in "$verify" "$instrument" "$bench_run" "$clang"; do
  [ -x "$tool" ] || { echo "verifier-bench: $tool not found (build the project first)" >&2; exit 2; }
done
for tool in wasm-validate wasm-objdump; do
  command -v $tool > /dev/null || { echo "verifier-bench: $tool not found (apt-get install wabt)" >&2; exit 2; }
done
if [ $use_valgrind = 1 ] && ! command -v valgrind > /dev/null; then
  echo "verifier-bench: valgrind not found: skipping instruction counts and heap peaks" >&2
  use_valgrind=0
fi
log() { echo "verifier-bench: $*" >&2; }

# 1. The SQLite amalgamation.
if [ -n "${SQLITE_AMALGAMATION:-}" ]; then
  sqlite_c=$SQLITE_AMALGAMATION
else
  sqlite_c=$out/src/package/deps/sqlite3/sqlite3.c
  if [ ! -f "$sqlite_c" ]; then
    log "fetching the SQLite amalgamation ($better_sqlite3 from npm)"
    rm -rf "$out/src" && mkdir -p "$out/src"
    (cd "$out/src" && npm pack --silent "$better_sqlite3" > pack.log 2>&1 &&
       tar xzf better-sqlite3-*.tgz package/deps/sqlite3) ||
      { echo "verifier-bench: npm pack $better_sqlite3 failed (see $out/src/pack.log);" \
             "set SQLITE_AMALGAMATION=/path/to/sqlite3.c" >&2; exit 2; }
  fi
fi
sqlite_version=$(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$(dirname "$sqlite_c")/sqlite3.h" | head -1)

# 2. Compile (cached; rebuilt when the flags or the sources change).
cflags=(--target=wasm32-wasi --sysroot=/usr -O2 --no-wasm-opt -Wno-deprecated
        -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_MATH_FUNCTIONS
        -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_PROCESS_CLOCKS
        -D_WASI_EMULATED_SIGNAL)
libs=(-lwasi-emulated-getpid -lwasi-emulated-mman -lwasi-emulated-process-clocks
      -lwasi-emulated-signal)
module=$out/sqlite.wasm
stamp="$clang ${cflags[*]} ${libs[*]} $(cksum < "$sqlite_c") $(cksum < "$here/sqlite-driver.c")"
if [ ! -f "$module" ] || [ "$(cat "$module.stamp" 2>/dev/null)" != "$stamp" ]; then
  log "compiling SQLite $sqlite_version for wasm32-wasi (about a minute)"
  "$clang" "${cflags[@]}" -I"$(dirname "$sqlite_c")" "$sqlite_c" "$here/sqlite-driver.c" \
    "${libs[@]}" -o "$module.tmp" 2> "$out/compile.log" ||
    { cat "$out/compile.log" >&2; exit 2; }
  mv "$module.tmp" "$module"
  echo "$stamp" > "$module.stamp"
fi

# 3. Instrument, and check the result before timing anything.
inst=$out/sqlite.inst.wasm
"$instrument" --limit "$limit" "$module" -o "$inst"
wasm-validate "$inst"
"$verify" --limit "$limit" --json "$inst" > "$out/verify.json"
if command -v node > /dev/null; then
  runner=$here/../test/lit/runtime/Inputs/run-wasi.mjs
  if [ -f "$runner" ]; then
    node "$runner" "$module" > "$out/run.expected"
    node "$runner" "$inst" > "$out/run.out"
    cmp -s "$out/run.expected" "$out/run.out" ||
      { echo "verifier-bench: the instrumented module prints something else" >&2; exit 1; }
  fi
fi

size=$(stat -c %s "$inst")
orig_size=$(stat -c %s "$module")
funcs=$(wasm-objdump -h "$inst" | sed -n 's/^ *Function .*count: \([0-9]*\).*/\1/p')
code_size=$(( $(wasm-objdump -h "$inst" | sed -n 's/^ *Code .*(size=\(0x[0-9a-f]*\)).*/\1/p') ))
calls=$(sed -n 's/.*"instrumented_calls": \([0-9]*\).*/\1/p' "$out/verify.json")
thunks=$(grep -c '"wraps"' "$out/verify.json" || true)

# 4. Whole-process time and max RSS, $runs runs each after a warm-up.
field() { sed -n "s/.*$1=\([0-9.]*\).*/\1/p" <<< "$2"; }
log "timing $runs runs each"
v=$("$bench_run" "$runs" "$verify" --limit "$limit" "$inst")
w=$("$bench_run" "$runs" wasm-validate "$inst")
b=$("$bench_run" "$runs" "$verify" --help)
[ "$(field exit "$v")" = 0 ] || { echo "verifier-bench: stackcap-verify rejected the module" >&2; exit 1; }

# 5. Instruction counts (callgrind) and heap peaks (DHAT's t-gmax).
v_ir=n/a w_ir=n/a v_heap=n/a w_heap=n/a
if [ $use_valgrind = 1 ]; then
  log "valgrind runs"
  # Valgrind 3.19 (Debian 12) cannot read clang-22's DWARF 5: run a copy of
  # the verifier without debug info (its symbol table is enough for callgrind).
  vverify=$out/stackcap-verify.nodebug
  objcopy --strip-debug "$verify" "$vverify"
  collected() { sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$1" | head -1; }
  gmax() { sed -n 's/.*At t-gmax: *\([0-9,]*\) bytes.*/\1/p' "$1" | tr -d , | head -1; }
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.verify.out" \
    "$vverify" --limit "$limit" "$inst" > /dev/null 2> "$out/callgrind.verify.log" || true
  valgrind --tool=callgrind --callgrind-out-file="$out/callgrind.validate.out" \
    wasm-validate "$inst" > /dev/null 2> "$out/callgrind.validate.log" || true
  valgrind --tool=dhat --dhat-out-file="$out/dhat.verify.json" \
    "$vverify" --limit "$limit" "$inst" > /dev/null 2> "$out/dhat.verify.log" || true
  valgrind --tool=dhat --dhat-out-file="$out/dhat.validate.json" \
    wasm-validate "$inst" > /dev/null 2> "$out/dhat.validate.log" || true
  v_ir=$(collected "$out/callgrind.verify.log"); v_ir=${v_ir:-n/a}
  w_ir=$(collected "$out/callgrind.validate.log"); w_ir=${w_ir:-n/a}
  v_heap=$(gmax "$out/dhat.verify.log"); v_heap=${v_heap:-n/a}
  w_heap=$(gmax "$out/dhat.validate.log"); w_heap=${w_heap:-n/a}
fi

# 6. The table.
ratio() { awk -v a="$1" -v b="$2" 'BEGIN { if (b + 0 == 0 || a == "n/a" || b == "n/a") print "n/a"; else printf "%.2f", a / b }'; }
mib() { awk -v a="$1" 'BEGIN { if (a == "n/a") print "n/a"; else printf "%.2f MiB", a / 1048576 }'; }
v_med=$(field median_ms "$v") v_min=$(field min_ms "$v") v_rss=$(( $(field max_rss_kib "$v") * 1024 ))
w_med=$(field median_ms "$w") w_min=$(field min_ms "$w") w_rss=$(( $(field max_rss_kib "$w") * 1024 ))
b_med=$(field median_ms "$b") b_rss=$(( $(field max_rss_kib "$b") * 1024 ))
speed=$(ratio "$w_med" "$v_med")
rss_ratio=$(ratio "$v_rss" "$size")
heap_ratio=$(ratio "$v_heap" "$size")
row() { printf '  %-44s %s\n' "$1" "$2"; }
echo
echo "stackcap-verify vs wasm-validate ($runs runs each after a warm-up, whole process)"
row "module" "SQLite $sqlite_version + driver, clang-22 -O2 --no-wasm-opt, limit $limit"
row "module size (instrumented)" "$size bytes ($(mib "$size")); uninstrumented $orig_size bytes"
row "code section" "$code_size bytes"
row "defined functions" "$funcs"
row "instrumented calls / thunks" "$calls / $thunks"
row "stackcap-verify median / min" "$v_med ms / $v_min ms"
row "wasm-validate median / min" "$w_med ms / $w_min ms"
row "stackcap-verify --help median (startup)" "$b_med ms"
row "speed ratio (validate / verify, medians)" "${speed}x  (target >= 5x: $(awk -v r="$speed" 'BEGIN{print (r >= 5) ? "met" : "MISSED"}'))"
row "instructions: verify / validate" "$v_ir / $w_ir (ratio $(ratio "$w_ir" "$v_ir")x)"
row "stackcap-verify max RSS" "$v_rss bytes ($(mib "$v_rss")); --help alone $(mib "$b_rss")"
row "wasm-validate max RSS" "$w_rss bytes ($(mib "$w_rss"))"
row "verify max RSS / module size" "${rss_ratio}  (target <= ~2: $(awk -v r="$rss_ratio" 'BEGIN{print (r <= 2.2) ? "met" : "MISSED"}'))"
row "verify max RSS above --help / module size" "$(ratio "$((v_rss - b_rss))" "$size")"
row "stackcap-verify heap peak (DHAT t-gmax)" "$v_heap bytes ($(mib "$v_heap")); / module size $heap_ratio"
row "wasm-validate heap peak (DHAT t-gmax)" "$w_heap bytes ($(mib "$w_heap"))"
echo
echo "  cached under $out (callgrind.*.out for callgrind_annotate)"
