#!/usr/bin/env bash
# build-lib.sh LIB MODE OPT
#   LIB   zlib | expat | jansson
#   MODE  plain            clang-22 with Debian's (uninstrumented) wasi-libc
#         stackcap-N       stackcap-clang --stack-limit=N
#         stackcap-at-link stackcap-clang with -mllvm -stackcap-limit-at-link:
#                          the limit is a placeholder that the wrapper sets
#                          when the program is linked (one build, any limit;
#                          how the instrumented runtime itself is built)
#         stackcap-lean    stackcap-clang --stack-profile=lean (profile lean
#                          needs no limit in the objects: the link step
#                          writes it into the counter)
#   OPT   -O0 | -O2 | -Oz ...
# Builds the library's C sources from the Debian source package (fetch.sh)
# into a static library for wasm32-wasi, once per (LIB, MODE, OPT, inputs):
#   $STACKCAP_BUILD_DIR/runtime-libs/out/LIB/MODE/OPT-without-dash/{lib/libLIB.a,include/}
# and prints that directory. A stamp records the inputs (this script, the
# hand-written config headers, the plugin and wrapper); a later call with the
# same inputs reuses the build. Concurrent calls are serialised with flock.
set -euo pipefail
here=$(cd "$(dirname "${BASH_SOURCE[0]}")" && pwd)
root=$(cd "$here/../.." && pwd)
build=${STACKCAP_BUILD_DIR:-$root/build}
lib=$1 mode=$2 opt=$3
src=$build/runtime-libs/src
"$here/fetch.sh" "$lib" >&2

plain_cc="/usr/bin/clang-22 --target=wasm32-wasi --sysroot=/usr -Wno-deprecated"
case "$mode" in
  plain) cc=$plain_cc ;;
  stackcap-at-link) cc="$build/bin/stackcap-clang --target=wasm32-wasi -mllvm -stackcap-limit-at-link" ;;
  stackcap-lean) cc="$build/bin/stackcap-clang --target=wasm32-wasi --stack-profile=lean" ;;
  stackcap-[0-9]*) cc="$build/bin/stackcap-clang --target=wasm32-wasi --stack-limit=${mode#stackcap-}" ;;
  *) echo "build-lib.sh: unknown mode $mode" >&2; exit 64 ;;
esac

cfg=$here/$lib
case "$lib" in
  zlib)
    s=$src/zlib
    srcs="adler32.c compress.c crc32.c deflate.c infback.c inffast.c inflate.c inftrees.c trees.c uncompr.c zutil.c"
    cflags="-I$s"
    headers="$s/zlib.h $s/zconf.h" ;;
  expat)
    s=$src/expat/expat/lib
    srcs="xmlparse.c xmlrole.c xmltok.c"
    cflags="-DHAVE_EXPAT_CONFIG_H -I$cfg -I$s"
    headers="$s/expat.h $s/expat_external.h" ;;
  jansson)
    s=$src/jansson/src
    srcs="dump.c error.c hashtable.c hashtable_seed.c load.c memory.c pack_unpack.c strbuffer.c strconv.c utf.c value.c version.c"
    cflags="-DHAVE_CONFIG_H -I$cfg -I$s"
    headers="$s/jansson.h $cfg/jansson_config.h" ;;
  *) echo "build-lib.sh: unknown library $lib" >&2; exit 64 ;;
esac

out=$build/runtime-libs/out/$lib/$mode/${opt#-}
mkdir -p "$out"
id=$( { echo "$cc $opt $cflags $srcs"; cat "$0"; cat "$cfg"/*.h 2>/dev/null || true
        case "$mode" in stackcap*) sha256sum "$build/lib/stackcap-plugin.so" "$build/bin/stackcap-clang";; esac
      } | sha256sum | cut -c1-32)
exec 9>"$out.lock"
flock 9
if [ "$(cat "$out/stamp" 2>/dev/null || true)" != "$id" ]; then
  rm -rf "$out" && mkdir -p "$out/obj" "$out/lib" "$out/include"
  echo "build-lib.sh: building $lib ($mode $opt) in $out" >&2
  # -w: third-party warnings are not what these tests look at.
  printf '%s\n' $srcs | xargs -P "$(nproc)" -I{} sh -c \
    "$cc $opt -w $cflags -c '$s/{}' -o '$out/obj/{}.o'"
  /usr/bin/llvm-ar-22 rcs "$out/lib/lib$lib.a" "$out"/obj/*.o
  cp $headers "$out/include/"
  echo "$id" > "$out/stamp"
fi
echo "$out"
