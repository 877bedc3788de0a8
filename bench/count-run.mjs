// count-run.mjs: runs the export run(ARG) of a freestanding module once and
// prints the values of its exported i64 globals whose names start with
// __scc_ (plugin-bench.sh, section 5: the counting harness adds them).
//
//   node count-run.mjs FILE.wasm ARG
import { readFileSync } from 'node:fs';

const [file, arg] = process.argv.slice(2);
const { instance } = await WebAssembly.instantiate(readFileSync(file), {});
const result = instance.exports.run(Number(arg));
const counts = {};
for (const [name, v] of Object.entries(instance.exports))
  if (name.startsWith('__scc_')) counts[name.slice(6)] = Number(v.value);
console.log(JSON.stringify({ result, counts }));
