import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// The simulator as one CommonJS file (dist/bin/ibmcloud-sim.cjs) that bin/ibmcloud-sim.js compiles
// with V8's code cache (scripts/sim-code-cache.js makes it at build time). A demo rotation starts
// the simulator once per command and the tests start it some 1,700 times; compiling its 360 kB
// (zod, the message catalogue, the hardware model) took about 40 ms of each start's 200 ms CPU.
// Node 20 has no code cache for ES modules, hence CommonJS here; mkra stays in vite.cli.config.ts.
// Every import is inlined: a script compiled by node:vm cannot run a dynamic import().
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/bin',
    // vite.cli.config.ts (run first) empties dist/bin; this build only adds its file.
    emptyOutDir: false,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      input: { 'ibmcloud-sim': 'electron/cli/ibmcloud-sim.ts' },
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`)],
      output: { format: 'cjs', entryFileNames: '[name].cjs', inlineDynamicImports: true },
    },
  },
  ssr: { noExternal: true },
});
