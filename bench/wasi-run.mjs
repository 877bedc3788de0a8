// wasi-run.mjs: times whole runs of several builds of one wasm32-wasi command
// module (plugin-bench.sh, section 4).
//
//   node wasi-run.mjs ROUNDS REPS OUTDIR STDIN LABEL=FILE.wasm... [-- ARGS...]
//
// Each module is compiled once (WebAssembly.Module). A run is a fresh
// instance with a fresh node WASI (args ARGS, no environment, stdin read from
// the file STDIN, /dev/null for none) and _start; a sample is REPS runs, each timed
// from instantiation to the exit of _start (a full GC between runs, untimed). First every module runs once
// with its stdout in OUTDIR/LABEL.out and its stderr in OUTDIR/LABEL.err
// (the caller compares them), then three warm-up samples (V8's optimizing
// tier compiles the hot functions; the code is shared by the instances of one
// Module), then ROUNDS rounds of one sample per module, the order rotating
// every round (the opens of the files are timed too). Prints one JSON object:
//   {"exit": {LABEL: status}, "median": {LABEL: ms per run}, "times": {...}}
// A trap is an error: exit status 1. Runs in node's main thread (the
// workloads do not recurse deeply; a worker with a large stack, as
// test/lit/runtime's run-wasi.mjs uses, aborted now and then at exit).
import { readFileSync, openSync, writeSync } from 'node:fs';
import { WASI } from 'node:wasi';
import { performance } from 'node:perf_hooks';
import { setFlagsFromString } from 'node:v8';
import { runInNewContext } from 'node:vm';

// A full garbage collection after every run, outside the timed part: without
// it, node 20 aborts after some dozens of instances of a module that grows
// its memory (jansson, SQLite), the old instances not yet collected.
setFlagsFromString('--expose-gc');
const gc = runInNewContext('gc');

{
  const argv = process.argv.slice(2);
  const dash = argv.indexOf('--');
  const args = dash >= 0 ? argv.splice(dash).slice(1) : [];
  const [roundArg, repArg, outdir, stdinFile, ...specs] = argv;
  const rounds = Number(roundArg), reps = Number(repArg);
  if (!(rounds > 0) || !(reps > 0) || !outdir || !stdinFile || specs.length === 0) {
    writeSync(2, 'usage: node wasi-run.mjs ROUNDS REPS OUTDIR STDIN LABEL=FILE.wasm... [-- ARGS...]\n');
    process.exit(64);
  }
  const mods = specs.map((spec) => {
    const eq = spec.indexOf('=');
    const label = spec.slice(0, eq), file = spec.slice(eq + 1);
    return { label, file, module: new WebAssembly.Module(readFileSync(file)), times: [] };
  });

  // One run of m: returns its exit status. The file descriptors given to a
  // WASI instance are never closed here and never shared between instances:
  // node's WASI may close them when the instance is collected, and a number
  // reused meanwhile would close someone else's file (node then aborts).
  const runOnce = (m, out, err) => {
    const wasi = new WASI({ version: 'preview1', args: [m.label, ...args], env: {},
                            stdin: openSync(stdinFile, 'r'), stdout: out(), stderr: err(),
                            returnOnExit: true });
    const instance = new WebAssembly.Instance(m.module, wasi.getImportObject());
    return wasi.start(instance);
  };
  const exit = {};
  let status = 0;
  try {
    for (const m of mods) {
      exit[m.label] = runOnce(m, () => openSync(`${outdir}/${m.label}.out`, 'w'),
                              () => openSync(`${outdir}/${m.label}.err`, 'w'));
      gc();
    }
    const devnull = () => openSync('/dev/null', 'w');
    const sample = (m) => {
      let t = 0;
      for (let i = 0; i < reps; ++i) {
        const t0 = performance.now();
        runOnce(m, devnull, devnull);
        t += performance.now() - t0;
        gc();
      }
      return t / reps;
    };
    for (let w = 0; w < 3; ++w) for (const m of mods) sample(m);
    for (let round = 0; round < rounds; ++round)
      for (let k = 0; k < mods.length; ++k) {
        const m = mods[(round + k) % mods.length];
        m.times.push(sample(m));
      }
  } catch (e) {
    writeSync(2, `wasi-run: trap: ${e}\n`);
    status = 1;
  }
  const median = (xs) => {
    const s = [...xs].sort((a, b) => a - b), n = s.length;
    return n === 0 ? null : n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
  };
  const res = { rounds, reps, args, exit, median: {}, min: {}, times: {} };
  for (const m of mods) {
    res.median[m.label] = median(m.times);
    res.min[m.label] = m.times.length ? Math.min(...m.times) : null;
    res.times[m.label] = m.times;
  }
  writeSync(1, JSON.stringify(res) + '\n');
  process.exitCode = status;
}
