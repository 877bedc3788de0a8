#!/usr/bin/env bash
# plugin-bench.sh: what does the stackcap compiler plugin cost?
#
#   bench/plugin-bench.sh [--build-dir DIR] [--rounds N] [--runs N]
#                         [--no-callgrind] [--no-compile] [--no-runtime]
#                         [--no-real] [--no-sqlite] [--no-counts]
#                         [--no-verify-speed]
#
# 1. Compile time. Two real C code bases from Debian SOURCE packages (fetched
#    once with `apt-get source` into <build>/bench/src/deb/; that needs the
#    deb-src entries scripts/setup.sh adds): Lua 5.4 (src/*.c without lua.c and luac.c) and zlib
#    (*.c). Every .c file is compiled sequentially with
#      clang-22 --target=wasm32-wasi --sysroot=/usr -O2 -c -Wno-deprecated ...
#    once without and once with -fpass-plugin=stackcap-plugin.so; --rounds
#    rounds (default 5), plain and plugin alternating; wall and CPU (user+sys)
#    time per whole set: median, min, overhead. Then callgrind instruction
#    counts for the largest file of each package, and where the plugin's own
#    instructions go (inclusive cost of its functions).
# 2. Run time. The call-heavy freestanding programs of bench/plugin-runtime/
#    built four ways: plain, with the plugin (profile compat), with the plugin
#    in profile lean, and plain + the post-link reference instrumenter
#    stackcap-instrument; every instrumented module is checked by
#    stackcap-verify in its profile; node times run(ARG) (median of --runs
#    rounds, default 7, after warm-up). Sizes and instrumented call counts.
#    The plugin builds link through stackcap-link-finish, as the wrappers do
#    (stack sizing, completion, compaction, verification).
# 3. Real programs, hosted wasm32-wasi: SQLite (the amalgamation of
#    bench/verifier-bench.sh, from $SQLITE_AMALGAMATION or its cache) running
#    queries (bench/sqlite-driver.c), Lua 5.4 running a script
#    (bench/real/lua-driver.c), zlib and jansson (Debian sources via
#    test/runtime-libs/fetch.sh, the drivers of test/lit/runtime/Inputs), and a
#    token contract (bench/real/contract.c). Built plain (clang-22, Debian's
#    wasi-libc), compat and lean (stackcap-clang --stack-profile=P, the
#    runtime built for P) and ref (stackcap-instrument on plain); each
#    verified in its profile; node (bench/wasi-run.mjs) times whole runs and
#    checks that every build prints what plain prints and exits the same.
#    Where the instrumentation goes: compat's counted calls and thunks,
#    lean's checked functions and releases.
# 4. Code size. Stripped module sizes (wasm-strip) side by side: plain,
#    compat, reference, lean, for the modules of sections 2 and 3.
# 5. Instrumentation executed per call: the modules of section 2 with a
#    counting harness (wasm2wat/wat2wasm; bench/count-run.mjs): dynamic calls,
#    and executions of each instrumentation sequence, compat vs lean.
# 6. Verification speed: stackcap-verify on the compat and the lean build of
#    each program of sections 2 and 3, alternating (stackcap-bench-run, built
#    privately when the build tree has none), and callgrind Ir; Ir per byte
#    for modules of different sizes (linearity).
#
# Cached under <build>/bench/: sources, the object files, callgrind results
# (reused while the plugin binary, clang and the flags are the same). This is
# a benchmark, not a test: it prints tables and exits 0 unless something
# failed to build, verify or run.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
build=$(cd "$here/.." && pwd)/build
rounds=5
runs=7
use_callgrind=1
do_compile=1
do_runtime=1
do_sqlite=1
do_real=1
do_counts=1
do_verify_speed=1
compile_limit=65536
runtime_limit=10000000
while [ $# -gt 0 ]; do
  case $1 in
    --build-dir) build=$2; shift 2 ;;
    --rounds) rounds=$2; shift 2 ;;
    --runs) runs=$2; shift 2 ;;
    --no-callgrind) use_callgrind=0; shift ;;
    --no-compile) do_compile=0; shift ;;
    --no-runtime) do_runtime=0; shift ;;
    --no-sqlite) do_sqlite=0; shift ;;
    --no-real) do_real=0; shift ;;
    --no-counts) do_counts=0; shift ;;
    --no-verify-speed) do_verify_speed=0; shift ;;
    -h|--help) sed -n '2,51p' "${BASH_SOURCE[0]}"; exit 0 ;;
    *) echo "plugin-bench: unknown argument $1" >&2; exit 64 ;;
  esac
done
[[ "$rounds" =~ ^[0-9]+$ ]] && [ "$rounds" -ge 3 ] || { echo "plugin-bench: --rounds must be at least 3" >&2; exit 64; }
[[ "$runs" =~ ^[0-9]+$ ]] && [ "$runs" -ge 3 ] || { echo "plugin-bench: --runs must be at least 3" >&2; exit 64; }

die() { echo "plugin-bench: error: $*" >&2; exit 2; }
log() { echo "plugin-bench: $*" >&2; }
[ -d "$build" ] || die "build directory $build not found (configure and build the project first)"
build=$(cd "$build" && pwd)
out=$build/bench/plugin
mkdir -p "$out"
clang=/usr/bin/clang-22
plugin=$build/lib/stackcap-plugin.so
verify=$build/bin/stackcap-verify
instrument=$build/bin/stackcap-instrument
link_finish=$build/bin/stackcap-link-finish
stackcap_clang=$build/bin/stackcap-clang
for f in "$clang" "$verify" "$instrument" "$link_finish"; do
  [ -x "$f" ] || die "$f not found (build the project first)"
done
[ -f "$plugin" ] || die "$plugin not found (cmake --build $build --target stackcap-plugin)"
# Benchmark a snapshot: a rebuild of the plugin while this runs (other work in
# the same build tree) must not change or break the binary under test.
cp "$plugin" "$out/stackcap-plugin.so.tmp" && mv "$out/stackcap-plugin.so.tmp" "$out/stackcap-plugin.so"
plugin_src=$plugin
plugin=$out/stackcap-plugin.so
[ -x /usr/bin/time ] || die "/usr/bin/time not found (apt-get install time)"
if [ $do_runtime = 1 ]; then command -v node > /dev/null || die "node not found"; fi
if [ $use_callgrind = 1 ] && { ! command -v valgrind > /dev/null || ! command -v callgrind_annotate > /dev/null; }; then
  log "valgrind/callgrind_annotate not found: no instruction counts"
  use_callgrind=0
fi

# Arithmetic helpers (awk: bash has no floating point).
median() { sort -g | awk '{a[NR]=$1} END {if (NR%2) print a[(NR+1)/2]; else print (a[NR/2]+a[NR/2+1])/2}'; }
minimum() { sort -g | head -1; }
pct() { awk -v a="$1" -v b="$2" 'BEGIN { if (a == 0) print "n/a"; else printf "%+.1f%%", (b - a) * 100 / a }'; }
fmt() { awk -v x="$1" -v d="${2:-2}" 'BEGIN { printf "%.*f", d, x }'; }
kib() { awk -v x="$1" 'BEGIN { printf "%.1f", x / 1024 }'; }
quote_cmd() { local s="" a; for a in "$@"; do s+="$(printf '%q' "$a") "; done; echo "${s% }"; }

clang_version=$("$clang" --version | head -1)
echo "stackcap plugin benchmark"
echo "  clang:   $clang ($clang_version)"
echo "  plugin:  $plugin_src ($(stat -c %s "$plugin") bytes, built $(date -r "$plugin_src" '+%Y-%m-%d %H:%M'))"
echo "           benchmarked as the snapshot $plugin"
echo "  machine: $(nproc) CPUs, load average $(cut -d' ' -f1-3 /proc/loadavg) at start"
echo

###############################################################################
# 1. Compile-time overhead
###############################################################################

# has_deb_src: is any deb-src entry configured?
has_deb_src() {
  grep -rqsE '^[[:space:]]*deb-src[[:space:]]|^[[:space:]]*Types:.*deb-src' \
    /etc/apt/sources.list /etc/apt/sources.list.d/ 2>/dev/null
}

# The deb-src entries are scripts/setup.sh's to add (it edits apt's
# sources, with the sudo and apt-get update that needs); the benchmark only
# checks for them.
ensure_deb_src() {
  has_deb_src && return 0
  die "no deb-src entry in apt's sources: the benchmark compiles Debian source packages; run scripts/setup.sh (it adds the entries, /etc/apt/sources.list.d/stackcap-deb-src.sources), then run the benchmark again"
}

# fetch_source PKG: prints the directory of the unpacked source package,
# downloading and unpacking it into <build>/bench/src/deb/PKG/ the first time.
fetch_source() {
  local pkg=$1 cache=$build/bench/src/deb/$1 dir
  if [ -f "$cache/.unpacked" ] && dir=$(cat "$cache/.unpacked") && [ -d "$cache/$dir" ]; then
    echo "$cache/$dir"; return 0
  fi
  command -v apt-get > /dev/null || die "apt-get not found: cannot fetch the source package $pkg"
  command -v dpkg-source > /dev/null || die "dpkg-source not found (apt-get install dpkg-dev)"
  ensure_deb_src
  log "fetching source package $pkg with apt-get source"
  rm -rf "$cache" && mkdir -p "$cache"
  if ! (cd "$cache" && apt-get source -qq "$pkg" > "$cache/apt-source.log" 2>&1); then
    log "apt-get source $pkg failed; running apt-get update and retrying"
    apt-get update -qq > "$out/apt-update.log" 2>&1 || true
    if ! (cd "$cache" && apt-get source -qq "$pkg" > "$cache/apt-source.log" 2>&1); then
      # The newest version's tarball can be missing from the archive (a 404,
      # as for zlib's security update): try every version apt knows, newest first.
      local v ok=0
      for v in $(apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -u -r -V); do
        log "apt-get source $pkg failed; trying $pkg=$v"
        rm -rf "${cache:?}"/* 2>/dev/null || true
        if (cd "$cache" && apt-get source -qq "$pkg=$v" >> "$cache/apt-source.log" 2>&1); then ok=1; break; fi
      done
      [ $ok = 1 ] || { cat "$cache/apt-source.log" >&2; die "apt-get source $pkg failed for every version apt knows"; }
    fi
  fi
  dir=$(cd "$cache" && find . -mindepth 1 -maxdepth 1 -type d -printf '%f\n' | head -1)
  [ -n "$dir" ] || die "apt-get source $pkg unpacked nothing (see $cache/apt-source.log)"
  echo "$dir" > "$cache/.unpacked"
  echo "$cache/$dir"
}

# Packages: for each, the files (FILES_<n>), flags (FLAGS_<n>) and what was
# left out or worked around (NOTE_<n>).
pkgs=(lua5.4 zlib)
declare -A pkg_dir pkg_version pkg_note pkg_flags
declare -a all_files=() all_pkg=()
shim=$out/shim
setup_packages() {
  local p d f
  mkdir -p "$shim"
  # Debian's luaconf.h includes a header its build generates.
  echo '#define DEB_HOST_MULTIARCH "wasm32-wasi"' > "$shim/lua5.4-deb-multiarch.h"
  for p in "${pkgs[@]}"; do
    d=$(fetch_source "$p")
    pkg_dir[$p]=$d
    pkg_version[$p]=$(sed -n 's/^Version: //p' "$(dirname "$d")"/*.dsc | head -1)
    case $p in
      lua5.4)
        # wasi-libc has no setjmp.h (the host's would be found): Lua's error
        # longjmp becomes a trap (LUAI_THROW/LUAI_TRY are Lua's own hooks for
        # that); L_tmpnam is missing from wasi-libc's stdio.h.
        pkg_flags[$p]="-I$shim -DLUA_COMPAT_5_3 -D_SETJMP_H -DLUAI_THROW(L,c)=__builtin_trap() -DLUAI_TRY(L,c,a)=a -Dluai_jmpbuf=int -DL_tmpnam=20 -D_WASI_EMULATED_SIGNAL -D_WASI_EMULATED_PROCESS_CLOCKS"
        pkg_note[$p]="src/*.c without lua.c, luac.c; setjmp/longjmp replaced by a trap (no setjmp.h in wasi-libc)"
        for f in "$d"/src/*.c; do
          case ${f##*/} in lua.c|luac.c) continue ;; esac
          all_files+=("$f"); all_pkg+=("$p")
        done ;;
      zlib)
        pkg_flags[$p]="-DHAVE_UNISTD_H"
        pkg_note[$p]="*.c of the top directory (contrib/ and examples left out)"
        for f in "$d"/*.c; do all_files+=("$f"); all_pkg+=("$p"); done ;;
    esac
  done
}

base_flags=(--target=wasm32-wasi --sysroot=/usr -O2 -c -Wno-deprecated)
plugin_flags=(-fpass-plugin="$plugin" -mllvm -stackcap-limit=$compile_limit)

# compile_cmd MODE INDEX: prints the command, one argument per line.
compile_cmd() {
  local mode=$1 i=$2 f=${all_files[$2]} p=${all_pkg[$2]} rel
  rel=${f#"${pkg_dir[$p]}"/}
  # shellcheck disable=SC2206
  local pf=(${pkg_flags[$p]})
  printf '%s\n' "$clang" "${base_flags[@]}" "${pf[@]}"
  [ "$mode" = plugin ] && printf '%s\n' "${plugin_flags[@]}"
  printf '%s\n' "$f" -o "$out/obj/$mode/$p/${rel//\//_}.o"
}

compile_benchmark() {
  echo "== 1. Compile-time overhead (clang-22 -O2 -c to wasm32-wasi objects, sequential) =="
  setup_packages
  local i p mode n=${#all_files[@]}
  mkdir -p "$out/obj/plain" "$out/obj/plugin"
  for p in "${pkgs[@]}"; do mkdir -p "$out/obj/plain/$p" "$out/obj/plugin/$p"; done

  # The plugin must load at all (else every file would look "excluded").
  echo 'int stackcap_probe(int x) { return x + 1; }' > "$out/probe.c"
  "$clang" "${base_flags[@]}" "${plugin_flags[@]}" "$out/probe.c" -o "$out/probe.o" 2> "$out/probe.log" ||
    { cat "$out/probe.log" >&2; die "clang cannot compile even a one-line file with the plugin"; }

  # Warm-up round (also fills the page cache): every file both ways. A file
  # the plugin cannot compile is left out of both timed sets, and reported.
  log "warm-up: compiling ${n} files without and with the plugin"
  local -a included=() excluded_msg=()
  # A crashing clang writes its reproducer to TMPDIR: keep those in the build tree.
  rm -rf "$out/crash" && mkdir -p "$out/crash"
  for ((i = 0; i < n; ++i)); do
    mapfile -t cmd < <(compile_cmd plain "$i")
    "${cmd[@]}" > "$out/warmup.log" 2>&1 ||
      { cat "$out/warmup.log" >&2; die "${all_files[$i]} does not compile even without the plugin"; }
    mapfile -t cmd < <(compile_cmd plugin "$i")
    if TMPDIR=$out/crash "${cmd[@]}" > "$out/warmup.log" 2>&1; then
      included+=("$i")
    else
      local why
      why=$(grep -m1 -E 'error' "$out/warmup.log" | cut -c1-150)
      excluded_msg+=("${all_pkg[$i]}/${all_files[$i]##*/}: ${why:-clang failed}")
      cp "$out/warmup.log" "$out/excluded-${all_files[$i]##*/}.log"
    fi
  done
  rm -f "$out/warmup.log"

  # The timed scripts: one clang command per line, exactly what is timed.
  local lines=0 size_plain=0 size_plugin=0 o
  for mode in plain plugin; do
    { echo "set -e"; for i in "${included[@]}"; do
        mapfile -t cmd < <(compile_cmd "$mode" "$i"); quote_cmd "${cmd[@]}"; done; } > "$out/compile-$mode.sh"
  done
  for i in "${included[@]}"; do lines=$((lines + $(wc -l < "${all_files[$i]}"))); done
  for i in "${included[@]}"; do
    mapfile -t cmd < <(compile_cmd plain "$i"); o=${cmd[-1]}; size_plain=$((size_plain + $(stat -c %s "$o")))
    mapfile -t cmd < <(compile_cmd plugin "$i"); o=${cmd[-1]}; size_plugin=$((size_plugin + $(stat -c %s "$o")))
  done

  for p in "${pkgs[@]}"; do
    echo "  $p ${pkg_version[$p]}: ${pkg_note[$p]}"
    echo "    extra flags: ${pkg_flags[$p]}"
  done
  echo "  timed set: ${#included[@]} of $n files, $lines lines of C; plugin flags: ${plugin_flags[*]}"
  if [ ${#excluded_msg[@]} -gt 0 ]; then
    echo "  EXCLUDED from both sets because clang with the plugin fails on them (without it they compile):"
    printf '    %s\n' "${excluded_msg[@]}"
    echo "    (full logs: $out/excluded-*.log)"
  fi
  echo "  commands: $out/compile-plain.sh, $out/compile-plugin.sh (one clang per file; each is timed"
  echo "  by /usr/bin/time -f '%e %U %S', plain and plugin interleaved file by file), e.g."
  mapfile -t cmd < <(compile_cmd plugin "${included[0]}")
  echo "    $(quote_cmd "${cmd[@]}")"

  # Timed rounds. The machine may be shared, so plain and plugin are
  # interleaved file by file (the order alternating), and a round's figure for
  # a mode is the sum over the files of its clang processes' wall and CPU time.
  log "timing $rounds rounds of the whole set, each way (interleaved file by file)"
  local r k first second t=$out/time.one
  : > "$out/times-plain.txt"; : > "$out/times-plugin.txt"
  for ((r = 0; r < rounds; ++r)); do
    : > "$out/round-plain.txt"; : > "$out/round-plugin.txt"
    k=0
    for i in "${included[@]}"; do
      if (((r + k) % 2)); then first=plugin second=plain; else first=plain second=plugin; fi
      k=$((k + 1))
      for mode in $first $second; do
        mapfile -t cmd < <(compile_cmd "$mode" "$i")
        /usr/bin/time -f '%e %U %S' -o "$t" "${cmd[@]}" > "$out/compile.log" 2>&1 ||
          { cat "$out/compile.log" >&2; die "the timed $mode compile failed: $(quote_cmd "${cmd[@]}")"; }
        tail -1 "$t" >> "$out/round-$mode.txt"
      done
    done
    for mode in plain plugin; do
      awk '{ w += $1; c += $2 + $3 } END { printf "%.2f %.2f\n", w, c }' "$out/round-$mode.txt" >> "$out/times-$mode.txt"
    done
  done
  rm -f "$t" "$out/round-plain.txt" "$out/round-plugin.txt"

  local wp wq cp cq wpm wqm cpm cqm
  wp=$(cut -d' ' -f1 "$out/times-plain.txt" | median); wq=$(cut -d' ' -f1 "$out/times-plugin.txt" | median)
  wpm=$(cut -d' ' -f1 "$out/times-plain.txt" | minimum); wqm=$(cut -d' ' -f1 "$out/times-plugin.txt" | minimum)
  cp=$(cut -d' ' -f2 "$out/times-plain.txt" | median); cq=$(cut -d' ' -f2 "$out/times-plugin.txt" | median)
  cpm=$(cut -d' ' -f2 "$out/times-plain.txt" | minimum); cqm=$(cut -d' ' -f2 "$out/times-plugin.txt" | minimum)
  echo
  printf '  %-28s %12s %12s %10s\n' "whole set, $rounds rounds" "plain" "plugin" "overhead"
  printf '  %-28s %11ss %11ss %10s\n' "wall time, median" "$(fmt "$wp")" "$(fmt "$wq")" "$(pct "$wp" "$wq")"
  printf '  %-28s %11ss %11ss %10s\n' "wall time, min" "$(fmt "$wpm")" "$(fmt "$wqm")" "$(pct "$wpm" "$wqm")"
  printf '  %-28s %11ss %11ss %10s\n' "CPU time (user+sys), median" "$(fmt "$cp")" "$(fmt "$cq")" "$(pct "$cp" "$cq")"
  printf '  %-28s %11ss %11ss %10s\n' "CPU time (user+sys), min" "$(fmt "$cpm")" "$(fmt "$cqm")" "$(pct "$cpm" "$cqm")"
  printf '  %-28s %10sK %10sK %10s\n' "object files, total" "$(kib $size_plain)" "$(kib $size_plugin)" "$(pct $size_plain $size_plugin)"
  echo "  per-round wall/CPU seconds: plain [$(tr '\n' ';' < "$out/times-plain.txt" | sed 's/;$//;s/;/; /g')]"
  echo "                              plugin [$(tr '\n' ';' < "$out/times-plugin.txt" | sed 's/;$//;s/;/; /g')]"
  compile_verdict_time=$(pct "$cp" "$cq")

  [ $use_callgrind = 1 ] && callgrind_benchmark "${included[@]}"
  echo
}

callgrind_benchmark() {
  # The largest included file of each package.
  local -a pick=()
  local i p best bestsize s
  for p in "${pkgs[@]}"; do
    best= bestsize=0
    for i in "$@"; do
      [ "${all_pkg[$i]}" = "$p" ] || continue
      s=$(stat -c %s "${all_files[$i]}")
      if [ "$s" -gt "$bestsize" ]; then best=$i bestsize=$s; fi
    done
    [ -n "$best" ] && pick+=("$best")
  done
  local cg=$out/callgrind nodebug=$out/callgrind/stackcap-plugin.nodebug.so stamp names=""
  mkdir -p "$cg"
  for i in "${pick[@]}"; do names+="${all_pkg[$i]}/${all_files[$i]##*/} "; done
  stamp="$(cksum < "$plugin" | cut -d' ' -f1) $clang_version ${base_flags[*]} ${plugin_flags[*]} $names"
  for i in "${pick[@]}"; do stamp+=" $(cksum < "${all_files[$i]}")"; done
  echo
  echo "  callgrind instruction counts (Ir) for ${names% }:"
  if [ "$(cat "$cg/stamp" 2>/dev/null)" = "$stamp" ]; then
    echo "  (cached: same plugin binary, clang, flags and sources as an earlier run; rm -r $cg to redo)"
  else
    log "callgrind: ${names% } (a few minutes)"
    rm -f "$cg"/*.out "$cg"/*.log "$cg/stamp"
    # Valgrind 3.19 (Debian 12) cannot read clang-22's DWARF 5: use a copy of
    # the plugin without debug info (its symbol table names the functions).
    objcopy --strip-debug "$plugin" "$nodebug"
    local mode f k=0
    for i in "${pick[@]}"; do
      for mode in plain plugin; do
        mapfile -t cmd < <(compile_cmd "$mode" "$i")
        [ "$mode" = plugin ] && cmd=("${cmd[@]/#-fpass-plugin=*/-fpass-plugin=$nodebug}")
        f=$cg/$mode.$k
        valgrind --tool=callgrind --callgrind-out-file="$f.out" "${cmd[@]}" > /dev/null 2> "$f.log" ||
          { cat "$f.log" >&2; die "callgrind run failed: $(quote_cmd "${cmd[@]}")"; }
      done
      k=$((k + 1))
    done
    echo "$stamp" > "$cg/stamp"
  fi
  local ir_plain=0 ir_plugin=0 v k
  collected() { sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$1" | head -1; }
  for ((k = 0; k < ${#pick[@]}; ++k)); do
    v=$(collected "$cg/plain.$k.log"); ir_plain=$((ir_plain + v))
    v=$(collected "$cg/plugin.$k.log"); ir_plugin=$((ir_plugin + v))
  done
  # Inclusive cost of the plugin's functions (the three passes' entry points
  # do not call one another, so their sum is the plugin passes' own cost).
  local annot=$cg/annotate.txt
  : > "$annot"
  for ((k = 0; k < ${#pick[@]}; ++k)); do
    callgrind_annotate --inclusive=yes --threshold=100 "$cg/plugin.$k.out" 2> /dev/null |
      grep 'stackcap-plugin.nodebug.so\]' >> "$annot" || true
  done
  # "  1,234 ( 0.05%)  ???:NAME [obj]" -> "1234<TAB>NAME", summed over files.
  sed -E 's/^ *([0-9,]+) .*\?\?\?:(.*) \[[^]]*\]$/\1\t\2/' "$annot" | tr -d , |
    awk -F'\t' '{ s[$2] += $1 } END { for (n in s) printf "%d\t%s\n", s[n], n }' | sort -t$'\t' -k1,1nr > "$cg/functions.tsv"
  local passes
  passes=$(grep -E $'\t''stackcap::\(anonymous namespace\)::Stackcap(Thunks|ThunkRewrite|Instrument)::runOn(Module|MachineFunction)\(' "$cg/functions.tsv" |
           awk -F'\t' '{ s += $1 } END { print s + 0 }')
  printf '  %-26s %14s %14s %10s\n' "" "plain" "plugin" "overhead"
  printf "  %-26s %'14d %'14d %10s\n" "Ir, whole clang process" "$ir_plain" "$ir_plugin" "$(pct "$ir_plain" "$ir_plugin")"
  printf "  %-26s %14s %'14d %10s\n" "  in the plugin's 3 passes" "" "$passes" "$(pct "$ir_plain" "$((ir_plain + passes))")"
  printf "  %-26s %14s %'14d %10s\n" "  elsewhere (more code to" "" "$((ir_plugin - ir_plain - passes))" "$(pct "$ir_plain" "$((ir_plugin - passes))")"
  echo "    emit, plugin loading)"
  echo "  top plugin functions by inclusive Ir (summed over the files; nested, so they overlap):"
  head -8 "$cg/functions.tsv" | while IFS=$'\t' read -r v n; do
    n=$(sed -E 's/\(anonymous namespace\):://g; s/std::__cxx11::basic_string<char, std::char_traits<char>, std::allocator<char> >/std::string/g' <<< "$n")
    printf "    %'14d %6s  %s\n" "$v" "$(awk -v a="$v" -v b="$ir_plugin" 'BEGIN { printf "%.2f%%", a * 100 / b }')" "${n:0:110}"
  done
  compile_verdict_ir=$(pct "$ir_plain" "$ir_plugin")
}

###############################################################################
# 2. Runtime overhead in node
###############################################################################

# name iterations-per-sample argument
runtime_benches=(
  "fib 15 30"
  "bintree 1 16"
  "dispatch 5 1000000"
  "interp 3 1000000"
  "sieve 10 1000000"
)

runtime_benchmark() {
  echo "== 2. Runtime overhead in node $(node --version) (freestanding wasm32, -O2; limit $runtime_limit) =="
  local rt=$out/runtime src=$here/plugin-runtime
  mkdir -p "$rt"
  local common=(--target=wasm32 -O2 -nostdlib -Wl,--no-entry --no-wasm-opt)
  local plug=(-fpass-plugin="$plugin" -mllvm -stackcap-limit=$runtime_limit
              -fuse-ld="$link_finish" -Wl,--stackcap-limit=$runtime_limit)
  local lean=(-mllvm -stackcap-profile=lean -Wl,--stackcap-profile=lean)
  echo "  commands, for each benchmark B in $src:"
  echo "    plain:  $(quote_cmd "$clang" "${common[@]}" "$src/B.c" -o "$rt/B.plain.wasm")"
  echo "    plugin: $(quote_cmd "$clang" "${common[@]}" "${plug[@]}" "$src/B.c" -o "$rt/B.plugin.wasm")"
  echo "            $(quote_cmd "$verify" --limit $runtime_limit --json "$rt/B.plugin.wasm")"
  echo "    lean:   $(quote_cmd "$clang" "${common[@]}" "${plug[@]}" "${lean[@]}" "$src/B.c" -o "$rt/B.lean.wasm")"
  echo "            $(quote_cmd "$verify" --profile lean --limit $runtime_limit "$rt/B.lean.wasm")"
  echo "    ref:    $(quote_cmd "$instrument" --limit $runtime_limit "$rt/B.plain.wasm" -o "$rt/B.ref.wasm")"
  echo "            $(quote_cmd "$verify" --limit $runtime_limit --json "$rt/B.ref.wasm")"
  echo "    run:    node $src/run.mjs ITERATIONS $runs ARG plain=B.plain.wasm plugin=B.plugin.wasm ref=B.ref.wasm lean=B.lean.wasm"
  echo "  times: ms for ITERATIONS calls of run(ARG), median of $runs rounds after warm-up; plain/plugin/ref/lean"
  echo "  rotate within each round. ref = plain module instrumented after linking by stackcap-instrument."
  echo
  local spec b iters arg j
  local -a rows=() sizes=()
  for spec in "${runtime_benches[@]}"; do
    read -r b iters arg <<< "$spec"
    [ -f "$src/$b.c" ] || die "$src/$b.c not found"
    "$clang" "${common[@]}" "$src/$b.c" -o "$rt/$b.plain.wasm" 2> "$rt/$b.log" ||
      { cat "$rt/$b.log" >&2; die "building $b (plain) failed"; }
    "$clang" "${common[@]}" "${plug[@]}" "$src/$b.c" -o "$rt/$b.plugin.wasm" 2> "$rt/$b.log" ||
      { cat "$rt/$b.log" >&2; die "building $b with the plugin failed"; }
    "$clang" "${common[@]}" "${plug[@]}" "${lean[@]}" "$src/$b.c" -o "$rt/$b.lean.wasm" 2> "$rt/$b.log" ||
      { cat "$rt/$b.log" >&2; die "building $b with the plugin, profile lean, failed"; }
    "$verify" --profile lean --limit $runtime_limit "$rt/$b.lean.wasm" > "$rt/$b.lean.verify.txt" ||
      { cat "$rt/$b.lean.verify.txt" >&2; die "stackcap-verify --profile lean rejects $rt/$b.lean.wasm"; }
    "$instrument" --limit $runtime_limit "$rt/$b.plain.wasm" -o "$rt/$b.ref.wasm" 2> "$rt/$b.log" ||
      { cat "$rt/$b.log" >&2; die "stackcap-instrument on $b.plain.wasm failed"; }
    local calls_p calls_r thunks_p thunks_r
    for v in plugin ref; do
      "$verify" --limit $runtime_limit --json "$rt/$b.$v.wasm" > "$rt/$b.$v.verify.json" ||
        { cat "$rt/$b.$v.verify.json" >&2; die "stackcap-verify rejects $rt/$b.$v.wasm"; }
    done
    calls_p=$(sed -n 's/.*"instrumented_calls": \([0-9]*\).*/\1/p' "$rt/$b.plugin.verify.json")
    calls_r=$(sed -n 's/.*"instrumented_calls": \([0-9]*\).*/\1/p' "$rt/$b.ref.verify.json")
    thunks_p=$(grep -c '"wraps"' "$rt/$b.plugin.verify.json" || true)
    thunks_r=$(grep -c '"wraps"' "$rt/$b.ref.verify.json" || true)
    log "running $b in node"
    node "$src/run.mjs" "$iters" "$runs" "$arg" plain="$rt/$b.plain.wasm" \
      plugin="$rt/$b.plugin.wasm" ref="$rt/$b.ref.wasm" lean="$rt/$b.lean.wasm" > "$rt/$b.json" 2> "$rt/$b.log" ||
      { cat "$rt/$b.log" >&2; die "running $b in node failed"; }
    local mp mq mr ml
    read -r mp mq mr ml < <(node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(o.median.plain, o.median.plugin, o.median.ref, o.median.lean)' "$rt/$b.json")
    rows+=("$(printf '  %-9s %-14s %10s %10s %9s %10s %9s %10s %9s' "$b" "${iters}x run($arg)" "$(fmt "$mp" 1)" \
      "$(fmt "$mq" 1)" "$(pct "$mp" "$mq")" "$(fmt "$mr" 1)" "$(pct "$mp" "$mr")" \
      "$(fmt "$ml" 1)" "$(pct "$mp" "$ml")")")
    local sp sq sr cp cq cr
    sp=$(stat -c %s "$rt/$b.plain.wasm"); sq=$(stat -c %s "$rt/$b.plugin.wasm"); sr=$(stat -c %s "$rt/$b.ref.wasm")
    code() { if command -v wasm-objdump > /dev/null; then
               printf '%d' "$(wasm-objdump -h "$1" | sed -n 's/^ *Code .*(size=\(0x[0-9a-f]*\)).*/\1/p')"
             else echo n/a; fi; }
    cp=$(code "$rt/$b.plain.wasm"); cq=$(code "$rt/$b.plugin.wasm"); cr=$(code "$rt/$b.ref.wasm")
    sizes+=("$(printf '  %-9s %7s %7s %7s   %6s %6s %6s   %7s %7s   %5s %5s' "$b" "$sp" "$sq" "$sr" \
      "$cp" "$cq" "$cr" "$calls_p" "$calls_r" "$thunks_p" "$thunks_r")")
    stripped_rows+=("$(stripped_row "$b" "$rt/$b.plain.wasm" "$rt/$b.plugin.wasm" "$rt/$b.ref.wasm" "$rt/$b.lean.wasm")")
  done
  printf '  %-9s %-14s %10s %10s %9s %10s %9s %10s %9s\n' benchmark "timed" "plain ms" "plugin ms" overhead \
    "ref ms" overhead "lean ms" overhead
  printf '%s\n' "${rows[@]}"
  echo
  echo "  module sizes in bytes (whole file; code section) and stackcap-verify --json counts:"
  printf '  %-9s %7s %7s %7s   %6s %6s %6s   %7s %7s   %5s %5s\n' "" "plain" "plugin" "ref" "code" "code" "code" \
    "calls" "calls" "thnk" "thnk"
  printf '  %-9s %7s %7s %7s   %6s %6s %6s   %7s %7s   %5s %5s\n' benchmark "file" "file" "file" "plain" "plugin" "ref" \
    "plugin" "ref" "plugn" "ref"
  printf '%s\n' "${sizes[@]}"
  echo "  (calls = instrumented_calls, thnk = thunks; per-round times in $rt/*.json)"
  echo
}

# stripped_row NAME PLAIN STACKCAP REF [LEAN]: one row of the code-size table.
stripped_rows=()
stripped_row() {
  local n=$1 f sp sq sr sl=n/a pl=
  for f in "$2" "$3" "$4" ${5:+"$5"}; do
    wasm-strip "$f" -o "$f.stripped" || die "wasm-strip $f failed"
  done
  sp=$(stat -c %s "$2.stripped"); sq=$(stat -c %s "$3.stripped"); sr=$(stat -c %s "$4.stripped")
  if [ -n "${5:-}" ]; then sl=$(stat -c %s "$5.stripped"); pl=$(pct "$sp" "$sl"); fi
  printf '  %-9s %9s %9s %8s %9s %8s %9s %8s' "$n" "$sp" "$sq" "$(pct "$sp" "$sq")" "$sr" "$(pct "$sp" "$sr")" \
    "$sl" "$pl"
}

###############################################################################
# 3. Real programs, hosted wasm32-wasi
###############################################################################

# Each program is built four ways: plain (clang-22 with Debian's wasi-libc),
# compat and lean (stackcap-clang with the runtime built for that profile),
# and ref (stackcap-instrument on the plain module). Sources, flags, libraries,
# timing argument, stdin and runs per sample per program:
# sqlite-Os: the same at -Os (its lean build verifies where -O2's does not).
real_programs=(sqlite sqlite-Os lua zlib jansson contract)
declare -A real_srcs real_flags real_libs real_args real_stdin real_reps real_note real_opt
real_limit=65536
real_failed=()

# Sources from Debian source packages (section 1's apt-get source cache for
# Lua, test/runtime-libs/fetch.sh's for zlib and jansson) and the SQLite
# amalgamation of verifier-bench.sh. A program whose sources are missing is
# skipped (and reported).
real_setup() {
  local p d
  local emulated_libs="-lwasi-emulated-getpid -lwasi-emulated-mman -lwasi-emulated-process-clocks -lwasi-emulated-signal"
  local sqlite_c=${SQLITE_AMALGAMATION:-$build/bench/src/package/deps/sqlite3/sqlite3.c}
  real_ok=()
  for p in "${real_programs[@]}"; do
    case $p in
      sqlite|sqlite-Os)
        [ $do_sqlite = 1 ] || continue
        if [ ! -f "$sqlite_c" ]; then
          log "no SQLite amalgamation at $sqlite_c (run bench/verifier-bench.sh once, or set SQLITE_AMALGAMATION): SQLite skipped"
          continue
        fi
        d=$(dirname "$sqlite_c")
        real_srcs[$p]="$sqlite_c $here/sqlite-driver.c"
        real_flags[$p]="-DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION -DSQLITE_ENABLE_MATH_FUNCTIONS -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_MMAN -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_SIGNAL -I$d"
        real_libs[$p]=$emulated_libs
        real_args[$p]=100000 real_reps[$p]=1
        real_note[$p]="SQLite $(sed -n 's/^#define SQLITE_VERSION *"\(.*\)"/\1/p' "$d/sqlite3.h" | head -1) amalgamation + bench/sqlite-driver.c 100000 (in-memory table of 100000 rows, index, queries)"
        if [ $p = sqlite-Os ]; then real_opt[$p]=-Os real_note[$p]="the same, every build at -Os"; fi ;;
      lua)
        [ -n "${pkg_dir[lua5.4]:-}" ] || setup_packages
        d=${pkg_dir[lua5.4]}
        real_srcs[$p]="$(for f in "$d"/src/*.c; do case ${f##*/} in lua.c|luac.c) ;; *) printf '%s ' "$f" ;; esac; done)$here/real/lua-driver.c"
        # The runtimes built for stackcap have no setjmp.h at all (section 1's
        # -D_SETJMP_H only keeps the host's out): an empty one.
        mkdir -p "$out/real/lua-shim" && echo '/* empty: Lua errors trap (plugin-bench.sh) */' > "$out/real/lua-shim/setjmp.h"
        real_flags[$p]="${pkg_flags[lua5.4]} -I$out/real/lua-shim -I$d/src"
        real_libs[$p]="-lwasi-emulated-signal -lwasi-emulated-process-clocks"
        real_args[$p]=16 real_reps[$p]=1
        real_note[$p]="Lua ${pkg_version[lua5.4]} (Debian source) + bench/real/lua-driver.c 16 (tables, strings, closures, sort, recursion)" ;;
      zlib|jansson)
        if ! STACKCAP_BUILD_DIR=$build "$here/../test/runtime-libs/fetch.sh" "$p" > "$out/fetch-$p.log" 2>&1; then
          log "test/runtime-libs/fetch.sh $p failed (see $out/fetch-$p.log): $p skipped"; continue
        fi
        d=$build/runtime-libs/src/$p
        if [ $p = zlib ]; then
          real_srcs[$p]="$(for f in adler32 compress crc32 deflate infback inffast inflate inftrees trees uncompr zutil; do printf '%s ' "$d/$f.c"; done)$here/../test/lit/runtime/Inputs/zlib-driver.c"
          real_flags[$p]="-I$d"
          real_stdin[$p]=$out/real/zlib-input.txt
          real_reps[$p]=1
          real_note[$p]="zlib $(sed -n 's/^#define ZLIB_VERSION "\(.*\)"/\1/p' "$d/zlib.h") (Debian source) + test/lit/runtime/Inputs/zlib-driver.c, 300 KB of text on stdin"
        else
          real_srcs[$p]="$(for f in dump error hashtable hashtable_seed load memory pack_unpack strbuffer strconv utf value version; do printf '%s ' "$d/src/$f.c"; done)$here/../test/lit/runtime/Inputs/jansson-driver.c"
          real_flags[$p]="-DHAVE_CONFIG_H -I$here/../test/runtime-libs/jansson -I$d/src"
          real_stdin[$p]=$out/real/jansson-input.json
          real_reps[$p]=2
          real_note[$p]="jansson 2.14 (Debian source) + test/lit/runtime/Inputs/jansson-driver.c, a 200 KB JSON document on stdin"
        fi
        real_libs[$p]= ;;
      contract)
        real_srcs[$p]=$here/real/contract.c
        real_flags[$p]= real_libs[$p]=
        real_args[$p]=20000 real_reps[$p]=2
        real_note[$p]="bench/real/contract.c 20000 (token transfers: LEB128, SHA-256, FNV-1a hash table, hex)" ;;
    esac
    real_ok+=("$p")
  done
  # Generated inputs (deterministic).
  mkdir -p "$out/real"
  [ -f "$out/real/zlib-input.txt" ] || awk 'BEGIN { s = 1; for (i = 0; i < 9000; i++) {
      s = (s * 1103515245 + 12345) % 2147483648
      printf "record %d: key=%x value=%d the quick brown fox %s\n", i, s, s % 1000, (s % 3 ? "jumps" : "sleeps") } }' > "$out/real/zlib-input.txt"
  [ -f "$out/real/jansson-input.json" ] || awk 'BEGIN { s = 7; printf "{\"user\": {\"name\": \"bench\", \"id\": 7, \"score\": 9.5, \"active\": true},\n \"remove_me\": null,\n \"numbers\": ["
      for (i = 0; i < 6000; i++) { s = (s * 1103515245 + 12345) % 2147483648; printf "%s%d", (i ? ", " : ""), s % 100000 }
      printf "],\n \"items\": ["
      for (i = 0; i < 1500; i++) { s = (s * 1103515245 + 12345) % 2147483648
        printf "%s{\"id\": %d, \"name\": \"item-%x\", \"price\": %d.%02d, \"tags\": [\"a\", \"b%d\"], \"ok\": %s}", (i ? ",\n  " : ""), i, s, s % 1000, s % 100, i % 7, (s % 2 ? "true" : "false") }
      printf "]}\n" }' > "$out/real/jansson-input.json"
}

# real_build PROGRAM: the four modules in <out>/real/PROGRAM/, cached while
# the compilers, the plugin, the flags and the sources are the same.
real_build() {
  local p=$1 dir=$out/real/$1 f
  mkdir -p "$dir"
  # shellcheck disable=SC2206
  local srcs=(${real_srcs[$p]}) flags=(${real_opt[$p]:--O2} -w ${real_flags[$p]}) libs=(${real_libs[$p]})
  local stamp_src=""
  for f in "${srcs[@]}"; do stamp_src+="$(cksum < "$f") "; done
  local stamp_plain="$clang_version ${flags[*]} ${libs[*]} $stamp_src"
  local stamp_sc="$stamp_plain $(cksum < "$plugin") $(cksum < "$link_finish") $(cksum < "$stackcap_clang") $real_limit"
  if [ "$(cat "$dir/plain.stamp" 2>/dev/null)" != "$stamp_plain" ]; then
    log "compiling $p plain"
    "$clang" --target=wasm32-wasi --sysroot=/usr --no-wasm-opt -Wno-deprecated "${flags[@]}" "${srcs[@]}" "${libs[@]}" \
      -o "$dir/plain.wasm" > "$dir/plain.log" 2>&1 || { cat "$dir/plain.log" >&2; die "building $p (plain) failed"; }
    echo "$stamp_plain" > "$dir/plain.stamp"
  fi
  local prof
  for prof in compat lean; do
    if [ "$(cat "$dir/$prof.stamp" 2>/dev/null)" != "$stamp_sc" ]; then
      log "compiling $p with stackcap-clang --stack-profile=$prof"
      rm -f "$dir/$prof.failed"
      if ! STACKCAP_PLUGIN=$plugin "$stackcap_clang" --target=wasm32-wasi --stack-limit=$real_limit --stack-profile=$prof \
        -Wno-deprecated "${flags[@]}" "${srcs[@]}" "${libs[@]}" -o "$dir/$prof.wasm" > "$dir/$prof.log" 2>&1; then
        # The wrapper removes a module that does not verify. A lean failure
        # is reported and the program's other columns still measured; the
        # benchmark then exits 1 at the end.
        [ $prof = lean ] || { cat "$dir/$prof.log" >&2; die "building $p with stackcap-clang --stack-profile=$prof failed"; }
        cp "$dir/$prof.log" "$dir/$prof.failed"
      fi
      echo "$stamp_sc" > "$dir/$prof.stamp"
    fi
  done
  if [ -f "$dir/lean.failed" ]; then
    log "$p: the lean build FAILED (see $dir/lean.log); its lean columns are left out"
    real_failed+=("$p: stackcap-clang --stack-profile=lean failed: $(grep -m1 -E 'NOT verified|error' "$dir/lean.failed" | sed "s|$dir/||")")
    rm -f "$dir/lean.wasm"
  fi
  "$instrument" --limit $real_limit "$dir/plain.wasm" -o "$dir/ref.wasm" 2> "$dir/ref.log" ||
    { cat "$dir/ref.log" >&2; die "stackcap-instrument on the $p module failed"; }
  # Every instrumented module verified in its profile.
  "$verify" --limit $real_limit --json "$dir/compat.wasm" > "$dir/compat.verify.json" ||
    { head -20 "$dir/compat.verify.json" >&2; die "stackcap-verify rejects $dir/compat.wasm"; }
  "$verify" --limit $real_limit --json "$dir/ref.wasm" > "$dir/ref.verify.json" ||
    { head -20 "$dir/ref.verify.json" >&2; die "stackcap-verify rejects $dir/ref.wasm"; }
  if [ -f "$dir/lean.wasm" ]; then
    "$verify" --profile lean --limit $real_limit "$dir/lean.wasm" > "$dir/lean.verify.txt" 2>&1 ||
      { head -20 "$dir/lean.verify.txt" >&2; die "stackcap-verify --profile lean rejects $dir/lean.wasm"; }
  fi
}

# lean_costs MODULE: "defined checked covered releases" of a lean module
# (stackcap-verify --profile lean --print-costs; releases counted in the
# disassembly: an i32.add of the counter followed by its global.set).
lean_costs() {
  local m=$1 funcs checked covered releases g
  "$verify" --profile lean --print-costs "$m" > "$m.costs" || die "stackcap-verify --print-costs $m failed"
  funcs=$(wc -l < "$m.costs")
  checked=$(awk '$3 == "checked"' "$m.costs" | wc -l)
  covered=$(awk '$3 == "covered"' "$m.costs" | wc -l)
  releases=n/a
  if command -v wasm2wat > /dev/null; then
    releases=$(wasm2wat "$m" 2> /dev/null | awk '/global.set \$__stackcap_stack_height/ && prev ~ /i32.add/ { n++ } { prev = $0 } END { print n + 0 }')
  fi
  echo "$funcs $checked $covered $releases"
}

real_benchmark() {
  echo "== 3. Real programs, hosted wasm32-wasi, in node $(node --version) (-O2 unless said, limit $real_limit) =="
  [ -x "$stackcap_clang" ] || die "$stackcap_clang not found (build stackcap-wrappers)"
  real_setup
  if [ ${#real_ok[@]} = 0 ]; then echo "  (no program: sources missing)"; echo; return 0; fi
  local p dir
  echo "  builds, for each program (sources and flags below):"
  echo "    plain:  $clang --target=wasm32-wasi --sysroot=/usr --no-wasm-opt OPT -w FLAGS SOURCES LIBS -o plain.wasm"
  echo "    compat: STACKCAP_PLUGIN=$plugin $stackcap_clang --target=wasm32-wasi --stack-limit=$real_limit --stack-profile=compat OPT -w FLAGS SOURCES LIBS -o compat.wasm"
  echo "            (OPT = -O2; -Os for sqlite-Os)"
  echo "            (runtime: share/stackcap/sysroot);  $verify --limit $real_limit compat.wasm"
  echo "    lean:   the same with --stack-profile=lean (runtime: share/stackcap/sysroot-lean)"
  echo "            $verify --profile lean --limit $real_limit lean.wasm"
  echo "    ref:    $instrument --limit $real_limit plain.wasm -o ref.wasm;  $verify --limit $real_limit ref.wasm"
  echo "    run:    node $here/wasi-run.mjs $runs REPS DIR STDIN plain=plain.wasm compat=compat.wasm ref=ref.wasm lean=lean.wasm -- ARG"
  echo "  time = ms per run (fresh instance + _start, node WASI), median of $runs samples of REPS runs after"
  echo "  warm-up, the four builds rotating within each round; stdout and exit status of every build equal plain's."
  for p in "${real_ok[@]}"; do echo "    $p: ${real_note[$p]}"; done
  echo
  local -a rows=() crow=()
  for p in "${real_ok[@]}"; do
    dir=$out/real/$p
    real_build "$p"
    log "running $p in node"
    local -a leanmod=()
    [ -f "$dir/lean.wasm" ] && leanmod=(lean="$dir/lean.wasm")
    node --no-warnings "$here/wasi-run.mjs" "$runs" "${real_reps[$p]}" "$dir" "${real_stdin[$p]:-/dev/null}" \
      plain="$dir/plain.wasm" compat="$dir/compat.wasm" ref="$dir/ref.wasm" "${leanmod[@]}" \
      -- ${real_args[$p]:-} > "$dir/times.json" 2> "$dir/run.log" ||
      { cat "$dir/run.log" >&2; die "running $p in node failed"; }
    local v
    for v in compat ref ${leanmod:+lean}; do
      cmp -s "$dir/plain.out" "$dir/$v.out" || die "$p: the $v build prints something else than plain (diff $dir/plain.out $dir/$v.out)"
    done
    local mp mc mr ml ep ec er el
    read -r mp mc mr ml ep ec er el < <(node -e 'const o = JSON.parse(require("fs").readFileSync(process.argv[1], "utf8"));
      console.log(o.median.plain, o.median.compat, o.median.ref, o.median.lean, o.exit.plain, o.exit.compat, o.exit.ref, o.exit.lean)' "$dir/times.json")
    [ ${#leanmod[@]} = 0 ] && el=$ep ml=n/a
    [ "$ep" = "$ec" ] && [ "$ep" = "$er" ] && [ "$ep" = "$el" ] || die "$p: exit statuses differ: plain $ep compat $ec ref $er lean $el"
    rows+=("$(printf '  %-9s %9s %9s %8s %9s %8s %9s %8s %7s' "$p" "$(fmt "$mp" 1)" "$(fmt "$mc" 1)" "$(pct "$mp" "$mc")" \
      "$(fmt "$mr" 1)" "$(pct "$mp" "$mr")" "$([ "$ml" = n/a ] && echo FAILED || fmt "$ml" 1)" "$([ "$ml" = n/a ] || pct "$mp" "$ml")" \
      "$(awk -v p="$mp" -v c="$mc" -v l="$ml" 'BEGIN { if (c - p <= 0.01 * p || l == "n/a") print "n/a"; else printf "%.2f", (l - p) / (c - p) }')")")
    if [ -f "$dir/lean.wasm" ]; then
      stripped_rows+=("$(stripped_row "$p" "$dir/plain.wasm" "$dir/compat.wasm" "$dir/ref.wasm" "$dir/lean.wasm")")
    else
      stripped_rows+=("$(stripped_row "$p" "$dir/plain.wasm" "$dir/compat.wasm" "$dir/ref.wasm") (lean FAILED)")
    fi
    local calls thunks funcs checked covered releases
    calls=$(sed -n 's/.*"instrumented_calls": \([0-9]*\).*/\1/p' "$dir/compat.verify.json")
    thunks=$(grep -c '"wraps"' "$dir/compat.verify.json" || true)
    funcs=n/a checked=n/a covered=n/a releases=n/a
    [ -f "$dir/lean.wasm" ] && read -r funcs checked covered releases < <(lean_costs "$dir/lean.wasm")
    crow+=("$(printf '  %-9s %8s %8s %7s   %8s %8s %8s' "$p" "$calls" "$thunks" "$funcs" "$checked" "$covered" "$releases")")
  done
  printf '  %-9s %9s %9s %8s %9s %8s %9s %8s %7s\n' program "plain ms" "compat" overhead "ref" overhead "lean" overhead "lean/c"
  printf '%s\n' "${rows[@]}"
  echo "  (lean/c = lean's overhead / compat's, n/a when compat's is below 1%; per-sample times in $out/real/*/times.json)"
  echo
  echo "  where the instrumentation goes: compat's counted calls and thunks (stackcap-verify --json),"
  echo "  lean's checked functions (entry sequence) and releases (stackcap-verify --profile lean --print-costs, wasm2wat):"
  printf '  %-9s %8s %8s %7s   %8s %8s %8s\n' "" "compat" "compat" "defined" "lean" "lean" "lean"
  printf '  %-9s %8s %8s %7s   %8s %8s %8s\n' program calls thunks funcs checked covered releases
  printf '%s\n' "${crow[@]}"
  echo
}

size_benchmark() {
  echo "== 4. Code size: stripped modules (wasm-strip), bytes =="
  printf '  %-9s %9s %9s %8s %9s %8s %9s %8s\n' module plain compat overhead ref overhead lean overhead
  printf '%s\n' "${stripped_rows[@]}"
  echo "  compat and lean = plugin + stackcap-link-finish (compact LEB128 encodings); bench/plugin-runtime"
  echo "  at limit $runtime_limit, the real programs of section 3 at $real_limit with the runtime of their"
  echo "  profile; ref = the plain build instrumented after linking by stackcap-instrument --limit N."
  echo "  wasm-instrument 0.4 itself is not run by this benchmark (no figure)."
  echo
  size_split
}

# lean_seq_bytes MODULE: bytes of lean's entry and release sequences in
# MODULE, from its disassembly: an entry is 14 + 2 * LEB(R) bytes (the
# counter's index and the if's block type one byte each after compaction), a
# release 6 + LEB(R); R is the i32.const after the function's first read of
# the counter.
lean_seq_bytes() {
  wasm2wat "$1" 2> /dev/null | awk '
    function leb(v,  n) { n = 1; while (v >= 64) { v = int(v / 128); n++ } return n }
    /^  \(func / { R = -1; get = 0; next }
    /global\.get \$__stackcap_stack_height/ && R < 0 { get = 1; next }
    get && R < 0 && /i32\.const/ { R = $2; b += 14 + 2 * leb(R); next }
    /global\.set \$__stackcap_stack_height/ && prev ~ /i32\.add/ { b += 6 + leb(R) }
    { prev = $0 }
    END { print b + 0 }'
}

# The stripped sizes above compare with plain, whose code still has wasm-ld's
# 5-byte paddings, while compat and lean are compacted. The instrumentation's
# own bytes: lean's sequences are counted in its module; the rest of the lean
# module is then the compacted program (the runtimes of both profiles are
# built from the same sources), and compat's instrumentation is its size
# minus that.
size_split() {
  command -v wasm2wat > /dev/null || return 0
  local -a specs=()
  local b p
  for b in "${runtime_benches[@]}"; do b=${b%% *}
    [ -f "$out/runtime/$b.lean.wasm.stripped" ] && specs+=("$b:$out/runtime/$b.plain.wasm:$out/runtime/$b.plugin.wasm:$out/runtime/$b.lean.wasm"); done
  for p in "${real_programs[@]}"; do
    [ -f "$out/real/$p/lean.wasm.stripped" ] && specs+=("$p:$out/real/$p/plain.wasm:$out/real/$p/compat.wasm:$out/real/$p/lean.wasm"); done
  [ ${#specs[@]} -gt 0 ] || return 0
  echo "  the instrumentation's own bytes (stripped modules; base = lean - lean's sequences, the compacted program):"
  printf '  %-9s %9s %9s %9s %8s %9s %8s %7s
' module plain base compat "of base" lean "of base" "lean/c"
  local spec n fp fc fl sp sc sl lb base ci
  for spec in "${specs[@]}"; do
    IFS=: read -r n fp fc fl <<< "$spec"
    sp=$(stat -c %s "$fp.stripped"); sc=$(stat -c %s "$fc.stripped"); sl=$(stat -c %s "$fl.stripped")
    lb=$(lean_seq_bytes "$fl")
    base=$((sl - lb)) ci=$((sc - sl + lb))
    printf '  %-9s %9s %9s %9s %8s %9s %8s %7s
' "$n" "$sp" "$base" "$ci" \
      "$(awk -v a="$ci" -v b="$base" 'BEGIN { printf "%+.1f%%", a * 100 / b }')" "$lb" \
      "$(awk -v a="$lb" -v b="$base" 'BEGIN { printf "%+.1f%%", a * 100 / b }')" \
      "$(awk -v a="$lb" -v c="$ci" 'BEGIN { if (c <= 0) print "n/a"; else printf "%.2f", a / c }')"
  done
  echo "  (compat = its module minus base: counted calls, thunks; lean = its entry and release sequences)"
  echo
}

###############################################################################
# 5. Instrumentation executed per call, recursive code
###############################################################################

# count_module IN OUT: OUT is IN with a counting harness (wasm2wat, awk,
# wat2wasm): exported i64 globals __scc_calls (entries into any defined
# function), __scc_add and __scc_sub (executions of a global.set of the stack
# counter $__stackcap_stack_height after an i32.add or i32.sub of it). Every
# instrumentation sequence of both profiles ends in exactly one such set:
#   compat, around a counted call: add (10 instructions: get const add set
#     get const gt_u if unreachable end) before, sub (4: get const sub set) after;
#   lean: sub (10: get const lt_u if unreachable end get const sub set) at
#     the entry of a checked function, add (4: get const add set) at each exit.
count_module() {
  local in=$1 o=$2
  wasm2wat "$in" -o "$o.wat" || die "wasm2wat $in failed"
  awk '
    function bump(c) { return "    global.get $__scc_" c "\n    i64.const 1\n    i64.add\n    global.set $__scc_" c }
    # a function header: count the entry after its (local ...) lines
    infunc == 1 && $0 !~ /^    \(local / { print bump("calls"); infunc = 0 }
    /^  \(func / {
      line = $0; opens = gsub(/\(/, "(", line); closes = gsub(/\)/, ")", line)
      if (opens == closes) { sub(/\)$/, "", $0); print; print bump("calls"); print "  )"; prev = $0; next }
      print; infunc = 1; prev = $0; next
    }
    /global\.set \$__stackcap_stack_height/ {
      # a set that ends the function carries its closing ")": count before it
      line = $0; tail = ""
      if (match(line, /\)+$/)) { tail = substr(line, RSTART); line = substr(line, 1, RSTART - 1) }
      print line
      if (prev ~ /i32\.add/) print bump("add"); else if (prev ~ /i32\.sub/) print bump("sub")
      if (tail != "") print "    " tail
      prev = $0; next
    }
    { print; prev = $0 }
  ' "$o.wat" > "$o.count.wat"
  # Close the module after adding the counters: strip its final ")".
  sed -i '$ s/)$//' "$o.count.wat"
  cat >> "$o.count.wat" <<'WAT'
  (global $__scc_calls (mut i64) (i64.const 0))
  (global $__scc_add (mut i64) (i64.const 0))
  (global $__scc_sub (mut i64) (i64.const 0))
  (export "__scc_calls" (global $__scc_calls))
  (export "__scc_add" (global $__scc_add))
  (export "__scc_sub" (global $__scc_sub)))
WAT
  wat2wasm "$o.count.wat" -o "$o" || die "wat2wasm $o.count.wat failed (the counting harness)"
}

count_benchmark() {
  echo "== 5. Instrumentation instructions executed per call (recursive code, counting harness) =="
  command -v wasm2wat > /dev/null && command -v wat2wasm > /dev/null || die "wasm2wat/wat2wasm not found (apt-get install wabt)"
  local rt=$out/runtime cnt=$out/count b arg v
  mkdir -p "$cnt"
  echo "  method: each module of section 2 (run it first) gets a counting harness (wasm2wat; after every function's"
  echo "  locals an i64 counter of calls; after every global.set of the stack counter a counter of the"
  echo "  sequence it ends; wat2wasm), then node runs run(ARG) once ($here/count-run.mjs). Sequence lengths"
  echo "  (instructions as in the spec; the 'unreachable' of a check is not executed):"
  echo "    compat: 10 before + 4 after every counted call (thunks too); lean: 10 at the entry of a checked"
  echo "    function, 4 at each of its exits. The floor for a recursive call is one reservation (a check and"
  echo "    a subtraction, 10) + one release (4) = 14: the recursion's depth is unknown at compile time."
  echo "  calls = dynamic entries into defined functions, counted on the plain module."
  printf '  %-9s %-10s %10s   %12s %9s   %12s %9s   %9s\n' benchmark "run(ARG)" calls "compat added" "per call" "lean added" "per call" "lean/compat"
  for spec in "fib 25" "bintree 12" "dispatch 100000" "interp 100000" "sieve 100000"; do
    read -r b arg <<< "$spec"
    [ -f "$rt/$b.plain.wasm" ] || continue
    local res calls=0 ac=0 al=0 pc pl
    for v in plain plugin lean; do
      count_module "$rt/$b.$v.wasm" "$cnt/$b.$v.wasm"
      res=$(node "$here/count-run.mjs" "$cnt/$b.$v.wasm" "$arg") || die "the counting run of $b ($v) failed"
      case $v in
        plain) calls=$(node -e 'const o = JSON.parse(process.argv[1]); console.log(o.counts.calls)' "$res") ;;
        plugin) ac=$(node -e 'const o = JSON.parse(process.argv[1]); console.log(o.counts.add * 10 + o.counts.sub * 4)' "$res") ;;
        lean) al=$(node -e 'const o = JSON.parse(process.argv[1]); console.log(o.counts.sub * 10 + o.counts.add * 4)' "$res") ;;
      esac
      echo "$v $res" >> "$cnt/$b.counts.txt"
    done
    pc=$(awk -v a="$ac" -v c="$calls" 'BEGIN { printf "%.2f", a / c }')
    pl=$(awk -v a="$al" -v c="$calls" 'BEGIN { printf "%.2f", a / c }')
    printf "  %-9s %-10s %'10d   %'12d %9s   %'12d %9s   %9s\n" "$b" "$arg" "$calls" "$ac" "$pc" "$al" "$pl" \
      "$(awk -v a="$al" -v c="$ac" 'BEGIN { if (c == 0) print "n/a"; else printf "%.2f", a / c }')"
  done
  echo "  (raw counts: $cnt/*.counts.txt)"
  echo
}

###############################################################################
# 6. Verification speed, lean vs compat
###############################################################################

verify_speed_benchmark() {
  echo "== 6. Verification speed: stackcap-verify on the compat and the lean build of the same program =="
  local bench_run=$build/bin/stackcap-bench-run vs=$out/verify-speed
  mkdir -p "$vs"
  if [ ! -x "$bench_run" ]; then
    # Not part of `all`: build a private copy (no write to the build tree's targets).
    bench_run=$vs/stackcap-bench-run
    [ -x "$bench_run" ] && [ "$bench_run" -nt "$here/bench-run.cpp" ] ||
      c++ -O2 -std=c++17 "$here/bench-run.cpp" -o "$bench_run" || die "cannot compile $here/bench-run.cpp"
  fi
  local -a mods=()
  local p
  for p in sqlite sqlite-Os lua jansson zlib contract; do
    [ -f "$out/real/$p/lean.wasm" ] && mods+=("$p:$out/real/$p")
  done
  [ -f "$out/runtime/interp.lean.wasm" ] && mods+=("interp:")
  [ ${#mods[@]} -gt 0 ] || { echo "  (no modules: run sections 2 and 3)"; echo; return 0; }
  local use_vg=$use_callgrind vverify=$vs/stackcap-verify.nodebug
  if [ $use_vg = 1 ]; then objcopy --strip-debug "$verify" "$vverify"; fi
  echo "  commands: $(quote_cmd "$bench_run") 1 $verify --limit L compat.wasm  vs  ... --profile lean --limit L lean.wasm,"
  echo "  alternating, $runs rounds each (one untimed warm-up per call; whole process, median); callgrind Ir"
  echo "  of one run each (noise-free). Ir/byte above startup = (Ir - Ir of --help) / module bytes."
  local help_ir=n/a
  if [ $use_vg = 1 ]; then
    valgrind --tool=callgrind --callgrind-out-file=/dev/null "$vverify" --help > /dev/null 2> "$vs/help.log" || true
    help_ir=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$vs/help.log" | head -1)
  fi
  printf '  %-9s %9s %9s   %8s %8s %6s   %13s %13s %6s   %8s %8s\n' module "compat B" "lean B" "compat" "lean" "l/c" \
    "compat Ir" "lean Ir" "l/c" "Ir/B c" "Ir/B l"
  local spec name d cm lm cpath lpath r t tc tl ic il
  for spec in "${mods[@]}"; do
    name=${spec%%:*} d=${spec#*:}
    if [ -n "$d" ]; then cpath=$d/compat.wasm lpath=$d/lean.wasm lim=$real_limit
    else cpath=$out/runtime/$name.plugin.wasm lpath=$out/runtime/$name.lean.wasm lim=$runtime_limit; fi
    : > "$vs/$name.compat.ms"; : > "$vs/$name.lean.ms"
    for ((r = 0; r < runs; ++r)); do
      t=$("$bench_run" 1 "$verify" --limit $lim "$cpath") || die "stackcap-verify $cpath failed"
      sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<< "$t" >> "$vs/$name.compat.ms"
      grep -q 'exit=0' <<< "$t" || die "stackcap-verify rejects $cpath"
      t=$("$bench_run" 1 "$verify" --profile lean --limit $lim "$lpath") || die "stackcap-verify --profile lean $lpath failed"
      sed -n 's/.*median_ms=\([0-9.]*\).*/\1/p' <<< "$t" >> "$vs/$name.lean.ms"
      grep -q 'exit=0' <<< "$t" || die "stackcap-verify --profile lean rejects $lpath"
    done
    tc=$(median < "$vs/$name.compat.ms"); tl=$(median < "$vs/$name.lean.ms")
    ic=n/a il=n/a
    if [ $use_vg = 1 ]; then
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$vverify" --limit $lim "$cpath" > /dev/null 2> "$vs/$name.compat.cg.log" || true
      valgrind --tool=callgrind --callgrind-out-file=/dev/null "$vverify" --profile lean --limit $lim "$lpath" > /dev/null 2> "$vs/$name.lean.cg.log" || true
      ic=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$vs/$name.compat.cg.log" | head -1)
      il=$(sed -n 's/.*Collected : \([0-9]*\).*/\1/p' "$vs/$name.lean.cg.log" | head -1)
    fi
    local sc sl
    sc=$(stat -c %s "$cpath"); sl=$(stat -c %s "$lpath")
    printf "  %-9s %9s %9s   %6sms %6sms %6s   %'13d %'13d %6s   %8s %8s\n" "$name" "$sc" "$sl" "$(fmt "$tc" 1)" "$(fmt "$tl" 1)" \
      "$(awk -v a="$tl" -v b="$tc" 'BEGIN { printf "%.2f", a / b }')" "${ic/n\/a/0}" "${il/n\/a/0}" \
      "$(awk -v a="$il" -v b="$ic" 'BEGIN { if (b + 0 == 0) print "n/a"; else printf "%.2f", a / b }')" \
      "$(awk -v i="$ic" -v h="$help_ir" -v s="$sc" 'BEGIN { if (i + 0 == 0) print "n/a"; else printf "%.0f", (i - h) / s }')" \
      "$(awk -v i="$il" -v h="$help_ir" -v s="$sl" 'BEGIN { if (i + 0 == 0) print "n/a"; else printf "%.0f", (i - h) / s }')"
  done
  echo "  (l/c = lean / compat; Ir of stackcap-verify --help: $help_ir; B = module bytes, unstripped)"
  echo
}

compile_verdict_time=
compile_verdict_ir=
[ $do_compile = 1 ] && compile_benchmark
[ $do_runtime = 1 ] && runtime_benchmark
[ $do_real = 1 ] && real_benchmark
if [ $do_runtime = 1 ] || [ $do_real = 1 ]; then
  command -v wasm-strip > /dev/null || die "wasm-strip not found (apt-get install wabt)"
  size_benchmark
fi
[ $do_counts = 1 ] && [ $do_runtime = 1 ] && count_benchmark
[ $do_verify_speed = 1 ] && verify_speed_benchmark
echo "== Summary =="
if [ $do_compile = 1 ]; then
  echo "  compile-time overhead (target <= 5%): CPU time median ${compile_verdict_time}${compile_verdict_ir:+, callgrind Ir $compile_verdict_ir}"
fi
echo "  machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (wall and CPU times are noisy under load; Ir is not)"
echo "  wall time of this run: $((SECONDS / 60)) min $((SECONDS % 60)) s"
if [ ${#real_failed[@]} -gt 0 ]; then
  echo "  FAILED:"
  printf '    %s\n' "${real_failed[@]}"
  exit 1
fi
