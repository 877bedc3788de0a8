// run-reactor.mjs MODULE.wasm EXPORT: instantiates a WASI reactor under
// node's WASI, runs its _initialize, calls EXPORT() and prints the result.
import { readFileSync } from 'node:fs';
import { WASI } from 'node:wasi';

const [file, name] = process.argv.slice(2);
const wasi = new WASI({ version: 'preview1', args: [], env: {} });
const module = new WebAssembly.Module(readFileSync(file));
const instance = new WebAssembly.Instance(module, { wasi_snapshot_preview1: wasi.wasiImport });
wasi.initialize(instance);
console.log(`${name}() = ${instance.exports[name]()}`);
