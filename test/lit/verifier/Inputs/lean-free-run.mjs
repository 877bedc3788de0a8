// Runs lean-free-entries.test's ok.wat: the free entry, a recursion that
// fits, and one that traps at the counter's check.
import { readFileSync } from "node:fs";
const inst = new WebAssembly.Instance(new WebAssembly.Module(readFileSync(process.argv[2])), {});
for (const [f, arg] of [["pure", 3], ["rec", 5], ["rec", 100000]]) {
  try {
    console.log(`${f}(${arg}) = ${inst.exports[f](arg)}`);
  } catch (e) {
    console.log(`${f}(${arg}) trapped: ${e.constructor.name}: ${e.message}`);
  }
}
