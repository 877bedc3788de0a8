# stackcap-common.sh: what stackcap-clang and stackcap-rustc share (sourced,
# never run). Installed beside the toolchain file as
# share/stackcap/stackcap-common.sh; the wrappers find it relative to
# themselves. Expects $name (the tool's name for messages) and $prefix (the
# SDK or build directory: $prefix/bin/stackcap-verify).

# The largest stack limit at which, in node 20 at its default stack size,
# stackcap's counter was measured to trap before node's own stack overflows
# for recursions with up to 8 parameters (bench/node-stack-bench.sh; the
# figures are in docs/wrappers.md, "The limit"). Above it a deep recursion may
# end in node's RangeError, which is not deterministic.
STACKCAP_NODE_SAFE_LIMIT=65536

# stackcap_missing WHAT PATH BUILD_HINT: fails because a part of stackcap is
# missing. In a build tree (the wrappers run from <build>/bin, beside
# CMakeCache.txt) BUILD_HINT says how to build it; in an installed SDK (a
# release tarball, the .deb, `cmake --install`) nothing is built, so the
# installation is incomplete. Expects $prefix.
stackcap_missing() {
  local what=$1 path=$2 hint=$3
  if [ -f "$prefix/CMakeCache.txt" ]; then
    stackcap_die "$what is not built ($path): $hint"
  fi
  stackcap_die "$what is missing from this stackcap installation ($path not found under $prefix): the installation is incomplete; install the SDK again (the release tarball, the .deb, or 'cmake --install' of a complete build; see stackcap's README, \"Install\")"
}

stackcap_die() { echo "$name: error: $*" >&2; exit 1; }
stackcap_warn() { echo "$name: warning: $*" >&2; }

# stackcap_check_limit VALUE FROM: prints VALUE normalised (no leading zeros:
# clang and LLVM would read "0010" as octal), or fails with a message naming
# FROM (the flag or variable it came from). 0 is refused: every counted call
# would trap. Limits above STACKCAP_NODE_SAFE_LIMIT are accepted with a
# warning (other engines, and chains with larger native stacks, take more).
stackcap_check_limit() {
  local v=$1 from=$2 n
  [[ "$v" =~ ^[0-9]{1,10}$ ]] && [ $((10#$v)) -le 4294967295 ] ||
    stackcap_die "$from needs a decimal number from 1 to 4294967295, got '$v'"
  n=$((10#$v))
  [ "$n" -gt 0 ] ||
    stackcap_die "$from=0 would make every counted call trap; the limit is the stack budget (in value slots) of a whole call chain, for example 65536"
  if [ "$n" -gt "$STACKCAP_NODE_SAFE_LIMIT" ] && [ -z "${STACKCAP_QUIET_LIMIT:-}" ]; then
    stackcap_warn "$from=$n is above $STACKCAP_NODE_SAFE_LIMIT, the largest limit known to trap before node 20's own stack overflows (at its default stack size); deeper recursion may end in a RangeError that is not deterministic (docs/wrappers.md, \"The limit\"; set STACKCAP_QUIET_LIMIT=1 to silence this)"
  fi
  echo "$n"
}

# stackcap_version COMPILER_VERSION_LINE: the wrapper's --version header:
# stackcap's version and git revision and its profiles (from stackcap-verify,
# the one place they are defined), and the LLVM behind the wrapped compiler.
stackcap_version() {
  local llvm=$1 v verify=$prefix/bin/stackcap-verify
  v=$("$verify" --version 2>/dev/null) || stackcap_die "cannot run $verify --version"
  echo "$name: $(printf '%s\n' "$v" | head -n1)"
  printf '%s\n' "$v" | tail -n +2
  echo "LLVM: $llvm"
}
