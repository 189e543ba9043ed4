// Where code may run, as allowlists: every tracked source file belongs to exactly one layer, and a
// layer names the layers (or single files) it may import, the npm packages it may import and
// whether it may import Node built-ins. eslint-rules/layers.js enforces it; README.md, "Layout",
// explains it. A path entry ending in '/' is a folder; otherwise it is one file (any extension).

/** The npm packages the Node side of the app (backend and CLI) may use. */
const SERVER_PACKAGES = ['@pdf-lib/fontkit', 'jose', 'json-canonicalize', 'node-pty', 'pdf-lib', 'ws', 'zod'];

/** Tooling (tests, scripts, configuration) may use anything installed: it never ships. */
const ANY = '*';

/** @typedef {{ name: string, files: RegExp, imports: string[], typeImports?: string[], packages: string[] | '*', builtins: boolean }} Layer */

/** @type {Layer[]} */
export const LAYERS = [
  { name: 'shared', files: /^shared\//, imports: ['shared/'], packages: ['zod'], builtins: false },
  {
    name: 'renderer',
    files: /^renderer\//,
    imports: ['renderer/', 'shared/'],
    packages: ['svelte', 'svelte-i18n', 'virtua'],
    builtins: false,
  },
  {
    name: 'electron/preload',
    files: /^electron\/preload\//,
    imports: ['electron/preload/', 'shared/ipc/names'],
    typeImports: ['shared/ipc/contract'],
    packages: ['electron'],
    builtins: false,
  },
  {
    name: 'electron/main',
    files: /^electron\/main\//,
    imports: ['electron/main/', 'electron/backend/', 'shared/'],
    packages: ['electron'],
    builtins: true,
  },
  {
    name: 'electron/backend',
    files: /^electron\/backend\//,
    imports: ['electron/backend/', 'shared/'],
    packages: SERVER_PACKAGES,
    builtins: true,
  },
  {
    name: 'electron/cli',
    files: /^electron\/cli\//,
    imports: ['electron/cli/', 'electron/backend/', 'shared/'],
    packages: SERVER_PACKAGES,
    builtins: true,
  },
  { name: 'bin', files: /^bin\//, imports: ['bin/'], packages: [], builtins: true },
  // scripts/sim-code-cache.js makes the code cache with the loader the launcher uses (bin/cached-script.js).
  { name: 'scripts', files: /^scripts\//, imports: ['scripts/', 'bin/'], packages: ANY, builtins: true },
  { name: 'build', files: /^build\//, imports: ['build/'], packages: ANY, builtins: true },
  {
    name: 'test',
    files: /^test\//,
    imports: [
      'test/',
      'shared/',
      'renderer/',
      'electron/',
      'scripts/',
      'eslint-rules/',
      'build/',
      'dist/',
      'package.json',
    ],
    packages: ANY,
    builtins: true,
  },
  {
    name: 'config',
    files: /^(eslint-rules\/|[^/]+$)/,
    imports: ['eslint-rules/', 'package.json'],
    packages: ANY,
    builtins: true,
  },
];

/** The layers a repository-relative path belongs to (exactly one for every tracked source file). */
export function layersOf(path) {
  return LAYERS.filter((layer) => layer.files.test(path));
}

/** Drop the extension the import names (`.js` for a `.ts` file) so a file entry matches any. */
function stem(path) {
  return path.replace(/(\.svelte)?\.(js|ts|mjs|cjs|json)$/, '');
}

/** True when the repository-relative target matches one of the entries. */
export function pathAllowed(entries, target) {
  return entries.some((entry) => (entry.endsWith('/') ? target.startsWith(entry) : stem(target) === stem(entry)));
}

/** The package an import names: `@scope/name` or `name`, without a subpath. */
export function packageName(specifier) {
  const parts = specifier.split('/');
  return specifier.startsWith('@') ? parts.slice(0, 2).join('/') : (parts[0] ?? specifier);
}
