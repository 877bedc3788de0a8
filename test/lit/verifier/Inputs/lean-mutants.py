#!/usr/bin/env python3
"""Mutants of a lean module (docs/spec/lean.md, section 4, rule 7's promise):
every instrumentation instruction deleted, and every reservation constant
lowered and raised by one, one at a time, on the lines marked (;seq;). Each
mutant that still assembles must be rejected by stackcap-verify --profile
lean (exit 1). Prints the counts; exits 1 if any mutant verifies.

usage: lean-mutants.py VERIFIER WAT2WASM FILE.wat WORKDIR
"""
import os
import re
import subprocess
import sys

verifier, wat2wasm, src, work = sys.argv[1:5]
lines = open(src).read().split("\n")
# An instruction: a mnemonic and its immediates (digits or $names).
instr = re.compile(r"[a-z][a-z0-9_.]*(?:\s+(?:\$[\w.]+|-?\d+))*")


def mutants():
    for n, line in enumerate(lines):
        if "(;seq;)" not in line or line.lstrip().startswith(";;"):
            continue
        body, marker = line.split("(;seq;)", 1)
        spans = [m.span() for m in instr.finditer(body)]
        for a, b in spans:
            yield f"line {n + 1}: delete '{body[a:b]}'", n, body[:a] + body[b:] + "(;seq;)" + marker
        for m in re.finditer(r"i32\.const (\d+)", body):
            v = int(m.group(1))
            for w, what in ((v - 1, "lower"), (v + 1, "raise")):
                if w < 0:
                    continue
                new = body[: m.start(1)] + str(w) + body[m.end(1):]
                yield f"line {n + 1}: {what} {v} to {w}", n, new + "(;seq;)" + marker


tried = rejected = unassembled = 0
survivors = []
os.makedirs(work, exist_ok=True)
for k, (what, n, new) in enumerate(mutants()):
    text = "\n".join(lines[:n] + [new] + lines[n + 1:])
    wat = os.path.join(work, f"m{k}.wat")
    wasm = os.path.join(work, f"m{k}.wasm")
    open(wat, "w").write(text)
    if subprocess.run([wat2wasm, wat, "-o", wasm], capture_output=True).returncode != 0:
        unassembled += 1  # not a valid module (e.g. an `if` without its `end`)
        continue
    tried += 1
    r = subprocess.run([verifier, "--profile", "lean", wasm], capture_output=True, text=True)
    if r.returncode == 1:
        rejected += 1
    else:
        survivors.append(f"{what}: exit {r.returncode}: {r.stdout.strip()}")
print(f"mutants: {tried} assembled, {rejected} rejected, {unassembled} not valid wasm")
for s in survivors:
    print(f"SURVIVED {s}")
sys.exit(1 if survivors or tried == 0 else 0)
