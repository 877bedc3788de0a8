#!/usr/bin/env python3
"""check-rlib.py RLIB...: every function an rlib of the instrumented sysroot
contributes went through the stackcap plugin. In each wasm object (member
*.o), every defined function symbol with non-local linkage X must be a thunk,
i.e. the object also defines X.stackcap_body, or an alias of one (the same
address as a thunk: LLVM's function merging and compiler_builtins' aliases
such as __gtdf2 = __gedf2), and an object that defines functions must define
the counter __stackcap_stack_height. Prints one line per
rlib ("NAME: N objects, M functions, all instrumented") or the offenders, and
exits 1 if there are any."""
import subprocess
import sys

NM = "/usr/lib/llvm-22/bin/llvm-nm"


def objects(rlib):
    """{member: [(type, name)]} from llvm-nm on the archive."""
    out = subprocess.run([NM, "--defined-only", rlib], stdout=subprocess.PIPE,
                         stderr=subprocess.DEVNULL, text=True).stdout
    result, member = {}, None
    for line in out.splitlines():
        if line.endswith(":") and not line.startswith(" "):
            member = line[:-1].rsplit(":", 1)[-1].strip()
            result.setdefault(member, [])
        elif line.strip() and member is not None:
            parts = line.split()
            if len(parts) >= 3:
                result[member].append((parts[0], parts[1], parts[2]))
    return result


status = 0
for rlib in sys.argv[1:]:
    objs = {m: s for m, s in objects(rlib).items() if m.endswith(".o")}
    nfun, bad = 0, []
    for member, syms in objs.items():
        names = {n for _, _, n in syms}
        funcs = [(a, t, n) for a, t, n in syms if t in "TtWw" and n != "__stackcap_stack_height"]
        thunks = {a for a, _, n in funcs if n + ".stackcap_body" in names}
        if funcs and "__stackcap_stack_height" not in names:
            bad.append("%s: defines functions but no __stackcap_stack_height" % member)
        for a, t, n in funcs:
            if t in "TW":
                nfun += 1
                if n + ".stackcap_body" not in names and a not in thunks:
                    bad.append("%s: %s is not a thunk (no %s.stackcap_body)" % (member, n, n))
    name = rlib.rsplit("/", 1)[-1]
    if not objs:
        bad.append("no objects")
    if bad:
        status = 1
        print("%s: NOT instrumented:" % name)
        for b in bad[:10]:
            print("  " + (b if len(b) <= 200 else b[:197] + "..."))
        if len(bad) > 10:
            print("  ... and %d more" % (len(bad) - 10))
    else:
        print("%s: %d objects, %d functions, all instrumented" % (name, len(objs), nfun))
sys.exit(status)
