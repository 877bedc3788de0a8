#!/usr/bin/env bash
# install-sdk.sh BUILD DIR: `cmake --install BUILD` into DIR.stage, then moves
# it to DIR (the SDK must be relocatable), and checks that no file of it names
# the staging directory (which would break after the move). Quiet unless it fails.
set -euo pipefail
build=$1 dir=$2
rm -rf "$dir" "$dir.stage"
cmake --install "$build" --prefix "$dir.stage" > "$dir.install.log" 2>&1 ||
  { cat "$dir.install.log" >&2; exit 1; }
mv "$dir.stage" "$dir"
if grep -rlF -- "$dir.stage" "$dir" >&2; then
  echo "install-sdk.sh: these installed files name the staging prefix $dir.stage" >&2
  exit 1
fi
# Links must stay inside the SDK (relative), so that moving it keeps them.
bad=$(find "$dir" -type l -lname '/*' -print)
[ -z "$bad" ] || { echo "install-sdk.sh: absolute links: $bad" >&2; exit 1; }
broken=$(find -L "$dir" -type l -print)
[ -z "$broken" ] || { echo "install-sdk.sh: broken links: $broken" >&2; exit 1; }
