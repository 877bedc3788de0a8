#!/usr/bin/env bash
# Builds wasi-libc from the Debian source package, every object compiled with
# the stackcap plugin (-stackcap-limit-at-link), into $RT_SYSROOT:
#   include/wasm32-wasi/         headers
#   lib/wasm32-wasi/             crt1*.o, libc.a, libc-printscan-*.a,
#                                libwasi-emulated-*.a and the empty libm.a,
#                                librt.a, libpthread.a ... that the Makefile makes
#   include|lib/wasm32-wasip1 -> wasm32-wasi
# Skipped when its stamp (source tarball, plugin, compiler, this script) matches.
#
# How the upstream Makefile is used (on a copy, Makefile.stackcap):
#   - the Debian patches (debian/patches/series) are applied first; they only
#     touch the Makefile (-Wno-unused-command-line-argument, stamp files for
#     the phony targets) and the expected macro list of check-symbols;
#   - `-Werror` is removed: clang 22 warns about code in this 2022 tree;
#   - `finish: check-symbols` is removed: check-symbols compares the defined and
#     undefined symbols with the lists in expected/, and the instrumentation
#     adds symbols (the hidden counter __stackcap_stack_height), so it cannot
#     match; everything else of `finish` (headers, crt1*.o, the libraries and
#     the empty placeholder libraries) is built as upstream does.
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/common.sh"

WASI_LIBC_VERSION=0.0~git20220510.9886d3d-2

orig=$(rt_fetch wasi-libc)
case $(basename "$orig") in
  "wasi-libc_${WASI_LIBC_VERSION%-*}.orig.tar."*) ;;
  *) rt_die "expected wasi-libc ${WASI_LIBC_VERSION%-*}, found $orig" ;;
esac
debian_tar=$(ls "$RT_SRC/wasi-libc_${WASI_LIBC_VERSION}.debian.tar."* 2>/dev/null | head -n1 || true)
[ -n "$debian_tar" ] || rt_die "the Debian part of wasi-libc $WASI_LIBC_VERSION is missing in $RT_SRC"

extra_cflags="-O2 -DNDEBUG -fno-stack-protector $RT_STACKCAP_FLAGS"
inputs="$(basename "$orig") $(basename "$debian_tar") $(sha256sum "${BASH_SOURCE[0]}" | cut -c1-16) $extra_cflags $(rt_toolchain_id)"
lib=$RT_SYSROOT/lib/$RT_TRIPLE
inc=$RT_SYSROOT/include/$RT_TRIPLE
if rt_stamp_ok "wasi-libc$RT_SUFFIX" "$inputs" && [ -f "$lib/libc.a" ] && [ -f "$lib/crt1-command.o" ]; then
  rt_log "wasi-libc: up to date"
  exit 0
fi

start=$(date +%s)
work=$RT_WORK/wasi-libc
srcdir=$work/src
rm -rf "$work"
mkdir -p "$srcdir"
rt_log "wasi-libc: unpacking $(basename "$orig")"
tar -xf "$orig" -C "$srcdir" --strip-components=1
tar -xf "$debian_tar" -C "$srcdir"
if [ -f "$srcdir/debian/patches/series" ]; then
  while read -r p _; do
    case $p in ''|'#'*) continue ;; esac
    rt_log "wasi-libc: applying Debian patch $p"
    patch -d "$srcdir" -p1 --quiet --forward < "$srcdir/debian/patches/$p" ||
      rt_die "Debian patch $p does not apply"
  done < "$srcdir/debian/patches/series"
fi

# The one source file with inline assembly that gets compiled (the others are
# asm labels, or x86 code under #if) is musl's explicit_bzero: an empty asm
# statement as a compiler barrier, which emits no instruction and which the
# plugin accepts as such.

# Our copy of the Makefile: no -Werror, no check-symbols.
sed -e 's/ -Werror\b//' -e 's/^finish: check-symbols$/# (stackcap) &/' \
  "$srcdir/Makefile" > "$srcdir/Makefile.stackcap"
grep -q -- '-Werror' "$srcdir/Makefile.stackcap" && rt_die "could not remove -Werror from the wasi-libc Makefile"
grep -q '^finish: check-symbols' "$srcdir/Makefile.stackcap" && rt_die "could not remove check-symbols from the wasi-libc Makefile"

# What this script installs is rebuilt from scratch (the sysroot is shared with
# the other runtime builders, so only these files are removed; `ar crs` would
# otherwise add to an old archive).
rm -f "$lib"/crt1*.o "$lib"/libc.a "$lib"/libc-printscan-*.a "$lib"/libwasi-emulated-*.a
for name in m rt pthread crypt util xnet resolv dl; do rm -f "$lib/lib$name.a"; done

rt_log "wasi-libc: building with $RT_JOBS jobs"
make -C "$srcdir" -f Makefile.stackcap -j"$RT_JOBS" \
  CC="$RT_CC" AR="$RT_AR" NM="$RT_NM" \
  EXTRA_CFLAGS="$extra_cflags" \
  THREAD_MODEL=single MALLOC_IMPL=dlmalloc \
  SYSROOT="$RT_SYSROOT" SYSROOT_INC="$inc" SYSROOT_LIB="$lib" \
  OBJDIR="$work/obj" \
  finish > "$work/build.log" 2>&1 ||
  { tail -n 40 "$work/build.log" >&2; rt_die "wasi-libc build failed (log: $work/build.log)"; }
# (Not counted: the driver's "--target=wasm32-wasi is deprecated" on every
# compile; the Makefile hard-codes that triple, the multiarch name.)
nwarn=$(grep 'warning:' "$work/build.log" | grep -vc 'is deprecated, use --target' || true)
[ "$nwarn" -eq 0 ] || rt_log "wasi-libc: $nwarn compiler warnings (see $work/build.log)"

# Every compile must have loaded the plugin.
ncc=$(grep -c -- " -c " "$work/build.log" || true)
nplugin=$(grep -- " -c " "$work/build.log" | grep -c -- "-fpass-plugin=$RT_PLUGIN" || true)
[ "$ncc" -eq "$nplugin" ] || rt_die "wasi-libc: $((ncc - nplugin)) compile commands without the plugin (log: $work/build.log)"
rt_check_instrumented "$lib"/crt1*.o "$lib"/libc.a "$lib"/libc-printscan-*.a "$lib"/libwasi-emulated-*.a

ln -sfn "$RT_TRIPLE" "$RT_SYSROOT/include/wasm32-wasip1"
ln -sfn "$RT_TRIPLE" "$RT_SYSROOT/lib/wasm32-wasip1"

rt_stamp_write "wasi-libc$RT_SUFFIX" "$inputs"
rt_log "wasi-libc: built in $(( $(date +%s) - start )) s"
