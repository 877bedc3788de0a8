#!/usr/bin/env python3
"""expected-depth.py COSTS LIMIT NAME: COSTS is `stackcap-verify --print-costs`
output ("INDEX COST NAME"). NAME recurses directly, and the export's thunk
charges cost(NAME) for the first level, so level d runs with the counter at
d * cost(NAME) and the deepest level reached under LIMIT is
floor(LIMIT / cost(NAME)). Prints "depth = N"."""
import sys

if len(sys.argv) != 4:
    sys.exit(__doc__)
costs = {}
with open(sys.argv[1]) as f:
    for line in f:
        index, cost, name = line.rstrip("\n").split(" ", 2)
        if name in costs:
            sys.exit("expected-depth: function name %r is ambiguous" % name)
        costs[name] = int(cost)
if sys.argv[3] not in costs:
    sys.exit("expected-depth: no function %s in %s" % (sys.argv[3], sys.argv[1]))
cost = costs[sys.argv[3]]
if cost <= 0:
    sys.exit("expected-depth: cost of %s is %d" % (sys.argv[3], cost))
print("depth = %d" % (int(sys.argv[2]) // cost))
