#!/usr/bin/env bash
# Builds an instrumented libc++ and libc++abi for wasm32-wasi (static, no
# exceptions, no threads) from Debian's llvm-toolchain-19 source package and
# installs them into the runtime sysroot:
#   $RT_SYSROOT/include/wasm32-wasi/c++/v1/   headers (with __config_site)
#   $RT_SYSROOT/lib/wasm32-wasi/libc++.a, libc++abi.a
# Every object is compiled with the stackcap plugin and -stackcap-limit-at-link
# (RT_STACKCAP_FLAGS); the build fails if one is not. Runs once: a stamp
# records the inputs and a second run with the same inputs does nothing.
#
# The configuration mirrors Debian's own wasm32-wasi libc++ build
# (debian/rules, target build-wasm/libcxx-%-wasi) and wasi-sdk's
# (cmake/wasi-sdk-sysroot.cmake): libc++ ABI version 2, musl-style libc, no
# threads (wasi-libc 2022 has none), no <filesystem> (wasi-libc 2022 lacks
# statvfs and realpath; Debian turns it off too), no libunwind (without
# exceptions libc++abi needs none), libraries kept apart (-lc++ -lc++abi, as
# clang's WASI driver links them).
#
# Environment: RT_LIBCXX_SYSROOT overrides the sysroot libc++ is compiled
# against (default $RT_SYSROOT, which build-wasi-libc.sh fills; Debian's
# prebuilt wasi-libc, --sysroot=/usr, has the same headers).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/common.sh"

# What this script needs of the LLVM 19 source tree (build-builtins.sh
# extracts compiler-rt/lib/builtins into the same tree; see rt_llvm19_extract).
LIBCXX_SRC_DIRS=(cmake llvm/cmake runtimes libcxx libcxxabi)
LIBCXX_BUILD=$RT_WORK/libcxx
LIBCXX_LIBDIR=$RT_SYSROOT/lib/$RT_TRIPLE
LIBCXX_INCDIR=$RT_SYSROOT/include/$RT_TRIPLE/c++
CC_SYSROOT=${RT_LIBCXX_SYSROOT:-$RT_SYSROOT}

start=$(date +%s)
orig_name=$(basename "$(rt_fetch llvm-toolchain-19)")

# --- build -------------------------------------------------------------------
[ -f "$CC_SYSROOT/include/$RT_TRIPLE/stdio.h" ] && [ -f "$CC_SYSROOT/lib/$RT_TRIPLE/libc.a" ] ||
  rt_die "no wasi-libc in $CC_SYSROOT (run build-wasi-libc.sh first, or set RT_LIBCXX_SYSROOT)"

# -fno-exceptions is what LIBCXX_ENABLE_EXCEPTIONS=OFF adds anyway; no
# -fwasm-exceptions (the plugin refuses wasm exception handling).
# CMake's checks compile and link real test programs against the wasi-libc of
# the sysroot (CMAKE_TRY_COMPILE_TARGET_TYPE=STATIC_LIBRARY would make every
# check_library_exists pass, e.g. __cxa_thread_atexit_impl, which wasi-libc
# does not have).
OPT_FLAGS="-O2"
C_FLAGS="$OPT_FLAGS $RT_STACKCAP_FLAGS"
CXX_FLAGS="$OPT_FLAGS $RT_STACKCAP_FLAGS -fno-exceptions"

# Inputs: plugin and compiler, source, this script, and the libc headers
# compiled against (not the libc++ headers installed among them).
libc_headers=$(cd "$CC_SYSROOT/include/$RT_TRIPLE" &&
  find . -path ./c++ -prune -o -type f -print | LC_ALL=C sort | xargs cat | sha256sum | cut -c1-16)
stamp_inputs="$(rt_toolchain_id | tr '\n' ' ') src=$orig_name script=$(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16) sysroot=$CC_SYSROOT libc-headers=$libc_headers"
if rt_stamp_ok "libcxx$RT_SUFFIX" "$stamp_inputs" &&
   [ -f "$LIBCXX_LIBDIR/libc++.a" ] && [ -f "$LIBCXX_LIBDIR/libc++abi.a" ] &&
   [ -f "$LIBCXX_INCDIR/v1/__config_site" ]; then
  rt_log "libc++ and libc++abi are up to date"
  exit 0
fi

rt_llvm19_extract "${LIBCXX_SRC_DIRS[@]}"
# Objects built by another plugin or compiler must not survive: start over.
rm -rf "$LIBCXX_BUILD"
mkdir -p "$LIBCXX_BUILD"
rt_log "configuring libc++ and libc++abi ($LIBCXX_BUILD)"
cmake -G Ninja -S "$RT_LLVM19_SRC/runtimes" -B "$LIBCXX_BUILD" \
  -DCMAKE_BUILD_TYPE=Release \
  -DCMAKE_C_FLAGS_RELEASE="-DNDEBUG" \
  -DCMAKE_CXX_FLAGS_RELEASE="-DNDEBUG" \
  -DCMAKE_EXPORT_COMPILE_COMMANDS=ON \
  -DCMAKE_C_COMPILER="$RT_CC" \
  -DCMAKE_CXX_COMPILER="$RT_CXX" \
  -DCMAKE_AR="$RT_AR" \
  -DCMAKE_RANLIB="$RT_RANLIB" \
  -DCMAKE_NM="$RT_NM" \
  -DCMAKE_C_COMPILER_TARGET="$RT_TRIPLE" \
  -DCMAKE_CXX_COMPILER_TARGET="$RT_TRIPLE" \
  -DCMAKE_ASM_COMPILER_TARGET="$RT_TRIPLE" \
  -DCMAKE_C_COMPILER_WORKS=ON \
  -DCMAKE_CXX_COMPILER_WORKS=ON \
  -DLLVM_COMPILER_CHECKED=ON \
  -DCMAKE_SYSROOT="$CC_SYSROOT" \
  -DCMAKE_C_FLAGS="$C_FLAGS" \
  -DCMAKE_CXX_FLAGS="$CXX_FLAGS" \
  -DCMAKE_INSTALL_PREFIX="$RT_SYSROOT" \
  -DCMAKE_INSTALL_INCLUDEDIR="include/$RT_TRIPLE" \
  -DLLVM_LIBDIR_SUFFIX="/$RT_TRIPLE" \
  -DLIBCXX_LIBDIR_SUFFIX="/$RT_TRIPLE" \
  -DLIBCXXABI_LIBDIR_SUFFIX="/$RT_TRIPLE" \
  -DLLVM_ENABLE_RUNTIMES="libcxx;libcxxabi" \
  -DLLVM_INCLUDE_TESTS=OFF \
  -DLLVM_INCLUDE_DOCS=OFF \
  -DLIBCXX_INCLUDE_TESTS=OFF \
  -DLIBCXX_INCLUDE_BENCHMARKS=OFF \
  -DLIBCXX_INCLUDE_DOCS=OFF \
  -DLIBCXXABI_INCLUDE_TESTS=OFF \
  -DLIBCXX_USE_COMPILER_RT=ON \
  -DLIBCXXABI_USE_COMPILER_RT=ON \
  -DLIBCXX_CXX_ABI=libcxxabi \
  -DLIBCXX_ABI_VERSION=2 \
  -DLIBCXX_HAS_MUSL_LIBC=ON \
  -DLIBCXX_ENABLE_SHARED=OFF \
  -DLIBCXX_ENABLE_STATIC=ON \
  -DLIBCXX_ENABLE_EXPERIMENTAL_LIBRARY=OFF \
  -DLIBCXX_ENABLE_EXCEPTIONS=OFF \
  -DLIBCXX_ENABLE_RTTI=ON \
  -DLIBCXX_ENABLE_FILESYSTEM=OFF \
  -DLIBCXX_ENABLE_THREADS=OFF \
  -DLIBCXX_ENABLE_MONOTONIC_CLOCK=ON \
  -DLIBCXX_HAS_PTHREAD_API=OFF \
  -DLIBCXX_HAS_EXTERNAL_THREAD_API=OFF \
  -DLIBCXX_BUILD_EXTERNAL_THREAD_LIBRARY=OFF \
  -DLIBCXX_ENABLE_ABI_LINKER_SCRIPT=OFF \
  -DLIBCXX_INSTALL_MODULES=OFF \
  -DLIBCXXABI_ENABLE_SHARED=OFF \
  -DLIBCXXABI_ENABLE_STATIC=ON \
  -DLIBCXXABI_ENABLE_EXCEPTIONS=OFF \
  -DLIBCXXABI_SILENT_TERMINATE=ON \
  -DLIBCXXABI_ENABLE_THREADS=OFF \
  -DLIBCXXABI_HAS_PTHREAD_API=OFF \
  -DLIBCXXABI_HAS_EXTERNAL_THREAD_API=OFF \
  -DLIBCXXABI_BUILD_EXTERNAL_THREAD_LIBRARY=OFF \
  -DLIBCXXABI_USE_LLVM_UNWINDER=OFF \
  -DLIBCXXABI_ENABLE_PIC=OFF \
  >"$LIBCXX_BUILD/configure.log" 2>&1 ||
  { tail -n 40 "$LIBCXX_BUILD/configure.log" >&2; rt_die "configuring libc++ failed (see $LIBCXX_BUILD/configure.log)"; }

rt_log "building libc++ and libc++abi ($RT_JOBS jobs)"
ninja -C "$LIBCXX_BUILD" -j "$RT_JOBS" cxx_static cxxabi_static >"$LIBCXX_BUILD/build.log" 2>&1 ||
  { grep -E -B2 -A8 'error:|FAILED' "$LIBCXX_BUILD/build.log" | head -n 80 >&2
    rt_die "building libc++ failed (see $LIBCXX_BUILD/build.log)"; }

# Every compile command must carry the plugin and the link-time limit.
ccjson=$LIBCXX_BUILD/compile_commands.json
nobj=$(grep -c '"command":' "$ccjson" || true)
bad=$(awk -v p="-fpass-plugin=$RT_PLUGIN" '/"command":/ &&
        (index($0, p) == 0 || index($0, "-stackcap-limit-at-link") == 0) {
        n = split($0, w, " "); for (i = 1; i < n; i++) if (w[i] == "-c") print w[i + 1] }' "$ccjson")
[ -z "$bad" ] && [ "$nobj" -gt 0 ] ||
  rt_die "compiled without the stackcap plugin: $(echo $bad)"
rt_log "$nobj objects, all compiled with the plugin"
# ... and every archive member with code defines the counter global.
for a in "$LIBCXX_BUILD/lib/libc++.a" "$LIBCXX_BUILD/lib/libc++abi.a"; do
  [ -f "$a" ] || rt_die "$a was not built"
done
rt_check_instrumented "$LIBCXX_BUILD/lib/libc++.a" "$LIBCXX_BUILD/lib/libc++abi.a"

# --- install -------------------------------------------------------------------
rt_log "installing into $RT_SYSROOT"
rm -rf "$LIBCXX_INCDIR"
rm -f "$LIBCXX_LIBDIR"/libc++.a "$LIBCXX_LIBDIR"/libc++abi.a "$LIBCXX_LIBDIR"/libc++experimental.a
ninja -C "$LIBCXX_BUILD" install-cxx-headers install-cxxabi-headers >"$LIBCXX_BUILD/install.log" 2>&1 ||
  { tail -n 20 "$LIBCXX_BUILD/install.log" >&2; rt_die "installing the libc++ headers failed"; }
mkdir -p "$LIBCXX_LIBDIR"
cp "$LIBCXX_BUILD/lib/libc++.a" "$LIBCXX_BUILD/lib/libc++abi.a" "$LIBCXX_LIBDIR/"
[ -f "$LIBCXX_INCDIR/v1/__config_site" ] || rt_die "no __config_site in $LIBCXX_INCDIR/v1"

rt_stamp_write "libcxx$RT_SUFFIX" "$stamp_inputs"
rt_log "libc++ and libc++abi built in $(( $(date +%s) - start )) s ($(du -sh "$LIBCXX_INCDIR" | cut -f1) headers, $(du -ch "$LIBCXX_LIBDIR/libc++.a" "$LIBCXX_LIBDIR/libc++abi.a" | tail -n1 | cut -f1) libraries)"
