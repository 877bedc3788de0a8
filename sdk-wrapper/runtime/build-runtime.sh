#!/usr/bin/env bash
# Builds the instrumented WASI runtime (docs/runtime.md) into
# <build>/runtime/sysroot, once: every step keeps a stamp of its inputs and is
# skipped when they did not change. Run by the build (target stackcap-runtime).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
source "$here/common.sh"

start=$(date +%s)
"$here/build-wasi-libc.sh"
"$here/build-builtins.sh"
"$here/build-libcxx.sh"

# Where the wrappers look for it: <prefix>/share/stackcap/sysroot (and
# sysroot-lean for profile lean).
mkdir -p "$STACKCAP_BUILD_DIR/share/stackcap"
ln -sfn "$RT_SYSROOT" "$STACKCAP_BUILD_DIR/share/stackcap/sysroot$RT_SUFFIX"
rt_log "runtime ready in $RT_SYSROOT ($(du -sh "$RT_SYSROOT" | cut -f1); $(( $(date +%s) - start )) s)"
