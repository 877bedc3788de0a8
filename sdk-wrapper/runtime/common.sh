#!/usr/bin/env bash
# Shared settings of the instrumented-runtime build (sourced by the
# build-*.sh scripts beside this file; see docs/runtime.md).
#
# Everything is built from Debian source packages fetched with `apt-get
# source` into a cache under the build tree, and installed into one sysroot:
#   $STACKCAP_RUNTIME_DIR/src/       downloaded and unpacked sources (cache)
#   $STACKCAP_RUNTIME_DIR/work/      object files
#   $STACKCAP_RUNTIME_DIR/sysroot/   include/wasm32-wasi, lib/wasm32-wasi
#                                    (wasm32-wasip1 are links to them)
# All code is compiled with the stackcap plugin and -stackcap-limit-at-link,
# so one runtime serves every limit (the wrappers set it when linking).
set -euo pipefail

STACKCAP_ROOT=${STACKCAP_ROOT:-$(cd "$(dirname "${BASH_SOURCE[0]}")/../.." && pwd)}
STACKCAP_BUILD_DIR=${STACKCAP_BUILD_DIR:-$STACKCAP_ROOT/build}
STACKCAP_RUNTIME_DIR=${STACKCAP_RUNTIME_DIR:-$STACKCAP_BUILD_DIR/runtime}
RT_SRC=$STACKCAP_RUNTIME_DIR/src
# STACKCAP_RUNTIME_PROFILE: compat (the default) or lean (docs/spec/lean.md).
# Each profile has its own objects, sysroot and stamps; the sources are shared.
RT_PROFILE=${STACKCAP_RUNTIME_PROFILE:-compat}
case "$RT_PROFILE" in
  compat) RT_SUFFIX= ;;
  lean) RT_SUFFIX=-lean ;;
  *) echo "stackcap-runtime: error: STACKCAP_RUNTIME_PROFILE must be compat or lean, got '$RT_PROFILE'" >&2; exit 1 ;;
esac
RT_WORK=$STACKCAP_RUNTIME_DIR/work$RT_SUFFIX
RT_SYSROOT=$STACKCAP_RUNTIME_DIR/sysroot$RT_SUFFIX
RT_TRIPLE=wasm32-wasi
RT_PLUGIN=$STACKCAP_BUILD_DIR/lib/stackcap-plugin.so
RT_CC=/usr/bin/clang-22
RT_CXX=/usr/bin/clang++-22
RT_AR=/usr/bin/llvm-ar-22
RT_RANLIB=/usr/bin/llvm-ranlib-22
RT_NM=/usr/bin/llvm-nm-22
# Flags every runtime object is compiled with. The prefix map keeps the build
# tree's paths (in __FILE__ of assertions, say) out of the libraries, which
# are installed and packaged: they name /stackcap-runtime/src/... instead.
RT_STACKCAP_FLAGS="-fpass-plugin=$RT_PLUGIN -mllvm -stackcap-limit-at-link -mllvm -stackcap-profile=$RT_PROFILE -ffile-prefix-map=$STACKCAP_RUNTIME_DIR=/stackcap-runtime"
RT_JOBS=${RT_JOBS:-$(nproc)}
export STACKCAP_ROOT STACKCAP_BUILD_DIR STACKCAP_RUNTIME_DIR

rt_log() { echo "stackcap-runtime: $*" >&2; }
rt_die() { echo "stackcap-runtime: error: $*" >&2; exit 1; }

[ -f "$RT_PLUGIN" ] || rt_die "the plugin is not built ($RT_PLUGIN): build the project first"

# Debian source packages need deb-src entries in apt's sources. Adding them
# edits the system, so it is scripts/setup.sh's job (with the apt-get and
# sudo it needs); the build only checks that apt knows the package's sources.
rt_require_deb_src() {
  local pkg=$1 known
  # (Read whole, not piped into grep -q: under pipefail the SIGPIPE of a
  # long answer would count as "unknown".)
  known=$(apt-cache showsrc "$pkg" 2>/dev/null) || true
  grep -q '^Version: ' <<< "$known" ||
    rt_die "apt knows no source package $pkg: the runtime is built from Debian source packages, which need deb-src entries in apt's sources; run scripts/setup.sh (it adds them, as /etc/apt/sources.list.d/stackcap-deb-src.sources, and runs apt-get update), then build again"
}

# rt_download_source PACKAGE DIR [apt-get source options...]: downloads the
# Debian source package PACKAGE into DIR with `apt-get source`, and succeeds
# once DIR holds its .orig tarball. The index may name a version whose files
# the archive no longer (or not yet) serves: a security upload that replaced
# the .dsc, or one the mirror answers with 404. Then every version apt knows
# is tried, newest first; any of them has
# the upstream sources the builds need.
rt_download_source() {
  local pkg=$1 dir=$2; shift 2
  mkdir -p "$dir"
  _rt_have_orig() { ls "$dir/${pkg}_"*.orig.tar.* >/dev/null 2>&1; }
  _rt_have_orig && return 0
  rt_require_deb_src "$pkg"
  rt_log "downloading the Debian source package $pkg into $dir"
  (cd "$dir" && apt-get source "$@" "$pkg" >&2) || true
  _rt_have_orig && return 0
  # The index may be stale (apt-get update is scripts/setup.sh's, which
  # refreshes it): every version apt knows is tried, newest first.
  rt_log "apt-get source $pkg failed; trying every version apt knows"
  local v
  for v in $(apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -u -r -V); do
    (cd "$dir" && apt-get source "$@" "$pkg=$v" >&2) || true
    _rt_have_orig && return 0
  done
  rt_die "apt-get source $pkg failed for every version apt knows ($(apt-cache showsrc "$pkg" 2>/dev/null | sed -n 's/^Version: //p' | sort -u | tr '\n' ' ')); the package index may be stale: run scripts/setup.sh (it runs apt-get update), then build again"
}

# rt_fetch PACKAGE: downloads a Debian source package into $RT_SRC (once)
# and prints the path of its .orig tarball.
rt_fetch() {
  local pkg=$1
  rt_download_source "$pkg" "$RT_SRC" --download-only
  ls "$RT_SRC/${pkg}_"*.orig.tar.* | head -n1
}

# rt_stamp NAME INPUTS...: true when the stamp for NAME records exactly the
# given inputs (so the step need not run again).
rt_stamp_ok() {
  local name=$1; shift
  [ -f "$STACKCAP_RUNTIME_DIR/$name.stamp" ] && [ "$(cat "$STACKCAP_RUNTIME_DIR/$name.stamp")" = "$*" ]
}
rt_stamp_write() {
  local name=$1; shift
  echo "$*" > "$STACKCAP_RUNTIME_DIR/$name.stamp"
}

# The identity of what builds the runtime: the plugin and the compiler.
rt_toolchain_id() {
  sha256sum "$RT_PLUGIN" | cut -c1-16
  "$RT_CC" --version | head -n1
}

# rt_llvm19_extract DIR...: makes $RT_LLVM19_SRC/DIR hold DIR of the LLVM 19
# source tree (DIR relative to its top, e.g. compiler-rt/lib/builtins, libcxx,
# runtimes, cmake), from the orig tarball of the Debian source package
# llvm-toolchain-19 (the LLVM 22 one is not downloadable). Each DIR is
# extracted once and stamped (llvm19-src-DIR.stamp). Safe to run from several
# builders at once, in parallel or in sequence: extraction holds a lock, does
# one pass over the tarball for every requested DIR not stamped yet, extracts
# into a temporary directory and moves each DIR into place before stamping it.
RT_LLVM19_SRC=$RT_SRC/llvm-19
rt_llvm19_extract() {
  local orig top d name missing=() t0
  orig=$(rt_fetch llvm-toolchain-19)
  top=$(basename "$orig"); top=${top%.orig.tar.*}     # llvm-toolchain-19_19.1.7
  mkdir -p "$RT_LLVM19_SRC"
  exec {_rt_lock}>"$RT_SRC/llvm-19.lock"   # the lock build-libcxx.sh takes too
  flock "$_rt_lock"
  for d in "$@"; do
    d=${d%/}; name=llvm19-src-${d//\//_}
    if ! rt_stamp_ok "$name" "$(basename "$orig")" || [ ! -d "$RT_LLVM19_SRC/$d" ]; then
      missing+=("$d")
    fi
  done
  if [ ${#missing[@]} -gt 0 ]; then
    rt_log "extracting ${missing[*]} from $(basename "$orig")"
    t0=$SECONDS
    local tmp
    tmp=$(mktemp -d "$RT_LLVM19_SRC/.extract.XXXXXX")
    tar -xJf "$orig" -C "$tmp" "${missing[@]/#/$top/}" ||
      { rm -rf "$tmp"; flock -u "$_rt_lock"; rt_die "extracting ${missing[*]} from $orig failed"; }
    for d in "${missing[@]}"; do
      rm -rf "${RT_LLVM19_SRC:?}/$d"
      mkdir -p "$(dirname "$RT_LLVM19_SRC/$d")"
      mv "$tmp/$top/$d" "$RT_LLVM19_SRC/$d"
      rt_stamp_write "llvm19-src-${d//\//_}" "$(basename "$orig")"
    done
    rm -rf "$tmp"
    rt_log "extracted in $((SECONDS - t0)) s"
  fi
  flock -u "$_rt_lock"
  exec {_rt_lock}>&-
}

# rt_check_instrumented FILE...: fails naming every object (or archive member)
# that defines code but not the stackcap counter, i.e. was compiled without
# the plugin (an instrumented object that defines a function has a thunk or a
# counted call, so it defines __stackcap_stack_height).
rt_check_instrumented() {
  local bad
  bad=$("$RT_NM" -A "$@" 2>/dev/null | awk '
    { i = index($0, ": "); if (i == 0) next
      key = substr($0, 1, i - 1); n = split(substr($0, i + 2), f, " ")
      if (n >= 3 && (f[2] == "T" || f[2] == "t")) code[key] = 1
      if (f[n] == "__stackcap_stack_height") ctr[key] = 1 }
    END { for (k in code) if (!(k in ctr)) print k }' | sort)
  [ -z "$bad" ] || rt_die "compiled without the stackcap plugin: $(echo $bad)"
}
