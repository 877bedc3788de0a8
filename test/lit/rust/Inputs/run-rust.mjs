// run-rust.mjs: runs exports of a freestanding wasm module built from Rust.
//
//   node run-rust.mjs [--read-i32 NAME]... MODULE.wasm CALL...
//
// CALL is EXPORT or EXPORT:ARG,ARG,... (an argument ending in "n" is a BigInt,
// for i64 parameters). The calls run in order on one instance; each prints
// "EXPORT(ARGS) = RESULT", or "trap: ErrorClass: message" after which no
// further call is made (the counter is left where the trap happened).
// Imports: env.host_mul(a, b) = a * b; env.host_log(v) prints "host_log(v)".
// --read-i32 NAME: at the end, prints "NAME = VALUE", the i32 at the address
// held by the exported global NAME (a #[no_mangle] static), without calling
// into the module.
// Exit status 0, or 3 after a trap. Runs in a worker with a 512 MiB native
// stack so that the module's own limit, not V8's, stops a recursion.
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
import { readFileSync, writeSync } from 'node:fs';

if (isMainThread) {
  const argv = process.argv.slice(2);
  const reads = [];
  while (argv.length && argv[0].startsWith('--')) {
    const opt = argv.shift();
    if (opt === '--read-i32' && argv.length) reads.push(argv.shift());
    else { writeSync(2, `run-rust.mjs: unknown option ${opt}\n`); process.exit(64); }
  }
  if (argv.length < 2) {
    writeSync(2, 'usage: run-rust.mjs [--read-i32 NAME]... MODULE.wasm CALL...\n');
    process.exit(64);
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { argv, reads }, resourceLimits: { stackSizeMb: 512 },
  });
  worker.on('message', (status) => { process.exitCode = status; });
  worker.on('error', (e) => { writeSync(2, `run-rust.mjs: ${e?.stack ?? e}\n`); process.exitCode = 70; });
} else {
  const { argv, reads } = workerData;
  const [file, ...calls] = argv;
  const module = new WebAssembly.Module(readFileSync(file));
  const env = {
    host_mul: (a, b) => Math.imul(a, b),
    host_log: (v) => { writeSync(1, `host_log(${v})\n`); },
  };
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.module !== 'env' || !(imp.name in env)) throw new Error(`unexpected import ${imp.module}.${imp.name}`);
  }
  const instance = new WebAssembly.Instance(module, { env });
  let status = 0;
  for (const call of calls) {
    const [name, argText] = call.split(':');
    const args = argText ? argText.split(',').map((a) => (a.endsWith('n') ? BigInt(a.slice(0, -1)) : Number(a))) : [];
    const fn = instance.exports[name];
    if (typeof fn !== 'function') throw new Error(`no exported function ${name}`);
    try {
      writeSync(1, `${name}(${argText ?? ''}) = ${fn(...args)}\n`);
    } catch (e) {
      writeSync(1, `trap: ${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}\n`);
      status = 3;
      break;
    }
  }
  for (const g of reads) {
    const glob = instance.exports[g];
    if (!(glob instanceof WebAssembly.Global)) { writeSync(2, `run-rust.mjs: no exported global ${g}\n`); status = 65; continue; }
    const view = new DataView(instance.exports.memory.buffer);
    writeSync(1, `${g} = ${view.getInt32(glob.value, true)}\n`);
  }
  parentPort.postMessage(status);
}
