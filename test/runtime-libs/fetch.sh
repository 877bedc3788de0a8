#!/usr/bin/env bash
# fetch.sh PKG...: downloads the Debian source packages of the third-party C
# libraries that test/lit/runtime exercises, and unpacks their upstream
# (.orig) tarballs, once, into a cache under the build tree:
#   $STACKCAP_BUILD_DIR/runtime-libs/src/<pkg>_<version>.orig.tar.*   (download)
#   $STACKCAP_BUILD_DIR/runtime-libs/src/<pkg>/                       (unpacked)
# The deb-src entries come from the runtime build's common.sh
# (rt_ensure_deb_src), so this works on a fresh machine too. Only the
# upstream tarball is used: the Debian patches of these packages are about
# packaging, not about the library code we compile.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# common.sh: STACKCAP_BUILD_DIR, rt_ensure_deb_src, rt_log, rt_die.
source "$here/../../sdk-wrapper/runtime/common.sh"
SRC=$STACKCAP_BUILD_DIR/runtime-libs/src
mkdir -p "$SRC"

for pkg in "$@"; do
  [ -f "$SRC/$pkg/.unpacked" ] && continue
  # Serialise concurrent fetches of the same package (lit runs tests in parallel).
  exec 9>"$SRC/$pkg.lock"
  flock 9
  if [ ! -f "$SRC/$pkg/.unpacked" ]; then
    orig=$(ls "$SRC/${pkg}_"*.orig.tar.* 2>/dev/null | head -n1 || true)
    if [ -z "$orig" ]; then
      rt_ensure_deb_src
      rt_log "downloading the Debian source package $pkg into $SRC"
      if ! (cd "$SRC" && apt-get source --download-only "$pkg" >&2); then
        # Only the .orig tarball is needed. A stale package index (a newer
        # security upload replaced the .dsc it names) can fail the command
        # after the tarball arrived; otherwise refresh the index once.
        if ! ls "$SRC/${pkg}_"*.orig.tar.* >/dev/null 2>&1; then
          rt_log "apt-get source $pkg failed; refreshing the package index and retrying"
          apt-get update -qq >&2 || true
          (cd "$SRC" && apt-get source --download-only "$pkg" >&2) ||
            ls "$SRC/${pkg}_"*.orig.tar.* >/dev/null 2>&1 ||
            rt_die "apt-get source --download-only $pkg failed"
        fi
      fi
      orig=$(ls "$SRC/${pkg}_"*.orig.tar.* | head -n1)
    fi
    rm -rf "$SRC/$pkg" "$SRC/$pkg.tmp"
    mkdir -p "$SRC/$pkg.tmp"
    tar -xf "$orig" -C "$SRC/$pkg.tmp" --strip-components=1
    mv "$SRC/$pkg.tmp" "$SRC/$pkg"
    touch "$SRC/$pkg/.unpacked"
  fi
  exec 9>&-
done
