// Runs a CommonJS bundle of dist/bin compiled with V8's code cache: the compiled code of its
// top level, made at build time by scripts/sim-code-cache.js, so a start skips most of the parse
// and compile. The cache file is named by the SHA-256 of the source it was made from, so it never
// meets another source; V8 itself rejects one made by another V8 or with other flags (the app's
// Electron, say), and the bundle is then compiled from its source as usual.
// bin/ is CommonJS (bin/package.json): a launcher that is an ES module starts Node's ES module
// loader, about 15 ms of CPU on every start of the simulator. (Arrow functions: eslint-plugin-svelte's
// no-inner-declarations fails on a function declaration in a CommonJS file.)
const { createHash } = require('node:crypto');
const { readFileSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');

/** Where the code cache of `file` with this source is kept. */
const codeCachePath = (file, source) =>
  `${file}.${createHash('sha256').update(source).digest('hex').slice(0, 16)}.code-cache`;

/**
 * Compile the bundle `file` (with its code cache when there is one) and run its top level, as
 * require() would. Returns its exports, and the compiled script (to make a cache from).
 */
const loadBundle = (file) => {
  const source = readFileSync(file, 'utf8');
  let cachedData;
  try {
    cachedData = readFileSync(codeCachePath(file, source));
  } catch {
    cachedData = undefined;
  }
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script, source };
};

module.exports = { codeCachePath, loadBundle };
