// Runs a CommonJS bundle of dist/bin compiled with V8's code cache: the compiled code of its
// top level, made at build time by scripts/sim-code-cache.js, so a start skips most of the parse
// and compile. V8 checks only a cache's V8 version, flags and source length, so the cache file is
// named by the size, inode and modification time of the bundle it was made from (as Python checks
// its compiled files against their source's size and time): a rebuilt or edited bundle never meets
// an older cache, on any file system that keeps times finer than the time between two builds. A
// SHA-256 of the source did the same at about 9 ms of each start's CPU (loading node:crypto, then
// hashing 360 kB). V8 itself rejects a cache made by another V8 or with other flags (the app's
// Electron, say), and the bundle is then compiled from its source as usual.
// bin/ is CommonJS (bin/package.json): a launcher that is an ES module starts Node's ES module
// loader, about 15 ms of CPU on every start of the simulator. (Arrow functions: eslint-plugin-svelte's
// no-inner-declarations fails on a function declaration in a CommonJS file.)
const { readFileSync, statSync } = require('node:fs');
const Module = require('node:module');
const { dirname } = require('node:path');
const vm = require('node:vm');

/** Where the code cache of `file`, as it is now on disk, is kept: by its size, inode and time (ns). */
const codeCachePath = (file) => {
  const { size, ino, mtimeNs } = statSync(file, { bigint: true });
  return `${file}.${size}-${ino}-${mtimeNs}.code-cache`;
};

/**
 * Compile the bundle `file` (with its code cache when there is one) and run its top level, as
 * require() would. Returns its exports, and the compiled script (to make a cache from).
 */
const loadBundle = (file) => {
  let cachedData;
  try {
    cachedData = readFileSync(codeCachePath(file));
  } catch {
    cachedData = undefined;
  }
  const source = readFileSync(file, 'utf8');
  const script = new vm.Script(Module.wrap(source), { filename: file, cachedData });
  const module = { exports: {} };
  script
    .runInThisContext()
    .call(module.exports, module.exports, Module.createRequire(file), module, file, dirname(file));
  return { exports: module.exports, script };
};

module.exports = { codeCachePath, loadBundle };
