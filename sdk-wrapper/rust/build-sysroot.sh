#!/usr/bin/env bash
# build-sysroot.sh: builds the instrumented no_std Rust sysroot (core,
# compiler_builtins, alloc) for wasm32-unknown-unknown from Debian's
# rust-web-src with Debian's rustc-web and the stackcap plugin, offline.
#
#   build-sysroot.sh [--build-dir DIR] [--target wasm32-unknown-unknown|wasm32-wasip1] [--plain]
#                    [--profile compat|lean]
# --profile lean builds for stack-limit profile lean (docs/spec/lean.md) into
# <build>/rust-sysroot-lean/<target>, wasm32-wasip1 against the runtime built
# for lean.
#
# wasm32-wasip1: the whole std, built by Debian's cargo with
# -Z build-std from the same sources and the vendored crates (offline), and
# lib/rustlib/wasm32-wasip1/lib/self-contained linked to the instrumented
# WASI runtime (<build>/share/stackcap/sysroot/lib/wasm32-wasi, or
# $STACKCAP_SYSROOT/lib/wasm32-wasi), where rustc finds crt1-command.o,
# crt1-reactor.o and libc.a.
#
# --plain builds the same crates WITHOUT the plugin into
# <build>/rust-sysroot-plain/<target> (for tests that compare instrumented and
# uninstrumented modules).
#
# Output: <build>/rust-sysroot/<target>/lib/rustlib/<target>/lib/lib*.rlib,
# usable as `rustc --sysroot <build>/rust-sysroot/<target>`.
#
# Every crate is compiled with -Z llvm-plugins=<plugin> and
# -C llvm-args=-stackcap-limit-at-link: the limit is a placeholder that
# `stackcap-instrument --entries-only --limit N` sets after each link, so the
# same sysroot serves every limit. Re-running does nothing when the stamp
# (rustc version, plugin checksum, flags, stamp_version) is unchanged.
#
# Environment: STACKCAP_RUSTC (default /usr/bin/rustc, Debian's rustc-web),
# STACKCAP_RUST_SRC (default /usr/src/rustc-<version>/library or
# /usr/lib/rustlib/src/rust/library), STACKCAP_PLUGIN.
set -euo pipefail

here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
# From the source tree (sdk-wrapper/rust/) the build is <root>/build; as
# installed (<build>/share/stackcap/rust/) it is three levels up.
if [ -f "$here/../stackcap-clang" ]; then
  build=${STACKCAP_BUILD_DIR:-$(cd "$here/../.." && pwd)/build}
else
  build=${STACKCAP_BUILD_DIR:-$(cd "$here/../../.." && pwd)}
fi
target=wasm32-unknown-unknown
plain=0
profile=compat
while [ $# -gt 0 ]; do
  case "$1" in
    --build-dir) build=$2; shift 2 ;;
    --target) target=$2; shift 2 ;;
    --plain) plain=1; shift ;;
    --profile) profile=$2; shift 2 ;;
    *) echo "build-sysroot.sh: unknown argument $1" >&2; exit 64 ;;
  esac
done
case "$profile" in
  compat) suffix= ;;
  lean) suffix=-lean ;;
  *) echo "build-sysroot.sh: --profile takes compat or lean, not $profile" >&2; exit 64 ;;
esac
case "$target" in
  wasm32-unknown-unknown|wasm32-wasip1) ;;
  *) echo "build-sysroot.sh: only wasm32-unknown-unknown (no_std) and wasm32-wasip1 (std) are supported, not $target" >&2; exit 64 ;;
esac

rustc=${STACKCAP_RUSTC:-/usr/bin/rustc}
plugin=${STACKCAP_PLUGIN:-$build/lib/stackcap-plugin.so}
[ -x "$rustc" ] || { echo "build-sysroot.sh: $rustc not found (Debian package rustc-web)" >&2; exit 1; }
[ -f "$plugin" ] || { echo "build-sysroot.sh: plugin $plugin not built" >&2; exit 1; }
version=$("$rustc" -vV | sed -n 's/^release: //p')
src=${STACKCAP_RUST_SRC:-}
if [ -z "$src" ]; then
  for d in "/usr/src/rustc-$version/library" /usr/lib/rustlib/src/rust/library; do
    [ -f "$d/core/src/lib.rs" ] && { src=$d; break; }
  done
fi
[ -n "$src" ] && [ -f "$src/core/src/lib.rs" ] ||
  { echo "build-sysroot.sh: Rust library sources not found (Debian package rust-web-src)" >&2; exit 1; }

if [ $plain = 1 ]; then out=$build/rust-sysroot-plain/$target; else out=$build/rust-sysroot$suffix/$target; fi
lib=$out/lib/rustlib/$target/lib
stamp=$out/.stackcap-stamp
# Everything the result depends on.
flags=(--target "$target" -C opt-level=3 -C panic=abort -C debuginfo=0
       -Z force-unstable-if-unmarked)
[ $plain = 1 ] || flags+=(-Z llvm-plugins="$plugin" -C llvm-args=-stackcap-limit-at-link)
[ $plain = 1 ] || [ $profile = compat ] || flags+=(-C llvm-args=-stackcap-profile=lean)
# (Bump stamp_version when the crate commands below change.)
stamp_version=2
want="v$stamp_version rustc=$("$rustc" -vV | tr '\n' ' ') src=$src flags=${flags[*]}"
[ $plain = 1 ] || want="$want plugin=$(sha256sum "$plugin" | cut -c1-64)"
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi
# One build at a time per sysroot (parallel tests, a build beside them): wait
# for the lock, then look at the stamp again.
mkdir -p "$(dirname "$out")"
exec 9> "$out.lock"
flock 9
if [ -f "$stamp" ] && [ "$(cat "$stamp")" = "$want" ]; then
  exit 0
fi

rm -rf "$out"
mkdir -p "$lib"
export RUSTC_BOOTSTRAP=1
# rustc 1.96 parses -C llvm-args before it loads -Z llvm-plugins (they are
# loaded only when the optimisation pipeline is built), so the plugin's own
# options would be "Unknown command line argument". Preloading the plugin
# registers them first; -Z llvm-plugins then finds it already loaded.
[ $plain = 1 ] || export LD_PRELOAD="$plugin${LD_PRELOAD:+:$LD_PRELOAD}"
# The rlibs are installed and packaged: no path of this machine may stay in
# them. The sources become /rustc/library (as in rustup's sysroots); the
# working directory, which rustc records, and the build tree (cargo's
# target directory, build scripts' OUT_DIR) become /stackcap-build.
remap=(--remap-path-prefix "$PWD=/stackcap-build" --remap-path-prefix "$build=/stackcap-build"
       --remap-path-prefix "$src=/rustc/library")
common=("${flags[@]}" --sysroot "$out" -L "dependency=$lib" --out-dir "$lib"
        "${remap[@]}" --cap-lints allow
        -C metadata=stackcap -C extra-filename=)
t0=$(date +%s)

step() { echo "stackcap: rust sysroot: $*" >&2; }

if [ "$target" = wasm32-wasip1 ]; then
  runtime=${STACKCAP_SYSROOT:-$build/share/stackcap/sysroot$suffix}/lib/wasm32-wasi
  if [ $plain = 1 ]; then runtime=/usr/lib/wasm32-wasi; fi
  [ -f "$runtime/libc.a" ] && [ -f "$runtime/crt1-command.o" ] ||
    { echo "build-sysroot.sh: no WASI runtime at $runtime (the instrumented one is built by the stackcap-runtime target)" >&2; exit 1; }
  cargo=${STACKCAP_CARGO:-/usr/bin/cargo}
  [ -x "$cargo" ] || { echo "build-sysroot.sh: $cargo not found (Debian package cargo-web)" >&2; exit 1; }
  work=$build/rust-sysroot-work/$target$suffix
  [ $plain = 0 ] || work=$work-plain
  rm -rf "$work"
  mkdir -p "$work/src" "$work/.cargo"
  printf '[package]\nname = "stackcap-std"\nversion = "0.0.0"\nedition = "2021"\n[lib]\npath = "src/lib.rs"\n[profile.release]\nopt-level = 3\npanic = "abort"\n' > "$work/Cargo.toml"
  : > "$work/src/lib.rs"
  printf '[source.crates-io]\nreplace-with = "vendored"\n[source.vendored]\ndirectory = "%s"\n' "$src/vendor" > "$work/.cargo/config.toml"
  rustflags="-Z force-unstable-if-unmarked ${remap[*]}"
  [ $plain = 1 ] || rustflags="$rustflags -Z llvm-plugins=$plugin -C llvm-args=-stackcap-limit-at-link"
  [ $plain = 1 ] || [ $profile = compat ] || rustflags="$rustflags -C llvm-args=-stackcap-profile=lean"
  step "std, by cargo -Z build-std"
  # Build scripts run on the host: they get no target flags (the preloaded
  # plugin leaves non-wasm32 code alone).
  (cd "$work" && env PATH=/usr/bin:/bin CARGO_HOME="$work/.cargo-home" RUSTC="$rustc" \
     CARGO_TARGET_WASM32_WASIP1_RUSTFLAGS="$rustflags" \
     "$cargo" build --offline --release -Z build-std=std,panic_abort --target "$target" \
       --target-dir "$work/target" >&2)
  cp "$work/target/$target/release/deps/"*.rlib "$lib/"
  rm -f "$lib"/libstackcap_std-*.rlib
  ln -sfn "$runtime" "$lib/self-contained"
  t1=$(date +%s)
  echo "$want" > "$stamp"
  step "done in $((t1 - t0)) s: $lib"
  exit 0
fi

step "core"
"$rustc" "${common[@]}" --edition 2024 --crate-type rlib --crate-name core \
  "$src/core/src/lib.rs"

# compiler_builtins: what its build.rs would emit for this target (no C
# code; the mem feature because wasm32-unknown-unknown has no libc; f16/f128
# because rustc reports them reliable on wasm32).
step "compiler_builtins"
"$rustc" "${common[@]}" --edition 2024 --crate-type rlib --crate-name compiler_builtins \
  --cfg 'feature="compiler-builtins"' --cfg 'feature="mem"' \
  --cfg 'feature="unstable-intrinsics"' --cfg intrinsics_enabled \
  --cfg arch_enabled --cfg optimizations_enabled \
  --cfg f16_enabled --cfg f128_enabled \
  -Z unstable-options --env-set CFG_CARGO_FEATURES='["compiler-builtins", "mem"]' \
  --env-set CFG_OPT_LEVEL=3 --env-set CFG_TARGET_FEATURES='[]' \
  -C codegen-units=10000 \
  --extern core="$lib/libcore.rlib" \
  "$src/compiler-builtins/compiler-builtins/src/lib.rs"

step "alloc"
"$rustc" "${common[@]}" --edition 2024 --crate-type rlib --crate-name alloc \
  --extern core="$lib/libcore.rlib" \
  --extern compiler_builtins="$lib/libcompiler_builtins.rlib" \
  "$src/alloc/src/lib.rs"

t1=$(date +%s)
echo "$want" > "$stamp"
step "done in $((t1 - t0)) s: $lib"
