#!/usr/bin/env python3
"""csmith-diff.py: random differential testing of stackcap with csmith.

For every seed, csmith generates a C program (fixed options, CSMITH_OPTIONS
below, so that a seed always gives the same program with the same csmith).
For every optimisation level the program is built

  plain    clang-22 against Debian's uninstrumented wasi-libc (the reference)
  compat   stackcap-clang, hosted wasm32-wasi on the instrumented runtime
  lean     stackcap-clang --stack-profile=lean on the runtime built for lean

and every build runs under node's WASI (run-wasi.mjs) with the argument "1",
with which a csmith program prints the checksum of every global variable and
then the final checksum. Each instrumented module must

  - verify in its own profile: stackcap-verify --profile P --limit LIMIT
    (exit status 0);
  - be rejected by the verifier of the other profile (exit status 1), a
    sanity check that the two profiles' modules cannot pass for each other;
  - print the same stdout and stderr, and exit with the same status, as the
    plain build. A stack-limit trap in an instrumented build is a mismatch
    (the limit is far above what csmith's call graphs, which have no
    recursion, need).

A program whose PLAIN build runs longer than --timeout seconds (csmith's
loops can be long) is skipped and counted as skipped, not failed; the
instrumented builds of a program that was compared get --timeout-factor
times as long. Failures print the seed, the optimisation level and the exact
commands that reproduce them, and keep their files; the files of programs
that passed are removed unless --keep is given.

The variants are the list VARIANTS: a further build or check of every
program (e.g. a run under another mode) is one more Variant entry.

Exit status: 0 no failure and at least --min-compared-percent of the
programs compared (not skipped); 1 otherwise; 2 bad setup (a tool is
missing). Only the Python standard library is used.
"""
import argparse
import concurrent.futures
import os
import shlex
import shutil
import subprocess
import sys
import threading
import time

# The csmith options of every program: small programs (few functions, shallow
# blocks, small arrays) that usually finish in well under a second.
# Changing them changes every seed's program: keep them fixed.
CSMITH_OPTIONS = [
    "--max-funcs", "6",
    "--max-block-depth", "3",
    "--max-array-len-per-dim", "6",
    "--max-expr-complexity", "6",
    "--quiet",
]

# The argument with which csmith's main prints every global's checksum.
RUN_ARGS = ["1"]

TRAPPED = 3  # run-wasi.mjs's exit status for a trap


def q(cmd):
    return shlex.join(str(c) for c in cmd)


class Variant:
    """One build (or run) of every program, compared with the plain build.

    build(tools, src, out, opt) returns the compile-and-link command; or
    reuse names an earlier variant whose module this one takes as it is
    (e.g. to run the lean module once more in another mode).
    checks(tools, module) returns a list of (what, command, expected exit
    status) that must hold before the module runs; run(tools, module)
    returns the command that runs it (its stdout, stderr and exit status are
    compared with the plain run's)."""

    def __init__(self, name, build=None, checks=None, run=None, reuse=None):
        assert (build is None) != (reuse is None), name
        self.name = name
        self.build = build
        self.reuse = reuse
        self.checks = checks or (lambda tools, module: [])
        self.run = run or (lambda tools, module: tools.run_cmd(module))


class Tools:
    def __init__(self, a):
        self.a = a

    def run_cmd(self, module):
        return [self.a.node, self.a.run_wasi, module] + RUN_ARGS

    def common(self, opt):
        return ["--target=wasm32-wasi", "-Wno-deprecated", "-w", opt,
                "-I" + self.a.csmith_include]

    def plain(self, src, out, opt):
        return ([self.a.plain_cc, "--sysroot=/usr", "--no-wasm-opt"] + self.common(opt)
                + [src, self.a.plain_stack_chk, "-o", out])

    def stackcap(self, profile, src, out, opt):
        return ([self.a.stackcap_clang, "--stack-profile=" + profile,
                 "--stack-limit=%d" % self.a.limit] + self.common(opt) + [src, "-o", out])

    def verify(self, profile, module):
        return [self.a.stackcap_verify, "--profile", profile, "--limit", str(self.a.limit), module]


def instrumented(profile, other):
    return Variant(
        profile,
        build=lambda t, src, out, opt: t.stackcap(profile, src, out, opt),
        checks=lambda t, m: [
            ("verifies in profile %s" % profile, t.verify(profile, m), 0),
            ("is rejected by profile %s's verifier" % other, t.verify(other, m), 1),
        ])


def shadowed(m):
    return m[:-len(".wasm")] + "-shadow.wasm"


# The reference build, and the builds compared with it, in order.
# lean-shadow runs the lean module's shadowed copy (stackcap-instrument
# --lean-shadow, docs/spec/lean.md section 5): an exact account of the
# naive VM's frame sum that traps if it ever exceeds what lean's counter
# has reserved. It must run exactly as plain does.
PLAIN = Variant("plain", build=lambda t, src, out, opt: t.plain(src, out, opt))
VARIANTS = [
    instrumented("compat", "lean"),
    instrumented("lean", "compat"),
    Variant("lean-shadow", reuse="lean",
            checks=lambda t, m: [("is shadowed", [t.a.stackcap_instrument, "--lean-shadow", m,
                                                  "-o", shadowed(m)], 0)],
            run=lambda t, m: t.run_cmd(shadowed(m))),
]


class Failure(Exception):
    pass


def parse_seeds(spec):
    """'N' = seeds 1..N; 'A-B' = seeds A..B; 'A,B,C' = those seeds."""
    seeds = []
    for part in spec.split(","):
        part = part.strip()
        if not part:
            continue
        if "-" in part:
            lo, hi = part.split("-", 1)
            seeds.extend(range(int(lo), int(hi) + 1))
        elif "," in spec:
            seeds.append(int(part))
        else:
            seeds.extend(range(1, int(part) + 1))
    seeds = list(dict.fromkeys(seeds))  # each seed once, in order
    if not seeds:
        raise argparse.ArgumentTypeError("no seeds in %r" % spec)
    return seeds


def run(cmd, timeout=None, files=None):
    """Returns (exit status, stdout, stderr), or None on a timeout. With
    files=(OUT, ERR), stdout and stderr go to those files (and are read back)
    instead of pipes: node's WASI writes to a pipe without blocking and loses
    what does not fit into the pipe's buffer (64 KiB) when the reader is slow,
    and csmith's output can be larger than that."""
    cmd = [str(c) for c in cmd]
    try:
        if files is None:
            p = subprocess.run(cmd, stdin=subprocess.DEVNULL, capture_output=True, timeout=timeout)
            out, err = p.stdout, p.stderr
        else:
            with open(files[0], "wb") as fo, open(files[1], "wb") as fe:
                p = subprocess.run(cmd, stdin=subprocess.DEVNULL, stdout=fo, stderr=fe, timeout=timeout)
            with open(files[0], "rb") as fo, open(files[1], "rb") as fe:
                out, err = fo.read(), fe.read()
    except subprocess.TimeoutExpired:
        return None
    return p.returncode, out.decode("utf-8", "replace"), err.decode("utf-8", "replace")


def tail(text, lines=30, last=False):
    """The first (or with last, the last) LINES lines of TEXT, indented."""
    ls = text.rstrip("\n").splitlines()
    if len(ls) > lines:
        more = "... (%d more lines)" % (len(ls) - lines)
        ls = [more] + ls[-lines:] if last else ls[:lines] + [more]
    return "\n".join("    | " + l for l in ls)


def first_difference(a, b):
    al, bl = a.splitlines(), b.splitlines()
    for i in range(max(len(al), len(bl))):
        x = al[i] if i < len(al) else "<end of output>"
        y = bl[i] if i < len(bl) else "<end of output>"
        if x != y:
            return "line %d: plain %r, instrumented %r" % (i + 1, x, y)
    return "(none)"


class Case:
    """One program at one optimisation level."""

    def __init__(self, tools, seed, opt, src, workdir):
        self.t, self.seed, self.opt, self.src, self.dir = tools, seed, opt, src, workdir

    def module(self, variant):
        return os.path.join(self.dir, "%s.wasm" % variant.name)

    def step(self, log, cmd, timeout=None):
        log.append(q(cmd))
        return run(cmd, timeout=timeout)

    def build(self, log, variant):
        out = self.module(variant)
        r = self.step(log, variant.build(self.t, self.src, out, self.opt), timeout=self.t.a.build_timeout)
        if r is None:
            raise Failure("the build took longer than %d s" % self.t.a.build_timeout)
        if r[0] != 0:
            raise Failure("the build failed (exit status %d):\n%s" % (r[0], tail(r[1] + r[2])))
        return out

    def execute(self, log, variant, module, timeout):
        cmd = variant.run(self.t, module)
        log.append(q(cmd) + " > %s.out 2> %s.err; echo $?" % (variant.name, variant.name))
        # The files stay for a failure's diff.
        return run(cmd, timeout=timeout, files=[os.path.join(self.dir, "%s.%s" % (variant.name, ext))
                                                for ext in ("out", "err")])

    def go(self):
        """Returns (status, failures): status 'compared', 'skipped: WHY' or
        'failed'; failures a list of (variant, message, commands)."""
        a = self.t.a
        plain_log = []
        try:
            plain = self.build(plain_log, PLAIN)
        except Failure as e:
            return "failed", [(PLAIN.name, str(e), plain_log)]
        ref = self.execute(plain_log, PLAIN, plain, a.timeout)
        if ref is None:
            return "skipped: the plain build ran longer than %g s" % a.timeout, []
        failures = []
        built = {}  # variant name -> (module, the commands that made it)
        # Every variant is built and checked, so that one bug does not hide another.
        for v in VARIANTS:
            log = list(plain_log)
            try:
                self.check_variant(log, v, ref, built)
            except Failure as e:
                failures.append((v.name, str(e), log))
        return ("failed" if failures else "compared"), failures

    def check_variant(self, log, v, ref, built):
        a = self.t.a
        if v.reuse:
            if v.reuse not in built:
                raise Failure("the module of %s is missing (see its failure)" % v.reuse)
            m, made = built[v.reuse]
            log[:] = made
        else:
            m = self.build(log, v)
            built[v.name] = (m, list(log))
        for what, cmd, want in v.checks(self.t, m):
            r = self.step(log, cmd)
            if r[0] != want:
                raise Failure("the module %s: expected exit status %d, got %d:\n%s"
                              % (what, want, r[0], tail(r[1] + r[2])))
        got = self.execute(log, v, m, a.timeout * a.timeout_factor)
        if got is None:
            raise Failure("ran longer than %g s; the plain build finished within %g s"
                          % (a.timeout * a.timeout_factor, a.timeout))
        why = []
        if got[0] != ref[0]:
            why.append("exit status %d, plain %d%s" % (
                got[0], ref[0], " (trapped)" if got[0] == TRAPPED else ""))
        if got[1] != ref[1]:
            why.append("stdout differs, first at " + first_difference(ref[1], got[1]))
        if got[2] != ref[2]:
            why.append("stderr differs, first at " + first_difference(ref[2], got[2]))
        if why:
            log.append("diff plain.out %s.out; diff plain.err %s.err" % (v.name, v.name))
            raise Failure("differs from plain: %s\n  plain stdout (end):\n%s\n"
                          "  %s stdout (end):\n%s"
                          % ("; ".join(why), tail(ref[1], 6, last=True), v.name, tail(got[1], 6, last=True)))


def generate(a, seed, d):
    src = os.path.join(d, "seed%d.c" % seed)
    cmd = [a.csmith, "--seed", str(seed)] + CSMITH_OPTIONS + ["-o", src]
    r = run(cmd, timeout=120)
    if r is None or r[0] != 0:
        raise Failure("csmith failed:\n%s" % tail(r[2] if r else "timed out"))
    return src, cmd


def do_seed(tools, seed, print_lock):
    a = tools.a
    results = []
    base = os.path.join(a.work_dir, "seed%d" % seed)
    shutil.rmtree(base, ignore_errors=True)
    os.makedirs(base)
    try:
        src, gen_cmd = generate(a, seed, base)
    except Failure as e:
        gen = [a.csmith, "--seed", str(seed)] + CSMITH_OPTIONS
        msg = "FAIL seed %d: %s\n  reproduce: %s" % (seed, e, q(gen))
        with print_lock:
            print("seed %d: FAILED (csmith; details at the end)" % seed, flush=True)
        return [("failed", seed, opt, msg) for opt in a.opt_levels]
    any_failed = False
    for opt in a.opt_levels:
        d = os.path.join(base, opt.lstrip("-"))
        os.makedirs(d)
        case = Case(tools, seed, opt, src, d)
        start = time.monotonic()
        status, failures = case.go()
        took = time.monotonic() - start
        if failures:
            any_failed = True
            line = "\n".join(
                "FAIL seed %d %s %s: %s\n  reproduce (files in %s):\n    cd %s\n    %s"
                % (seed, opt, name, msg, d, d, "\n    ".join([q(gen_cmd)] + log))
                for name, msg, log in failures)
            results.append(("failed", seed, opt, line))
            line = "seed %d %s: FAILED (%s; details at the end)" % (
                seed, opt, ", ".join(f[0] for f in failures))
        else:
            line = "seed %d %s: %s (%.1f s)" % (seed, opt, status, took)
            results.append(("skipped" if status.startswith("skipped") else "compared", seed, opt, line))
            if not a.keep:
                shutil.rmtree(d, ignore_errors=True)
        with print_lock:
            print(line, flush=True)
    if not any_failed and not a.keep:
        shutil.rmtree(base, ignore_errors=True)
    return results


def main():
    here = os.path.dirname(os.path.abspath(__file__))
    p = argparse.ArgumentParser(description=__doc__.split("\n\n")[0],
                                formatter_class=argparse.RawDescriptionHelpFormatter)
    p.add_argument("--seeds", type=parse_seeds, default=parse_seeds("1-10"),
                   help="N (seeds 1..N), A-B, or a comma-separated list (default 1-10)")
    p.add_argument("--opt-levels", default="-O0,-O2,-Os",
                   help="comma-separated (default -O0,-O2,-Os)")
    p.add_argument("--limit", type=int, default=65536, help="the stack limit (default 65536)")
    p.add_argument("--timeout", type=float, default=3.0,
                   help="seconds the plain build may run before the program is skipped (default 3)")
    p.add_argument("--timeout-factor", type=float, default=4.0,
                   help="instrumented builds may run this many times --timeout (default 4)")
    p.add_argument("--build-timeout", type=int, default=300)
    p.add_argument("--jobs", "-j", type=int, default=os.cpu_count() or 1)
    p.add_argument("--min-compared-percent", type=float, default=50,
                   help="fail unless at least this share of the programs was compared, "
                   "not skipped (default 50)")
    p.add_argument("--work-dir", required=True, help="created; a failing case's files stay here")
    p.add_argument("--keep", action="store_true", help="keep the files of passing programs too")
    p.add_argument("--csmith", default="/usr/bin/csmith")
    p.add_argument("--csmith-include", default="/usr/include/csmith")
    p.add_argument("--plain-cc", default="/usr/bin/clang-22")
    p.add_argument("--plain-stack-chk", default=os.path.join(here, "plain-stack-chk.c"))
    p.add_argument("--stackcap-clang", required=True)
    p.add_argument("--stackcap-verify", required=True)
    p.add_argument("--stackcap-instrument", required=True)
    p.add_argument("--node", default="node")
    p.add_argument("--run-wasi", default=os.path.join(here, "run-wasi.mjs"))
    a = p.parse_args()
    a.opt_levels = [o.strip() for o in a.opt_levels.split(",") if o.strip()]
    for path in (a.work_dir, a.plain_stack_chk, a.run_wasi):
        if os.path.exists(path) or path == a.work_dir:
            continue
        print("csmith-diff: %s not found" % path, file=sys.stderr)
        return 2
    missing = [x for x in (a.csmith, a.plain_cc, a.stackcap_clang, a.stackcap_verify,
                           a.stackcap_instrument, a.node)
               if not shutil.which(x)]
    if not os.path.isfile(os.path.join(a.csmith_include, "csmith.h")):
        missing.append(os.path.join(a.csmith_include, "csmith.h"))
    if missing:
        print("csmith-diff: missing: %s (Debian packages csmith, libcsmith-dev: "
              "scripts/setup.sh installs them)" % ", ".join(missing), file=sys.stderr)
        return 2
    a.work_dir = os.path.abspath(a.work_dir)
    os.makedirs(a.work_dir, exist_ok=True)
    version = run([a.csmith, "--version"])
    if a.seeds == list(range(a.seeds[0], a.seeds[-1] + 1)):
        seeds = "%d-%d" % (a.seeds[0], a.seeds[-1])
    else:
        seeds = ",".join(map(str, a.seeds))
    print("csmith-diff: %s; seeds %s; %s; limit %d; plain timeout %g s; %d jobs"
          % (version[1].splitlines()[0] if version else "csmith ?", seeds,
             " ".join(a.opt_levels), a.limit, a.timeout, a.jobs), flush=True)
    print("csmith-diff: csmith options: %s; variants: %s"
          % (" ".join(CSMITH_OPTIONS), ", ".join(["plain"] + [v.name for v in VARIANTS])), flush=True)
    tools = Tools(a)
    lock = threading.Lock()
    start = time.monotonic()
    results = []
    with concurrent.futures.ThreadPoolExecutor(max_workers=max(1, a.jobs)) as ex:
        for r in ex.map(lambda s: do_seed(tools, s, lock), a.seeds):
            results.extend(r)
    n = {k: sum(1 for r in results if r[0] == k) for k in ("compared", "skipped", "failed")}
    failed = [r for r in results if r[0] == "failed"]
    if failed:
        print("\ncsmith-diff: FAILURES (%d):" % len(failed))
        for r in failed:
            print(r[3])
    print("csmith-diff: %d programs ran (%d seeds x %d opt levels), %d compared, %d skipped, "
          "%d failed (%.0f s)" % (len(results), len(a.seeds), len(a.opt_levels), n["compared"],
                                  n["skipped"], n["failed"], time.monotonic() - start))
    if not failed and n["compared"] * 100 < a.min_compared_percent * len(results):
        print("csmith-diff: error: only %d of %d programs compared, fewer than "
              "--min-compared-percent %g" % (n["compared"], len(results), a.min_compared_percent))
        return 1
    return 1 if failed else 0


if __name__ == "__main__":
    sys.exit(main())
