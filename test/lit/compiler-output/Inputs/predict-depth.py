#!/usr/bin/env python3
"""predict-depth.py COSTS LIMIT RECURSIVE CHAIN...

COSTS is the output of `stackcap-verify --print-costs` ("INDEX COST NAME"
lines). CHAIN names the functions on the call path from the entry point down
to the caller of the first RECURSIVE call, outermost first; RECURSIVE calls
itself (directly or through a table thunk, which charges nothing) once per
level, level 1 being the call from the last CHAIN function.

With the section 2 instrumentation the counter at level d is
sum(cost(CHAIN)) + d * cost(RECURSIVE), and the call into level d traps iff
that exceeds LIMIT, so the deepest level reached is
floor((LIMIT - sum(cost(CHAIN))) / cost(RECURSIVE)). Prints "g_depth = N"."""
import sys


def main():
    if len(sys.argv) < 4:
        sys.exit(__doc__)
    costs = {}
    with open(sys.argv[1]) as f:
        for line in f:
            index, cost, name = line.rstrip("\n").split(" ", 2)
            costs.setdefault(name, []).append(int(cost))
    for name in sys.argv[3:]:
        if len(costs.get(name, [])) > 1:
            sys.exit("predict-depth: function name %r is ambiguous" % name)
    costs = {name: c[0] for name, c in costs.items()}
    limit = int(sys.argv[2])
    try:
        rec = costs[sys.argv[3]]
        prefix = sum(costs[name] for name in sys.argv[4:])
    except KeyError as e:
        sys.exit("predict-depth: no function named %s in %s" % (e, sys.argv[1]))
    if rec <= 0 or prefix > limit:
        sys.exit("predict-depth: the recursion would not trap")
    print("g_depth = %d" % ((limit - prefix) // rec))


main()
