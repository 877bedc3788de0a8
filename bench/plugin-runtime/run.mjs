// run.mjs: times the export run(ARG) of several builds of one benchmark.
//
//   node run.mjs ITERATIONS ROUNDS ARG LABEL=FILE.wasm...
//
// Every module is instantiated (no imports), called a few times as warm-up
// (so V8's optimizing tier has compiled it), and must return the same value
// as the first one. Then, for ROUNDS rounds, each module in turn (the order
// rotates every round, so a slow phase of the machine hits all of them) is
// timed over ITERATIONS calls of run(ARG). Prints one JSON object:
//   {"result": R, "times": {LABEL: [ms per round...]}, ...}
// A trap (for example the stack limit) is an error: exit status 1.
import { readFileSync } from 'node:fs';
import { performance } from 'node:perf_hooks';

const [iterArg, roundArg, argArg, ...specs] = process.argv.slice(2);
const iterations = Number(iterArg), rounds = Number(roundArg), arg = Number(argArg);
if (!(iterations > 0) || !(rounds > 0) || !Number.isFinite(arg) || specs.length === 0) {
  console.error('usage: node run.mjs ITERATIONS ROUNDS ARG LABEL=FILE.wasm...');
  process.exit(64);
}

const mods = [];
for (const spec of specs) {
  const eq = spec.indexOf('=');
  const label = spec.slice(0, eq), file = spec.slice(eq + 1);
  const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
  if (typeof instance.exports.run !== 'function') {
    console.error(`run.mjs: ${file} exports no function run`);
    process.exit(1);
  }
  mods.push({ label, file, run: instance.exports.run, times: [] });
}

let expected;
try {
  for (const m of mods) {
    let r;
    for (let i = 0; i < Math.max(3, Math.min(iterations, 10)); ++i) r = m.run(arg);
    if (expected === undefined) expected = r;
    if (r !== expected) {
      console.error(`run.mjs: ${m.label} (${m.file}) returned ${r}, ${mods[0].label} returned ${expected}`);
      process.exit(1);
    }
  }
  for (let round = 0; round < rounds; ++round) {
    for (let k = 0; k < mods.length; ++k) {
      const m = mods[(round + k) % mods.length];
      const t0 = performance.now();
      for (let i = 0; i < iterations; ++i) m.run(arg);
      m.times.push(performance.now() - t0);
    }
  }
} catch (e) {
  console.error(`run.mjs: trap: ${e}`);
  process.exit(1);
}

const median = (xs) => {
  const s = [...xs].sort((a, b) => a - b), n = s.length;
  return n % 2 ? s[(n - 1) / 2] : (s[n / 2 - 1] + s[n / 2]) / 2;
};
const out = { result: expected, iterations, rounds, arg, median: {}, min: {}, times: {} };
for (const m of mods) {
  out.median[m.label] = median(m.times);
  out.min[m.label] = Math.min(...m.times);
  out.times[m.label] = m.times;
}
console.log(JSON.stringify(out));
