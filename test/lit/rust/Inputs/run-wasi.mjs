// node run-wasi.mjs MODULE.wasm [ARG...]: runs a WASI command; prints "exit N"
// or "trap: ErrorClass message".
import { WASI } from 'node:wasi';
import { readFileSync } from 'node:fs';
const wasi = new WASI({ version: 'preview1', args: ['hello', ...process.argv.slice(3)], env: {}, returnOnExit: true });
const m = await WebAssembly.compile(readFileSync(process.argv[2]));
const inst = await WebAssembly.instantiate(m, wasi.getImportObject());
try { console.log('exit', wasi.start(inst)); } catch (e) { console.log('trap:', e.constructor.name, e.message); }
