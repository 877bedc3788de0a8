// node run.mjs contract.wasm: a normal session, then runaway recursion.
import { readFileSync } from 'node:fs';
const bytes = readFileSync(process.argv[2]);
let memory;
const { instance } = await WebAssembly.instantiate(bytes, {
  env: { log: (ptr, len) => console.log('  log:', new TextDecoder().decode(new Uint8Array(memory.buffer, ptr, len))) },
});
memory = instance.exports.memory;
const e = instance.exports;
e.init();
for (const k of [7, 7, 3, 11, 7]) e.increment(k);
console.log('get(7) =', e.get(7));
console.log('score(all) =', e.score(99));
console.log('descend(100) =', e.descend(100));
const depthAddr = e.depth_addr();
try {
  e.descend(1e9);
} catch (err) {
  const depth = new DataView(memory.buffer).getUint32(depthAddr, true);
  console.log(`descend(1e9): ${err.constructor.name}: ${err.message} at depth ${depth}`);
}
