// depth.mjs MODULE: the deepest recursion `run(n)` of MODULE that node
// completes before its own stack overflows (RangeError), found by bisection
// in fresh instances. The module is built with an unreachable stack limit,
// so only node's stack bounds the depth.
import fs from 'fs';
const module = new WebAssembly.Module(fs.readFileSync(process.argv[2]));
const completes = (n) => {
  const instance = new WebAssembly.Instance(module, {});
  try {
    instance.exports.run(n);
    return true;
  } catch (e) {
    if (e instanceof RangeError) return false;
    throw e;
  }
};
let lo = 1, hi = 1 << 24;
while (lo < hi) {
  const mid = Math.floor((lo + hi + 1) / 2);
  if (completes(mid)) lo = mid; else hi = mid - 1;
}
console.log(lo);
