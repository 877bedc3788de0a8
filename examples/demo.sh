#!/usr/bin/env bash
# stackcap demo: build a small C contract with a stack limit compiled in, verify
# it, print its per-function costs, run it in node and show that deep recursion
# traps at exactly the depth the cost model predicts (see examples/README.md).
#
# Usage: bash examples/demo.sh        (from anywhere; scripts/demo.sh builds first)
# Uses $STACKCAP_BUILD_DIR (default: the build/ directory next to examples/).
# Exit status: 0 when everything matches, 1 otherwise.
set -euo pipefail

LIMIT=4096   # the stack limit compiled into the contract

EXAMPLES=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
ROOT=$(dirname "$EXAMPLES")
BUILD=${STACKCAP_BUILD_DIR:-$ROOT/build}
BIN=$BUILD/bin
OUT=$BUILD/stackcap-demo
SRC=$EXAMPLES/counter-contract
NODE=${NODE:-node}

fail() { echo "demo: FAILED: $*" >&2; exit 1; }
for tool in stackcap-clang stackcap-verify; do
  [ -x "$BIN/$tool" ] || fail "$BIN/$tool not found: build first (bash scripts/setup.sh)"
done
[ -f "$BUILD/share/stackcap/stackcap-toolchain.cmake" ] || fail "no toolchain file in $BUILD/share/stackcap"
command -v "$NODE" >/dev/null || fail "node not found (set NODE=...)"
mkdir -p "$OUT"

echo "== stackcap demo: examples/counter-contract, stack limit $LIMIT =="

echo "-- build"
rm -f "$OUT/counter.wasm"
(cd "$OUT" && "$BIN/stackcap-clang" --stack-limit=$LIMIT -O2 -nostdlib -Wl,--no-entry \
   -o counter.wasm "$SRC/counter.c") || fail "stackcap-clang could not build the contract"
printf '  %-46s -> counter.wasm (%d bytes)\n' \
  "stackcap-clang --stack-limit=$LIMIT -O2 -nostdlib ..." "$(wc -c <"$OUT/counter.wasm")"

# The same contract through the CMake toolchain file must give the same module.
CMK=$OUT/cmake-build
if [ ! -f "$CMK/build.ninja" ] || ! grep -q "STACKCAP_STACK_LIMIT:STRING=$LIMIT\$" "$CMK/CMakeCache.txt"; then
  rm -rf "$CMK"
  cmake -G Ninja -S "$SRC" -B "$CMK" \
    -DCMAKE_TOOLCHAIN_FILE="$BUILD/share/stackcap/stackcap-toolchain.cmake" \
    -DSTACKCAP_STACK_LIMIT=$LIMIT >"$OUT/cmake-configure.log" 2>&1 \
    || { cat "$OUT/cmake-configure.log" >&2; fail "CMake could not configure the contract"; }
fi
# --clean-first: a toolchain rebuilt since the last run must rebuild the contract.
cmake --build "$CMK" --clean-first >"$OUT/cmake-build.log" 2>&1 \
  || { cat "$OUT/cmake-build.log" >&2; fail "CMake could not build the contract"; }
cmp -s "$CMK/counter.wasm" "$OUT/counter.wasm" || fail "the CMake build differs from the direct build"
printf '  %-46s -> counter.wasm (byte-identical)\n' "cmake -DCMAKE_TOOLCHAIN_FILE=... -DSTACKCAP_STACK_LIMIT=$LIMIT"

echo "-- verify: stackcap-verify --limit $LIMIT"
if ! verdict=$(cd "$OUT" && "$BIN/stackcap-verify" --limit $LIMIT counter.wasm); then
  echo "$verdict"; fail "the contract does not verify"
fi
echo "  $verdict"

echo "-- costs: stackcap-verify --print-costs (entered via: the thunk in front of the body)"
costs=$("$BIN/stackcap-verify" --print-costs "$OUT/counter.wasm") || fail "--print-costs failed"
# One row per function body with its cost (what every counted call of it adds),
# and how the host or a call_indirect reaches it: through the export thunk f of
# f.stackcap_body, through the table thunk f.stackcap_thunk of a static f, or
# only by direct calls. Thunks themselves are not listed. Two columns.
echo "$costs" | awk '
  { cost[$3] = $2; name[NR] = $3 }
  END {
    for (i = 1; i <= NR; i++) {
      n = name[i]
      if (n ~ /\.stackcap_thunk$/ || (n ".stackcap_body") in cost) continue
      base = n; sub(/\.stackcap_body$/, "", base)
      via = (n ~ /\.stackcap_body$/) ? "export" : ((n ".stackcap_thunk") in cost ? "table" : "-")
      row[++rows] = sprintf("%-11s %4s  %-6s", base, cost[n], via)
    }
    half = int((rows + 1) / 2)
    printf "  %-11s %4s  %-6s     %-11s %4s  %-6s\n", "function", "cost", "via", "function", "cost", "via"
    for (i = 1; i <= half; i++)
      printf "  %s     %s\n", row[i], (i + half <= rows ? row[i + half] : "")
  }' | sed 's/ *$//'
cost=$(echo "$costs" | awk '$3 == "descend.stackcap_body" { print $2 }')
[ -n "$cost" ] || fail "no descend.stackcap_body in the module"

# Normal calls, then the trap in three instances; the runner exits 1 if a trap
# depth differs from floor(LIMIT / cost(descend.stackcap_body)).
"$NODE" "$EXAMPLES/run-contract.mjs" "$OUT/counter.wasm" --limit $LIMIT --descend-cost "$cost" \
  || fail "the contract did not trap at the predicted depth"

# Once more in a separate node process: the trap line must be the same.
second=$("$NODE" "$EXAMPLES/run-contract.mjs" "$OUT/counter.wasm" --limit $LIMIT \
           --descend-cost "$cost" --trap-only) \
  || { echo "$second"; fail "the second run did not trap at the predicted depth"; }
echo "$second"
echo "== OK: every run trapped at depth $(( LIMIT / cost )) = floor($LIMIT / $cost), as predicted =="
