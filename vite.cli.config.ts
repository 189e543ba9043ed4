import { builtinModules } from 'node:module';
import { defineConfig } from 'vite';

// The command-line program `mkra` as a single ES module with one chunk per lazily imported command:
// Node then reads a handful of files instead of hundreds (tsc's output and zod's own modules), which
// is most of a short command's start-up time (npm run bench measures it).
// tsc's output in dist/electron stays what the desktop app and the tests import.
export default defineConfig({
  build: {
    ssr: true,
    outDir: 'dist/bin',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    reportCompressedSize: false,
    rollupOptions: {
      // The simulator is built by vite.sim.config.ts, after this build (which empties dist/bin).
      input: { mkra: 'electron/cli/mkra-main.ts' },
      // node-pty is a native addon and electron the host; everything else is bundled.
      external: [...builtinModules, ...builtinModules.map((m) => `node:${m}`), 'node-pty', 'electron'],
      output: { format: 'es', entryFileNames: '[name].js', chunkFileNames: 'chunks/[name]-[hash].js' },
    },
  },
  ssr: { noExternal: true },
});
