#!/usr/bin/env bash
# same-run.sh [--stdin FILE] [--env NAME=VALUE]... [--dir GUEST=HOST]...
#             PLAIN.wasm STACKCAP.wasm [ARGS...]
# Runs both modules under node's WASI (run-wasi.mjs) with the same arguments,
# environment, preopened directories and stdin (the plain module runs first), and requires the same stdout, the same stderr and
# the same exit status (3 = trapped). On success prints STACKCAP.wasm's
# stdout followed by "exit N" and exits 0; otherwise prints the differences
# to stderr and exits 1.
set -uo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
node=${NODE:-node}
stdin=/dev/null
opts=()
while [ $# -gt 0 ]; do
  case "$1" in
    --stdin) stdin=$2; shift 2 ;;
    --env) opts+=(--env "$2"); shift 2 ;;
    --dir) opts+=(--dir "$2"); shift 2 ;;
    *) break ;;
  esac
done
[ $# -ge 2 ] || { echo "usage: same-run.sh [--stdin F] [--env N=V]... PLAIN.wasm STACKCAP.wasm [ARGS...]" >&2; exit 64; }
plain=$1 sc=$2
shift 2
tmp=$(mktemp -d)
trap 'rm -rf "$tmp"' EXIT
"$node" "$here/run-wasi.mjs" "${opts[@]}" "$plain" "$@" < "$stdin" > "$tmp/p.out" 2> "$tmp/p.err"
echo "exit $?" >> "$tmp/p.out"
"$node" "$here/run-wasi.mjs" "${opts[@]}" "$sc" "$@" < "$stdin" > "$tmp/s.out" 2> "$tmp/s.err"
echo "exit $?" >> "$tmp/s.out"
ok=0
if ! diff -u "$tmp/p.out" "$tmp/s.out" > "$tmp/d.out"; then
  echo "same-run.sh: stdout/exit status differ ($plain vs $sc, args: $*):" >&2
  cat "$tmp/d.out" >&2; ok=1
fi
if ! diff -u "$tmp/p.err" "$tmp/s.err" > "$tmp/d.err"; then
  echo "same-run.sh: stderr differs ($plain vs $sc, args: $*):" >&2
  cat "$tmp/d.err" >&2; ok=1
fi
[ $ok = 0 ] && cat "$tmp/s.out"
exit $ok
