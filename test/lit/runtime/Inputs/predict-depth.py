#!/usr/bin/env python3
"""predict-depth.py COSTS LIMIT RECURSIVE CHAIN...

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
stderr, the costs used."""
import sys


def main():
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
