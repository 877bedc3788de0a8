#!/usr/bin/env python3
"""expected-depth.py COSTS LIMIT NAME: COSTS is `stackcap-verify --print-costs`
output ("INDEX COST NAME"). NAME recurses directly, and the export's thunk
charges cost(NAME) for the first level, so level d runs with the counter at
d * cost(NAME) and the deepest level reached under LIMIT is
floor(LIMIT / cost(NAME)). Prints "depth = N". (Like test/lit/plugin's, but
other names may repeat: Rust modules have local functions of the same name
from different codegen units; NAME itself must be unique.)"""
import sys

if len(sys.argv) != 4:
    sys.exit(__doc__)
found = []
with open(sys.argv[1]) as f:
    for line in f:
        index, cost, name = line.rstrip("\n").split(" ", 2)
        if name == sys.argv[3]:
            found.append(int(cost))
if len(found) != 1:
    sys.exit("expected-depth: %d functions named %s in %s" % (len(found), sys.argv[3], sys.argv[1]))
if found[0] <= 0:
    sys.exit("expected-depth: cost of %s is %d" % (sys.argv[3], found[0]))
print("depth = %d" % (int(sys.argv[2]) // found[0]))
