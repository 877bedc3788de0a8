#!/usr/bin/env python3
"""cycle-depth.py COSTS LIMIT [--entry ENTRY] NAME...: the depth at which a
recursion through several functions traps. COSTS is `stackcap-verify
--print-costs` output ("INDEX COST NAME"). The recursion enters ENTRY once
(the exported function's body, charged by its thunk), then calls NAME1,
NAME2, ..., NAME1, NAME2, ... forever. Every call charges the callee's body
cost once (a thunk for a call into another unit, such as C -> Rust, or a
direct instrumented call inside one), so the counter after a call is the sum
of the costs so far, and the call traps when that exceeds LIMIT. Prints
"depth = K", K the number of times NAME1 was entered before the trap. With
one NAME and no ENTRY this is floor(LIMIT / cost(NAME)), as expected-depth.py.
mixed-c-rust.test: C's c_descend (exported) calls Rust's rust_descend, which
calls c_descend, ...:
  cycle-depth.py COSTS LIMIT --entry c_descend.stackcap_body \
      rust_descend.stackcap_body c_descend.stackcap_body
gives the deepest Rust level (R_DEPTH)."""
import sys

args = sys.argv[1:]
if len(args) < 3:
    sys.exit(__doc__)
costs_file, limit, names = args[0], int(args[1]), args[2:]
entry = []
if names[0] == "--entry":
    entry, names = [names[1]], names[2:]
if not names:
    sys.exit(__doc__)
costs = {}
count = {}
with open(costs_file) as f:
    for line in f:
        index, cost, name = line.rstrip("\n").split(" ", 2)
        count[name] = count.get(name, 0) + 1
        costs[name] = int(cost)
for n in entry + names:
    if count.get(n) != 1:
        sys.exit("cycle-depth: %d functions named %s in %s" % (count.get(n, 0), n, costs_file))
    if costs[n] <= 0:
        sys.exit("cycle-depth: cost of %s is %d" % (n, costs[n]))
counter = sum(costs[n] for n in entry)
if counter > limit:
    print("depth = 0")
    sys.exit(0)
depth = 0
while True:
    for i, n in enumerate(names):
        counter += costs[n]
        if counter > limit:
            print("depth = %d" % depth)
            sys.exit(0)
        if i == 0:
            depth += 1
