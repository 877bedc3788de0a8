#!/usr/bin/env bash
# plugin-bench.sh: what does the stackcap compiler plugin cost?
#
#   bench/plugin-bench.sh [--build-dir DIR] [--rounds N] [--runs N]
#                         [--no-callgrind] [--no-compile] [--no-runtime]
#                         [--no-sqlite]
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
#    built three ways: plain, with the plugin, and plain + the post-link
#    reference instrumenter stackcap-instrument; every instrumented module is
#    checked by stackcap-verify; node times run(ARG) (median of --runs rounds,
#    default 7, after warm-up). Sizes and instrumented call counts. The
#    plugin build links through stackcap-link-finish, as the wrappers do
#    (stack sizing, completion, compaction, verification).
# 3. Code size. Stripped module sizes (wasm-strip) side by side: plain,
#    stackcap (as shipped by the link step), and the reference instrumenter
#    on the plain build, for bench/plugin-runtime and for the SQLite module
#    of bench/verifier-bench.sh (hosted, the instrumented runtime; the
#    amalgamation from $SQLITE_AMALGAMATION or verifier-bench's cache).
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
    -h|--help) sed -n '2,34p' "${BASH_SOURCE[0]}"; exit 0 ;;
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

# SQLite, hosted: plain clang-22 with Debian's wasi-libc, stackcap-clang with
# the instrumented runtime, and the reference instrumenter on the plain build.
sqlite_sizes() {
  local sqlite_c=${SQLITE_AMALGAMATION:-$build/bench/src/package/deps/sqlite3/sqlite3.c}
  if [ ! -f "$sqlite_c" ]; then
    log "no SQLite amalgamation at $sqlite_c (run 'ninja bench-verifier' once, or set SQLITE_AMALGAMATION): SQLite sizes skipped"
    return 0
  fi
  [ -x "$stackcap_clang" ] || die "$stackcap_clang not found (build stackcap-wrappers)"
  local sq=$out/sqlite d
  d=$(dirname "$sqlite_c")
  mkdir -p "$sq"
  local flags=(-O2 -Wno-deprecated -DSQLITE_THREADSAFE=0 -DSQLITE_OMIT_LOAD_EXTENSION
    -DSQLITE_ENABLE_MATH_FUNCTIONS -D_WASI_EMULATED_GETPID -D_WASI_EMULATED_MMAN
    -D_WASI_EMULATED_PROCESS_CLOCKS -D_WASI_EMULATED_SIGNAL -I"$d"
    "$sqlite_c" "$here/sqlite-driver.c" -lwasi-emulated-getpid -lwasi-emulated-mman
    -lwasi-emulated-process-clocks -lwasi-emulated-signal)
  local stamp_plain stamp_sc
  stamp_plain="$clang_version $(cksum < "$sqlite_c") $(cksum < "$here/sqlite-driver.c")"
  stamp_sc="$stamp_plain $(cksum < "$plugin") $(cksum < "$link_finish") $(cksum < "$stackcap_clang")"
  if [ "$(cat "$sq/plain.stamp" 2>/dev/null)" != "$stamp_plain" ]; then
    log "compiling SQLite plain (about a minute)"
    "$clang" --target=wasm32-wasi --sysroot=/usr --no-wasm-opt "${flags[@]}" -o "$sq/plain.wasm" 2> "$sq/plain.log" ||
      { cat "$sq/plain.log" >&2; die "building SQLite (plain) failed"; }
    echo "$stamp_plain" > "$sq/plain.stamp"
  fi
  if [ "$(cat "$sq/stackcap.stamp" 2>/dev/null)" != "$stamp_sc" ]; then
    log "compiling SQLite with stackcap-clang (about a minute)"
    STACKCAP_PLUGIN=$plugin "$stackcap_clang" --target=wasm32-wasi --stack-limit=65536 "${flags[@]}" \
      -o "$sq/stackcap.wasm" 2> "$sq/stackcap.log" ||
      { cat "$sq/stackcap.log" >&2; die "building SQLite with stackcap-clang failed"; }
    echo "$stamp_sc" > "$sq/stackcap.stamp"
  fi
  "$instrument" --limit 65536 "$sq/plain.wasm" -o "$sq/ref.wasm" 2> "$sq/ref.log" ||
    { cat "$sq/ref.log" >&2; die "stackcap-instrument on the SQLite module failed"; }
  "$verify" --limit 65536 "$sq/ref.wasm" > /dev/null || die "the reference SQLite module does not verify"
  "$verify" --limit 65536 "$sq/stackcap.wasm" > /dev/null || die "the stackcap SQLite module does not verify"
  stripped_rows+=("$(stripped_row sqlite "$sq/plain.wasm" "$sq/stackcap.wasm" "$sq/ref.wasm")")
}

size_benchmark() {
  echo "== 3. Code size: stripped modules (wasm-strip), bytes =="
  [ $do_sqlite = 1 ] && sqlite_sizes
  printf '  %-9s %9s %9s %8s %9s %8s %9s %8s\n' module plain stackcap overhead ref overhead lean overhead
  printf '%s\n' "${stripped_rows[@]}"
  echo "  stackcap = plugin + stackcap-link-finish (compact LEB128 encodings; runtime benchmarks"
  echo "  at limit $runtime_limit, sqlite at 65536 with the instrumented runtime); ref = the plain"
  echo "  build instrumented after linking by stackcap-instrument --limit N. wasm-instrument 0.4"
  echo "  itself is not run by this benchmark (no figure). lean = profile lean (freestanding only"
  echo "  so far: n/a for sqlite)."
  echo
}

compile_verdict_time=
compile_verdict_ir=
[ $do_compile = 1 ] && compile_benchmark
[ $do_runtime = 1 ] && runtime_benchmark
if [ $do_runtime = 1 ] || [ $do_sqlite = 1 ]; then
  command -v wasm-strip > /dev/null || die "wasm-strip not found (apt-get install wabt)"
  size_benchmark
fi
if [ $do_compile = 1 ]; then
  echo "== Summary =="
  echo "  compile-time overhead (target <= 5%): CPU time median ${compile_verdict_time}${compile_verdict_ir:+, callgrind Ir $compile_verdict_ir}"
  echo "  machine load average at the end: $(cut -d' ' -f1-3 /proc/loadavg) on $(nproc) CPUs (wall and CPU times are noisy under load; Ir is not)"
fi
