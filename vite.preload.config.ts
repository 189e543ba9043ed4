import { defineConfig } from 'vite';

// The preload runs in a sandboxed renderer, where only a single CommonJS script with
// require('electron') works: bundle it (with the shared channel list) into one file.
export default defineConfig({
  build: {
    outDir: 'dist/preload',
    emptyOutDir: true,
    target: 'node20',
    minify: false,
    sourcemap: false,
    lib: {
      entry: 'electron/preload/index.ts',
      formats: ['cjs'],
      fileName: () => 'index.cjs',
    },
    rollupOptions: { external: ['electron'] },
  },
});
