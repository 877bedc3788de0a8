#!/usr/bin/env python3
"""predict-depth.py [--lean] COSTS LIMIT RECURSIVE CHAIN...

Deepest level a runaway recursion reaches under the compat instrumentation,
for modules built by the stackcap plugin (after the approach of
test/lit/compiler-output/Inputs/predict-depth.py).

COSTS is `stackcap-verify --print-costs` output ("INDEX COST NAME" lines).
CHAIN names the functions active when RECURSIVE is first called, outermost
first (e.g. _start __main_void __main_argc_argv); RECURSIVE calls itself once
per level, level 1 being the call from the last CHAIN function.

With the plugin, a function F with external linkage is a thunk named F whose
body is F.stackcap_body (for a demangled C++ name "F (.stackcap_body)"): the thunk charges cost(F.stackcap_body) before
calling the body, and direct calls in the same object go straight to the body
with the same charge; thunk frames themselves are charged nothing (as in
wasm-instrument). So each name N stands for the cost of N.stackcap_body when
the module has one, else for the cost of N itself (functions with local
linkage, functions the linker made). Calls through the table (virtual calls)
enter a thunk, which charges the body's cost in the same way.

The counter while level d runs is sum(CHAIN) + d * cost(RECURSIVE), and the
call into level d traps iff that exceeds LIMIT, so the deepest level reached
is floor((LIMIT - sum(CHAIN)) / cost(RECURSIVE)). Prints "depth N" and, on
stderr, the costs used.

--lean: profile lean (docs/spec/lean.md). COSTS is then `stackcap-verify
--profile lean --print-costs` output ("INDEX FRAME checked|covered R NAME").
Only checked functions reserve: the counter while level d runs has sum(R) of
the checked CHAIN functions plus d * R(RECURSIVE) reserved, so the deepest
level is floor((LIMIT - sum) / R(RECURSIVE)); a covered CHAIN function is
inside its caller's reservation and adds nothing. Also prints "frame F", the
naive VM frame of RECURSIVE, so that a test can check depth * F <= LIMIT."""
import sys


def main_lean(args):
    funcs = {}
    with open(args[0]) as f:
        for line in f:
            index, frame, kind, r, name = line.rstrip("\n").split(" ", 4)
            funcs.setdefault(name, []).append((int(frame), kind, int(r)))

    def lookup(name):
        found = funcs.get(name, [])
        if len(found) != 1:
            sys.exit("predict-depth: %d functions named %r in %s" % (len(found), name, args[0]))
        return found[0]

    limit = int(args[1])
    frame, kind, rec = lookup(args[2])
    if kind != "checked":
        sys.exit("predict-depth: %s is covered: a recursion must be checked" % args[2])
    sys.stderr.write("predict-depth: %s checked %d\n" % (args[2], rec))
    prefix = 0
    for name in args[3:]:
        _, k, r = lookup(name)
        sys.stderr.write("predict-depth: %s %s %d\n" % (name, k, r))
        prefix += r if k == "checked" else 0
    if rec <= 0 or prefix > limit:
        sys.exit("predict-depth: the recursion would not trap")
    print("depth %d" % ((limit - prefix) // rec))
    print("frame %d" % frame)


def main():
    if len(sys.argv) > 1 and sys.argv[1] == "--lean":
        return main_lean(sys.argv[2:])
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    costs = {}
    with open(sys.argv[1]) as f:
        for line in f:
            index, cost, name = line.rstrip("\n").split(" ", 2)
            costs.setdefault(name, []).append(int(cost))

    def cost_of(name):
        # wasm-ld demangles C++ names in the name section, and renders the
        # body of "f(int)" as "f(int) (.stackcap_body)".
        for candidate in (name + ".stackcap_body", name + " (.stackcap_body)", name):
            found = costs.get(candidate, [])
            if len(found) > 1:
                sys.exit("predict-depth: function name %r is ambiguous" % candidate)
            if found:
                sys.stderr.write("predict-depth: %s %d\n" % (candidate, found[0]))
                return found[0]
        sys.exit("predict-depth: no function named %s or %s.stackcap_body in %s"
                 % (name, name, sys.argv[1]))

    limit = int(sys.argv[2])
    rec = cost_of(sys.argv[3])
    prefix = sum(cost_of(name) for name in sys.argv[4:])
    if rec <= 0 or prefix > limit:
        sys.exit("predict-depth: the recursion would not trap")
    print("depth %d" % ((limit - prefix) // rec))


main()
