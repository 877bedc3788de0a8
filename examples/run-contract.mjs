// run-contract.mjs: runs the stackcap counter contract in node and shows its
// deterministic stack-limit trap.
//
//   node examples/run-contract.mjs counter.wasm --limit N --descend-cost C [--trap-only]
//
// --limit N         the limit the module was built with (stackcap-clang --stack-limit=N)
// --descend-cost C  cost(descend.stackcap_body), from stackcap-verify --print-costs
// --trap-only       skip the normal calls; print only the trap line (for a second process)
//
// Exit status: 0 when every trap happens at the predicted depth, 1 otherwise,
// 2 on bad usage or a module that cannot be run.
import { readFileSync } from 'node:fs';

function usage(msg) {
  console.error(`run-contract: ${msg}\nusage: node run-contract.mjs FILE.wasm --limit N --descend-cost C [--trap-only]`);
  process.exit(2);
}

const args = process.argv.slice(2);
let file, limit, cost, trapOnly = false;
for (let i = 0; i < args.length; ++i) {
  const a = args[i];
  if (a === '--limit') limit = Number(args[++i]);
  else if (a === '--descend-cost') cost = Number(args[++i]);
  else if (a === '--trap-only') trapOnly = true;
  else if (a.startsWith('-')) usage(`unknown option ${a}`);
  else if (file === undefined) file = a;
  else usage('one module at a time');
}
if (file === undefined) usage('no module given');
if (!Number.isInteger(limit) || limit < 0) usage('--limit needs a number');
if (!Number.isInteger(cost) || cost <= 0) usage('--descend-cost needs a positive number');

const module = new WebAssembly.Module(readFileSync(file));

// One instance with its own host: env.log(ptr, len) decodes UTF-8 text from
// the instance's memory and collects it, so each call's log lines can be
// printed next to its result.
function instantiate(mod = module) {
  const logs = [];
  let memory;
  const instance = new WebAssembly.Instance(mod, {
    env: {
      log(ptr, len) {
        logs.push(new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len)));
      },
    },
  });
  memory = instance.exports.memory;
  return { exports: instance.exports, memory, logs };
}

const pad = (s, n) => String(s).padEnd(n);

function show(inst, label, thunk) {
  inst.logs.length = 0;
  const result = thunk();
  const shown = result === undefined ? '-' : Array.isArray(result) ? result.join(' ') : result;
  const log = inst.logs.map((l) => `log: "${l}"`).join('  ');
  console.log(`  ${pad(label, 20)} = ${pad(shown, 12)} ${log}`.trimEnd());
}

// The depth record is read straight from linear memory: after a trap every
// export is unusable (see below), the getter included.
function runToTrap(inst, depthAddr) {
  const n = 1_000_000_000;
  try {
    inst.exports.descend(n);
  } catch (e) {
    if (e instanceof RangeError)
      throw new Error(`node's own stack overflowed before the stackcap counter trapped ` +
                      `(${e.message}); use a smaller --stack-limit`);
    if (!(e instanceof WebAssembly.RuntimeError) || e.message !== 'unreachable') throw e;
    const depth = new Uint32Array(inst.memory.buffer, depthAddr, 1)[0];
    return { error: `${e.constructor.name}: ${e.message}`, depth };
  }
  throw new Error(`descend(${n}) returned without trapping`);
}

// Depth predicted from the spec (sections 1-2). Entering descend from the host
// goes through the thunk, whose counted call adds c = cost(descend.stackcap_body)
// to a counter that starts at 0: depth 1 runs with counter c. Each recursive
// (direct, counted) call adds c again, so depth d runs with counter d*c, and the
// call that would start depth d+1 traps iff (d+1)*c > LIMIT. Hence the deepest
// level reached is the largest d with d*c <= LIMIT: floor(LIMIT / c).
const predicted = Math.floor(limit / cost);

let ok = true;
const report = (label, r) => {
  const verdict = r.depth === predicted ? 'as predicted' : `MISMATCH (predicted ${predicted})`;
  if (r.depth !== predicted) ok = false;
  console.log(`  ${pad(label, 30)} ${pad(r.error, 26)} depth ${String(r.depth).padStart(5)}  ${verdict}`);
};

try {
  if (trapOnly) {
    const inst = instantiate();
    report('second node process, instance', runToTrap(inst, inst.exports.depth_addr()));
  } else {
    console.log(`-- normal calls: node ${process.versions.node}, instance A, host import env.log`);
    const a = instantiate();
    const x = a.exports;
    show(a, 'init()', () => x.init());
    show(a, 'increment(7)', () => x.increment(7));
    show(a, 'increment(7)', () => x.increment(7));
    show(a, 'increment(42)', () => x.increment(42));
    show(a, 'get(7), get(99)', () => [x.get(7), x.get(99)]);
    show(a, 'keys(), total()', () => [x.keys(), x.total()]);
    show(a, 'fib(20)', () => x.fib(20));
    show(a, 'apply(0..3, 12, 5)', () => [0, 1, 2, 3].map((op) => x.apply(op, 12, 5)));
    show(a, 'apply(9, 1, 2)', () => x.apply(9, 1, 2));
    show(a, 'descend(100)', () => x.descend(100));
    show(a, 'max_depth()', () => x.max_depth());

    console.log(`-- deterministic trap: descend(1000000000), limit ${limit}`);
    console.log(`  predicted depth: floor(${limit} / cost(descend.stackcap_body) = ${cost}) = ${predicted}`);
    const depthAddr = x.depth_addr();
    report('instance A (used above)', runToTrap(a, depthAddr));
    // The trap unwinds the wasm frames but not the counter: the global keeps the
    // value that failed the check, so every later counted call (every export
    // goes through a thunk) traps at once. A trapped instance is spent, as with
    // wasm-instrument; the host starts a fresh one.
    let spent;
    try { x.max_depth(); spent = 'returned (unexpected)'; } catch (e) { spent = `${e.constructor.name}: ${e.message}`; }
    console.log(`  ${pad('instance A again: max_depth()', 30)} ${pad(spent, 26)} at once: the counter is not unwound`);
    report('instance B (fresh)', runToTrap(instantiate(), depthAddr));
    report('instance C (fresh)', runToTrap(instantiate(), depthAddr));
  }
} catch (e) {
  console.error(`run-contract: ${e.message}`);
  process.exit(2);
}
process.exit(ok ? 0 : 1);
