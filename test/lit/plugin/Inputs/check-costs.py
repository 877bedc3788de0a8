#!/usr/bin/env python3
"""check-costs.py MODULE.wasm LOG... : the costs the plugin printed while
compiling (-mllvm -stackcap-print-costs, "stackcap-cost: NAME COST" lines on
stderr, collected in the LOG files) must equal the costs stackcap-verify
--print-costs computes on the linked MODULE, matched by name (the compiler's
names are the name section's names).

Fails loudly when:
  * a function of the module has a different cost than the compiler printed,
  * a function of the module was not reported by the compiler, except the
    functions wasm-ld synthesises or calls on its own (LinkerFunctions of
    verifier/include/stackcap/placeholders.h) and the thunks
    stackcap-instrument --entries-only adds for them (LINKER_MADE below),
  * no function matched at all (a broken log would otherwise pass).
Functions the compiler printed that are missing from the module were removed
by the linker (--gc-sections); they are listed, not an error.
C++ names: wasm-ld writes demangled names into the name section (even with
--no-demangle), so the compiler's mangled names are demangled with
llvm-cxxfilt before matching ("_ZN1a1fEv.stackcap_body" becomes
"a::f() (.stackcap_body)", as in the name section).
Prints one line per matched function ("match NAME COST") so that tests can
FileCheck which functions were compared."""
import collections
import re
import subprocess
import sys

sys.dont_write_bytecode = True  # no __pycache__ in the source tree
import stackcap_headers  # noqa: E402

# The linker's own functions: the list of verifier/include/stackcap/placeholders.h.
LINKER_MADE = re.compile(r"^(%s)(\.stackcap_thunk)?$" % "|".join(
    re.escape(name) for name, _ in stackcap_headers.linker_functions()))


def main():
    if len(sys.argv) < 3:
        sys.exit(__doc__)
    module, logs = sys.argv[1], sys.argv[2:]
    compiled = collections.defaultdict(list)
    for log in logs:
        with open(log) as f:
            for line in f:
                m = re.match(r"^stackcap-cost: (\S+) (\d+)$", line.rstrip("\n"))
                if m:
                    compiled[m.group(1)].append(int(m.group(2)))
    mangled = sorted(n for n in compiled if n.startswith("_Z"))
    if mangled:
        out = subprocess.run(["llvm-cxxfilt"], input="\n".join(mangled) + "\n",
                             capture_output=True, text=True, check=True)
        for m, d in zip(mangled, out.stdout.splitlines()):
            compiled[d].extend(compiled.pop(m))
    if not compiled:
        sys.exit("check-costs: FAIL: no 'stackcap-cost:' line in %s" % " ".join(logs))
    out = subprocess.run(["stackcap-verify", "--print-costs", module],
                         capture_output=True, text=True)
    if out.returncode != 0:
        sys.exit("check-costs: FAIL: stackcap-verify --print-costs %s exited %d:\n%s%s"
                 % (module, out.returncode, out.stdout, out.stderr))
    errors, matched = [], 0
    remaining = {k: list(v) for k, v in compiled.items()}
    for line in out.stdout.splitlines():
        index, cost, name = line.split(" ", 2)
        cost = int(cost)
        if name in remaining:
            if cost in remaining[name]:
                remaining[name].remove(cost)
                matched += 1
                print("match %s %d" % (name, cost))
            else:
                errors.append("function %s (index %s) costs %d in the module, the compiler "
                              "printed %s" % (name, index, cost, compiled[name]))
        elif LINKER_MADE.match(name):
            print("linker-made %s %d" % (name, cost))
        else:
            errors.append("function %s (index %s, cost %d) is in the module but the compiler "
                          "printed no cost for it" % (name, index, cost))
    for name, left in sorted(remaining.items()):
        for cost in left:
            print("not linked %s %d" % (name, cost))
    if errors:
        sys.exit("check-costs: FAIL on %s:\n  %s" % (module, "\n  ".join(errors)))
    if matched == 0:
        sys.exit("check-costs: FAIL: no function of %s matched the compiler's costs" % module)
    print("check-costs: OK: %d functions" % matched)


if __name__ == "__main__":
    main()
