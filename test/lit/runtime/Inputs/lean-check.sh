#!/usr/bin/env bash
# lean-check.sh [--limit N] PLAIN.wasm LEAN.wasm [same-run options] [-- ARGS...]
# A module built in profile lean: it verifies under lean with limit N
# (default 65536) and is refused by compat's verifier (exit 1); its shadowed
# copy (stackcap-instrument --lean-shadow, LEAN-shadow.wasm) is written; the
# lean module and the shadowed copy both give the plain module's stdout,
# stderr and exit status (same-run.sh). Prints the shadowed run's output.
# stackcap-verify and stackcap-instrument come from PATH (lit puts the
# build's bin directory first).
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
limit=65536
if [ "${1:-}" = --limit ]; then limit=$2; shift 2; fi
plain=$1 lean=$2
shift 2
opts=()
while [ $# -gt 0 ] && [ "$1" != -- ]; do opts+=("$1"); shift; done
[ $# -gt 0 ] && shift
stackcap-verify --profile lean --limit "$limit" "$lean" > /dev/null
rc=0
stackcap-verify --limit "$limit" "$lean" > /dev/null || rc=$?
if [ $rc != 1 ]; then
  echo "lean-check.sh: $lean: compat's verifier exited $rc, not 1" >&2
  exit 1
fi
shadow=${lean%.wasm}-shadow.wasm
stackcap-instrument --lean-shadow "$lean" -o "$shadow"
bash "$here/same-run.sh" "${opts[@]}" "$plain" "$lean" "$@" > /dev/null
bash "$here/same-run.sh" "${opts[@]}" "$plain" "$shadow" "$@"
