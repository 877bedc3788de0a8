#!/usr/bin/env bash
# fetch.sh PKG...: downloads the Debian source packages of the third-party C
# libraries that test/lit/runtime exercises, and unpacks their upstream
# (.orig) tarballs, once, into a cache under the build tree:
#   $STACKCAP_BUILD_DIR/runtime-libs/src/<pkg>_<version>.orig.tar.*   (download)
#   $STACKCAP_BUILD_DIR/runtime-libs/src/<pkg>/                       (unpacked)
# The download is the runtime build's (common.sh: rt_download_source), so
# this works on a fresh machine too. Only the
# upstream tarball is used: the Debian patches of these packages are about
# packaging, not about the library code we compile.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# common.sh: STACKCAP_BUILD_DIR, rt_download_source, rt_log, rt_die.
source "$here/../../sdk-wrapper/runtime/common.sh"
SRC=$STACKCAP_BUILD_DIR/runtime-libs/src
mkdir -p "$SRC"

for pkg in "$@"; do
  [ -f "$SRC/$pkg/.unpacked" ] && continue
  # Serialise concurrent fetches of the same package (lit runs tests in parallel).
  exec 9>"$SRC/$pkg.lock"
  flock 9
  if [ ! -f "$SRC/$pkg/.unpacked" ]; then
    rt_download_source "$pkg" "$SRC" --download-only
    orig=$(ls "$SRC/${pkg}_"*.orig.tar.* | head -n1)
    rm -rf "$SRC/$pkg" "$SRC/$pkg.tmp"
    mkdir -p "$SRC/$pkg.tmp"
    tar -xf "$orig" -C "$SRC/$pkg.tmp" --strip-components=1
    mv "$SRC/$pkg.tmp" "$SRC/$pkg"
    touch "$SRC/$pkg/.unpacked"
  fi
  exec 9>&-
done
