// run.mjs: runs one export of a freestanding wasm module under node.
//
//   node run.mjs [--first NAME]... [--read-i32 NAME]... MODULE.wasm EXPORT [ARG...]
//
// --first NAME: calls the export NAME without arguments before EXPORT (for
// example __wasm_call_ctors).
// Every function import is satisfied with a stub returning 0 (imports of
// other kinds are not supported). Calls EXPORT with the integer ARGs and
// prints "result = VALUE", or "trap: ErrorClass: message" when it traps.
// --read-i32 NAME: afterwards, reads the exported global NAME (wasm-ld's
// --export=SYM exports a data symbol's address as an i32 global), loads the
// i32 at that address in the exported memory and prints "NAME = VALUE"
// without calling into the module (the counter may be at the limit).
// Exit status 0, or 3 after a trap.
//
// Runs in a worker with a 512 MiB native stack so that the module's own limit,
// not V8's stack overflow, stops a recursion.
import { Worker, isMainThread, workerData, parentPort } from 'node:worker_threads';
import { readFileSync, writeSync } from 'node:fs';

if (isMainThread) {
  const argv = process.argv.slice(2);
  const reads = [], firsts = [];
  while (argv.length && argv[0].startsWith('--')) {
    const opt = argv.shift();
    if (opt === '--read-i32' && argv.length) reads.push(argv.shift());
    else if (opt === '--first' && argv.length) firsts.push(argv.shift());
    else { writeSync(2, `run.mjs: unknown option ${opt}\n`); process.exit(64); }
  }
  if (argv.length < 2) {
    writeSync(2, 'usage: run.mjs [--read-i32 NAME]... MODULE.wasm EXPORT [ARG...]\n');
    process.exit(64);
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { argv, reads, firsts }, resourceLimits: { stackSizeMb: 512 },
  });
  worker.on('message', (status) => { process.exitCode = status; });
  worker.on('error', (e) => { writeSync(2, `run.mjs: ${e?.stack ?? e}\n`); process.exitCode = 70; });
} else {
  const { argv, reads, firsts } = workerData;
  const [file, name, ...args] = argv;
  const module = new WebAssembly.Module(readFileSync(file));
  const imports = {};
  for (const imp of WebAssembly.Module.imports(module)) {
    if (imp.kind !== 'function') throw new Error(`unsupported import ${imp.module}.${imp.name}`);
    (imports[imp.module] ??= {})[imp.name] = () => 0;
  }
  const instance = new WebAssembly.Instance(module, imports);
  for (const f of firsts) instance.exports[f]();
  const fn = instance.exports[name];
  if (typeof fn !== 'function') throw new Error(`no exported function ${name}`);
  let status = 0;
  try {
    writeSync(1, `result = ${fn(...args.map(Number))}\n`);
  } catch (e) {
    writeSync(1, `trap: ${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}\n`);
    status = 3;
  }
  for (const g of reads) {
    const glob = instance.exports[g];
    if (!(glob instanceof WebAssembly.Global)) { writeSync(2, `run.mjs: no exported global ${g}\n`); status = 65; continue; }
    const view = new DataView(instance.exports.memory.buffer);
    writeSync(1, `${g} = ${view.getInt32(glob.value, true)}\n`);
  }
  parentPort.postMessage(status);
}
