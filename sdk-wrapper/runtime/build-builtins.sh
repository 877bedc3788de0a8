#!/usr/bin/env bash
# Builds compiler-rt's builtins for wasm32, every object compiled with the
# stackcap plugin (-stackcap-limit-at-link), into
# $RT_SYSROOT/lib/wasm32-wasi/libclang_rt.builtins-wasm32.a.
#
# Source: compiler-rt/lib/builtins of the Debian source package
# llvm-toolchain-19 (the LLVM 22 one cannot be downloaded), extracted once into
# $RT_LLVM19_SRC (shared with build-libcxx.sh, see rt_llvm19_extract).
#
# The file set is what compiler-rt's CMake builds for wasm32 (wasm32_SOURCES =
# GENERIC_TF_SOURCES + GENERIC_SOURCES: long double is IEEE binary128 on
# wasm32), read from its CMakeLists.txt, plus the two files that CMake adds on
# non-Fuchsia hosts with <unwind.h> (clear_cache.c, gcc_personality_v0.c): the
# same set as Debian's LLVM 22 libclang_rt.builtins-wasm32.a, which is built
# like a bare-metal target (no emutls.c, enable_execute_stack.c, eprintf.c).
# Left out:
#   - BF16_SOURCES and -DCOMPILER_RT_HAS_FLOAT16: clang 22 supports neither
#     __bf16 nor _Float16 on wasm32 (CMake's checks fail the same way);
#   - atomic.c (COMPILER_RT_EXCLUDE_ATOMIC_BUILTIN is on by default);
#   - LLVM 22's wasm/__c_longjmp.S and wasm/__cpp_exception.S: assembly
#     defining the tags of wasm exception handling and setjmp/longjmp, which
#     are outside profile compat (the plugin refuses -fwasm-exceptions);
#   - LLVM 22's new extendhfdf2.c: clang 22 lowers half -> double through
#     __extendhfsf2, so wasm32 code never calls it.
# Flags as compiler-rt's standalone build: -std=c11 -fno-builtin
# -fvisibility=hidden -DVISIBILITY_HIDDEN -fomit-frame-pointer (not -fPIC: PIC
# wasm code imports its addresses; not -Werror=builtin-declaration-mismatch,
# which CMake adds only for GCC), -O2, and the wasi-libc headers of
# $RT_SYSROOT (build-wasi-libc.sh runs first). -Wno-deprecated silences the
# driver's "wasm32-wasi is deprecated, use wasm32-wasip1" on every file.
# Skipped when its stamp (source tarball, plugin, compiler, this script) matches.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/common.sh"

orig=$(rt_fetch llvm-toolchain-19)
inputs="$(basename "$orig") $(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16) $RT_STACKCAP_FLAGS $(rt_toolchain_id)"
lib=$RT_SYSROOT/lib/$RT_TRIPLE
out=$lib/libclang_rt.builtins-wasm32.a
if rt_stamp_ok "builtins$RT_SUFFIX" "$inputs" && [ -f "$out" ]; then
  rt_log "builtins: up to date"
  exit 0
fi
[ -f "$RT_SYSROOT/include/$RT_TRIPLE/stdlib.h" ] ||
  rt_die "builtins: the wasi-libc headers are missing in $RT_SYSROOT: run build-wasi-libc.sh first"

start=$(date +%s)
rt_llvm19_extract compiler-rt/lib/builtins
src=$RT_LLVM19_SRC/compiler-rt/lib/builtins

# The members of a set(NAME ...) list of the CMakeLists.txt.
cmake_list() {
  awk -v name="$1" '
    $0 ~ "^set\\(" name "[[:space:]]*$" { on = 1; next }
    on && /\)/ { exit }
    on && NF { print $1 }' "$src/CMakeLists.txt"
}
sources=$( { cmake_list GENERIC_TF_SOURCES; cmake_list GENERIC_SOURCES; echo clear_cache.c; echo gcc_personality_v0.c; } )
n=$(echo "$sources" | wc -l)
[ "$n" -gt 120 ] || rt_die "builtins: only $n sources found in $src/CMakeLists.txt"
for f in $sources; do [ -f "$src/$f" ] || rt_die "builtins: $src/$f is missing"; done

work=$RT_WORK/builtins
rm -rf "$work"
mkdir -p "$work/obj" "$lib"
cflags="--target=$RT_TRIPLE --sysroot=$RT_SYSROOT -O2 -DNDEBUG -std=c11 -fno-builtin
  -fvisibility=hidden -DVISIBILITY_HIDDEN -fomit-frame-pointer
  -Wno-deprecated $RT_STACKCAP_FLAGS"
echo "$cflags" | tr -s ' \n' ' ' > "$work/cflags"
rt_log "builtins: compiling $n files with $RT_JOBS jobs"
# One line per file: the compile, its output in obj/NAME.log, its status.
export RT_CC src work
echo "$sources" | xargs -P "$RT_JOBS" -I{} sh -c '
  f={}; o=$work/obj/${f%.c}.o
  $RT_CC $(cat "$work/cflags") -c "$src/$f" -o "$o" > "$o.log" 2>&1 || echo "$f" >> "$work/failed"'
if [ -s "$work/failed" ]; then
  for f in $(cat "$work/failed"); do echo "--- $f" >&2; tail -n 20 "$work/obj/${f%.c}.log" >&2; done
  rt_die "builtins: $(wc -l < "$work/failed") files failed to compile: $(echo $(cat "$work/failed"))"
fi
cat "$work"/obj/*.log > "$work/build.log"
nwarn=$(grep -c 'warning:' "$work/build.log" || true)
[ "$nwarn" -eq 0 ] || rt_log "builtins: $nwarn compiler warnings (see $work/build.log)"

rm -f "$out"
(cd "$work/obj" && "$RT_AR" crs "$out" $(for f in $sources; do echo "${f%.c}.o"; done))
rt_check_instrumented "$out"

rt_stamp_write "builtins$RT_SUFFIX" "$inputs"
rt_log "builtins: built in $(( $(date +%s) - start )) s"
