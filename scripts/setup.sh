#!/usr/bin/env bash
# Installs the Debian packages stackcap needs (only those missing), adds the
# deb-src entries the instrumented runtime's Debian source packages need,
# then configures and builds the project in $STACKCAP_BUILD_DIR (default:
# build/). Everything that changes the system (apt-get, sudo, apt's sources)
# happens here; the build itself only reads the system, and fails naming this
# script when something is missing.
# Sourced by scripts/demo.sh and scripts/test.sh; safe to run again: it does
# nothing that is already done.
set -euo pipefail

STACKCAP_ROOT=$(cd "$(dirname "${BASH_SOURCE[0]}")/.." && pwd)
STACKCAP_BUILD_DIR=${STACKCAP_BUILD_DIR:-$STACKCAP_ROOT/build}
export STACKCAP_ROOT STACKCAP_BUILD_DIR

# Debian 12 (bookworm) packages; the LLVM 22 toolchain comes from the
# bookworm archive itself.
STACKCAP_PACKAGES=(
  cmake ninja-build python3 nodejs
  clang-22 lld-22 llvm-22-dev llvm-22-tools libclang-rt-22-dev
  libclang-rt-22-dev-wasm32 wasi-libc libc++-22-dev-wasm32 libc++abi-22-dev-wasm32
  wabt binaryen googletest libgtest-dev rustc-web cargo-web rust-web-src
  xz-utils patch
  pkg-config make   # test/lit/install: the embedding examples (pkg-config, make)
  csmith libcsmith-dev   # test/lit/runtime/csmith-differential.test
)

stackcap_install_packages() {
  local missing=()
  local p
  for p in "${STACKCAP_PACKAGES[@]}"; do
    dpkg-query -W -f='${Status}' "$p" 2>/dev/null | grep -q "install ok installed" || missing+=("$p")
  done
  [ ${#missing[@]} -eq 0 ] && return 0
  echo "stackcap: installing Debian packages: ${missing[*]}"
  local sudo=""
  if [ "$(id -u)" -ne 0 ]; then
    command -v sudo >/dev/null || { echo "stackcap: need root (or sudo) to install ${missing[*]}" >&2; return 1; }
    sudo="sudo"
  fi
  $sudo apt-get update -qq
  DEBIAN_FRONTEND=noninteractive $sudo apt-get install -y -qq --no-install-recommends "${missing[@]}"
}

stackcap_sudo() {
  if [ "$(id -u)" -eq 0 ]; then "$@"; return; fi
  command -v sudo >/dev/null || { echo "stackcap: need root (or sudo) for: $*" >&2; return 1; }
  sudo "$@"
}

# The instrumented runtime (sdk-wrapper/runtime/) is built from Debian source
# packages, fetched with `apt-get source`: that needs deb-src entries for
# bookworm and bookworm-security (which holds some of the sources).
STACKCAP_DEB_SRC_LIST=/etc/apt/sources.list.d/stackcap-deb-src.sources
stackcap_add_deb_src() {
  # Sources apt knows already (ours, or the machine's own deb-src lines).
  local known
  known=$(apt-cache showsrc wasi-libc 2>/dev/null) || true
  if [ -f "$STACKCAP_DEB_SRC_LIST" ] || grep -q '^Version: ' <<< "$known"; then
    return 0
  fi
  echo "stackcap: adding deb-src entries ($STACKCAP_DEB_SRC_LIST)"
  stackcap_sudo tee "$STACKCAP_DEB_SRC_LIST" >/dev/null <<'SRC'
# Added by stackcap (scripts/setup.sh): the Debian source packages the
# instrumented runtime is built from.
Types: deb-src
URIs: http://deb.debian.org/debian
Suites: bookworm bookworm-updates
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg

Types: deb-src
URIs: http://deb.debian.org/debian-security
Suites: bookworm-security
Components: main
Signed-By: /usr/share/keyrings/debian-archive-keyring.gpg
SRC
  stackcap_sudo apt-get update -qq
}

stackcap_build() {
  if [ ! -f "$STACKCAP_BUILD_DIR/build.ninja" ]; then
    cmake -S "$STACKCAP_ROOT" -B "$STACKCAP_BUILD_DIR" -G Ninja \
      -DCMAKE_C_COMPILER=/usr/bin/clang-22 -DCMAKE_CXX_COMPILER=/usr/bin/clang++-22 \
      -DCMAKE_BUILD_TYPE=RelWithDebInfo
  fi
  cmake --build "$STACKCAP_BUILD_DIR"
}

stackcap_install_packages
stackcap_add_deb_src
stackcap_build
