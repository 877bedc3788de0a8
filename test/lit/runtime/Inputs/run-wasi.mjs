// run-wasi.mjs: runs a wasm32-wasi command module under node's WASI (used by
// test/lit/runtime and test/lit/compiler-output).
//
//   node run-wasi.mjs [--env NAME=VALUE]... [--dir GUEST=HOST]... [--read-i32 NAME]...
//                     MODULE.wasm [ARGS...]
//
// stdin, stdout and stderr are the program's WASI fds 0, 1 and 2. Exit
// status: the program's own, or 3 when it trapped; a trap prints
// "trap: <ErrorClass>: <message>" on stdout after the program's output.
//
// --env NAME=VALUE: an environment variable of the program (none otherwise).
// --dir GUEST=HOST: preopens host directory HOST as GUEST (none otherwise).
// --read-i32 NAME: after the run (normal or trapped), reads the exported
// global NAME (wasm-ld's --export=SYM exports a data symbol's address as an
// i32 global), loads the i32 at that address in the exported memory and
// prints "NAME = VALUE"; no call into the module is needed, so this works
// after a trap left the stack counter at the limit.
//
// The module runs in a worker thread with a 512 MiB native stack, so that a
// recursion is stopped by the module's own stack limit (RuntimeError:
// unreachable) and not first by V8's (RangeError: Maximum call stack size
// exceeded) at its default ~1 MiB.
import { Worker, isMainThread, workerData } from 'node:worker_threads';
import { readFileSync, writeSync } from 'node:fs';

if (isMainThread) {
  const argv = process.argv.slice(2);
  const reads = [];
  const env = {};
  const preopens = {};
  while (argv.length && argv[0].startsWith('--')) {
    const opt = argv.shift();
    if (opt === '--read-i32' && argv.length) {
      reads.push(argv.shift());
    } else if (opt === '--dir' && argv.length && argv[0].includes('=')) {
      const kv = argv.shift();
      preopens[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
    } else if (opt === '--env' && argv.length && argv[0].includes('=')) {
      const kv = argv.shift();
      env[kv.slice(0, kv.indexOf('='))] = kv.slice(kv.indexOf('=') + 1);
    } else {
      writeSync(2, `run-wasi: unknown option ${opt}\n`);
      process.exit(64);
    }
  }
  if (!argv.length) {
    writeSync(2, 'usage: run-wasi.mjs [--env N=V]... [--dir G=H]... [--read-i32 NAME]... MODULE.wasm [ARGS...]\n');
    process.exit(64);
  }
  const worker = new Worker(new URL(import.meta.url), {
    workerData: { argv, reads, env, preopens },
    resourceLimits: { stackSizeMb: 512 },
    stdout: false, stderr: false,
  });
  worker.on('message', (status) => { process.exitCode = status; });
  worker.on('error', (e) => {
    writeSync(2, `run-wasi: ${e?.stack ?? e}\n`);
    process.exitCode = 70;
  });
} else {
  // node prints an ExperimentalWarning for 'node:wasi': keep stderr clean.
  process.removeAllListeners('warning');
  const emitWarning = process.emitWarning;
  process.emitWarning = (w, ...rest) => {
    const type = typeof rest[0] === 'string' ? rest[0] : rest[0]?.type;
    if (type === 'ExperimentalWarning' || w?.name === 'ExperimentalWarning') return;
    return emitWarning.call(process, w, ...rest);
  };
  const { WASI } = await import('node:wasi');
  const { argv, reads, env, preopens } = workerData;
  const wasi = new WASI({ version: 'preview1', args: argv, env, preopens, returnOnExit: true });
  const module = new WebAssembly.Module(readFileSync(argv[0]));
  const instance = new WebAssembly.Instance(module, wasi.getImportObject());
  let status;
  try {
    status = wasi.start(instance);
  } catch (e) {
    // Written with writeSync so it lands after what the program wrote to fd 1.
    writeSync(1, `trap: ${e?.constructor?.name ?? 'Error'}: ${e?.message ?? e}\n`);
    status = 3;
  }
  for (const name of reads) {
    const g = instance.exports[name];
    if (!(g instanceof WebAssembly.Global)) {
      writeSync(2, `run-wasi: no exported global ${name}\n`);
      status = 65;
      continue;
    }
    const view = new DataView(instance.exports.memory.buffer);
    writeSync(1, `${name} = ${view.getInt32(g.value, true)}\n`);
  }
  (await import('node:worker_threads')).parentPort.postMessage(status);
}
