#!/usr/bin/env python3
"""equiv.py PLUGIN.wasm INSTRUMENTED.wasm

PLUGIN.wasm was built from a program with the stackcap plugin; INSTRUMENTED.wasm
is the same program built without it and passed through stackcap-instrument
(the wasm-instrument-compatible post-link reference). Both must agree:

  * function costs, by name: the plugin's X.stackcap_body is the plain X, a
    thunk of either module is "thunk(X)" after the function it wraps
    (the plugin's exported X, or X.stackcap_thunk, against
    stackcap-instrument's X.stackcap_thunk);
  * the multiset of instrumented call sequences (caller, callee, cost, limit),
    with the same name mapping, and the number of plain calls to thunks and
    imports.

Thunks and costs come from `stackcap-verify --json` / `--print-costs`, call
sequences from `wasm2wat`. Any difference is printed and fails the script."""
import collections
import json
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import stackcap_headers  # noqa: E402


def run(*cmd):
    out = subprocess.run(cmd, capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("equiv: FAIL: %s exited %d:\n%s%s" % (" ".join(cmd), out.returncode,
                                                       out.stdout, out.stderr))
    return out.stdout


# The counted call of verifier/include/stackcap/call_sequence.h, as wasm2wat
# prints it: one pattern a step, with a group for each immediate (an empty
# block type prints as nothing).
IMM_PATTERN = {"None": "", "EmptyBlock": "", "Counter": r" (\S+)", "Callee": r" (\S+)",
               "Cost": r" (-?\d+)", "Limit": r" (-?\d+)"}
STEPS = stackcap_headers.counted_call()
SEQ = [re.escape(name) + IMM_PATTERN[imm] for name, imm in STEPS]


def steps_of(kind):
    return [i for i, (_, imm) in enumerate(STEPS) if imm == kind]


def analyse(path):
    costs_out = run("stackcap-verify", "--print-costs", path)
    info = json.loads(run("stackcap-verify", "--json", path))
    if info.get("status") != "verified":
        sys.exit("equiv: FAIL: %s does not verify: %s" % (path, info))
    names, costs = {}, {}
    for line in costs_out.splitlines():
        index, cost, name = line.split(" ", 2)
        names[int(index)] = name
        costs[int(index)] = int(cost)
    thunks = {t["function"]: t["wraps"] for t in info["thunks"]}
    by_name = {n: i for i, n in names.items()}

    def norm_index(i):
        if i in thunks:
            return "thunk(%s)" % norm_index(thunks[i])
        n = names[i]
        return n[:-len(".stackcap_body")] if n.endswith(".stackcap_body") else n

    def norm_ref(ref):  # $name in wat
        n = ref[1:] if ref.startswith("$") else ref
        return norm_index(by_name[n]) if n in by_name else "import:" + n

    fcosts = collections.Counter((norm_index(i), c) for i, c in costs.items())

    wat = run("wasm2wat", path)
    funcs = {}
    cur = None
    for line in wat.splitlines():
        m = re.match(r"^  \(func (\$\S+)", line)
        if m:
            cur = m.group(1)
            funcs[cur] = []
            continue
        if line.startswith("  (") and not line.startswith("  (func"):
            cur = None
        if cur is None:
            continue
        ins = re.sub(r"\s*;;.*$", "", line).strip().rstrip(")")
        if ins and not ins.startswith("("):
            funcs[cur].append(ins)
    seqs, plain_calls = collections.Counter(), collections.Counter()
    for fname, body in funcs.items():
        caller = norm_ref(fname)
        i = 0
        while i < len(body):
            window = body[i:i + len(SEQ)]
            ms = [re.fullmatch(p, s) for p, s in zip(SEQ, window)] if len(window) == len(SEQ) else []
            if ms and all(ms):
                g = [m.groups() for m in ms]
                c1, c2 = (g[i][0] for i in steps_of("Cost"))
                (lim,) = (g[i][0] for i in steps_of("Limit"))
                (callee,) = (g[i][0] for i in steps_of("Callee"))
                if c1 != c2 or len({g[i][0] for i in steps_of("Counter")}) != 1:
                    sys.exit("equiv: FAIL: malformed sequence in %s of %s" % (fname, path))
                seqs[(caller, norm_ref(callee), int(c1), int(lim))] += 1
                i += len(SEQ)
                continue
            m = re.fullmatch(r"call (\S+)", body[i])
            if m:
                plain_calls[(caller, norm_ref(m.group(1)))] += 1
            i += 1
    return fcosts, seqs, plain_calls


def compare(what, a, b, pa, pb):
    if a == b:
        return True
    print("equiv: %s differ:" % what)
    for k in sorted(set(a) | set(b), key=str):
        if a[k] != b[k]:
            print("  %s: %d in %s, %d in %s" % (k, a[k], pa, b[k], pb))
    return False


def main():
    if len(sys.argv) != 3:
        sys.exit(__doc__)
    pa, pb = sys.argv[1], sys.argv[2]
    ca, sa, xa = analyse(pa)
    cb, sb, xb = analyse(pb)
    ok = compare("function costs", ca, cb, pa, pb)
    ok &= compare("instrumented calls", sa, sb, pa, pb)
    ok &= compare("uninstrumented calls", xa, xb, pa, pb)
    for (name, cost) in sorted(ca):
        print("cost %s %d" % (name, cost))
    for (caller, callee, cost, limit), n in sorted(sa.items()):
        print("seq %s -> %s cost %d limit %d x%d" % (caller, callee, cost, limit, n))
    if not ok:
        sys.exit("equiv: FAIL")
    print("equiv: OK: %d functions, %d instrumented calls" % (sum(ca.values()), sum(sa.values())))


if __name__ == "__main__":
    main()
