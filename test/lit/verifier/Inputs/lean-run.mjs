// Runs Inputs/lean-accept.wat in node: the deepest recursion the limit
// admits twice (the second run succeeds only if every reservation was
// released), then one level more, which must trap at the entry check.
import { readFileSync } from "node:fs";
const mod = new WebAssembly.Module(readFileSync(process.argv[2]));
const inst = new WebAssembly.Instance(mod, { env: { host: (x) => x + 1 } });
const deepest = Number(process.argv[3]);
const call = (f, arg) => {
  try {
    console.log(`${f}(${arg}) = ${inst.exports[f](arg)}`);
  } catch (e) {
    console.log(`${f}(${arg}) trapped: ${e.constructor.name}: ${e.message}`);
  }
};
call("rec", deepest);
call("rec", deepest);
call("entry", 0);
call("rec", deepest + 1);
