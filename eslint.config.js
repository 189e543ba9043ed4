// Lint also enforces where code may run: each layer imports only what its allowlist names
// (eslint-rules/layer-map.js, checked by the local rule eslint-rules/layers.js; README.md, "Layout").
// shared/ and renderer/ may not reach Node's globals either: no process, Buffer or require, not even
// through globalThis.
import js from '@eslint/js';
import tseslint from 'typescript-eslint';
import svelte from 'eslint-plugin-svelte';
import globals from 'globals';
import local from './eslint-rules/layers.js';

const NODE_GLOBALS = ['process', 'Buffer', 'require', 'module', 'exports', 'global', '__dirname', '__filename'];
const GLOBAL_OBJECTS = ['globalThis', 'window', 'self'];
const noNodeGlobals = {
  'no-restricted-globals': ['error', ...NODE_GLOBALS],
  'no-restricted-properties': [
    'error',
    ...GLOBAL_OBJECTS.flatMap((object) => NODE_GLOBALS.map((property) => ({ object, property }))),
  ],
  'no-restricted-syntax': [
    'error',
    {
      selector: `MemberExpression[computed=true][object.name=/^(${GLOBAL_OBJECTS.join('|')})$/]:not([property.type='Literal'])`,
      message: 'No computed access to the global object: Node globals are not available in this layer.',
    },
  ],
};

export default tseslint.config(
  {
    ignores: [
      'dist/**',
      'node_modules/**',
      'test-results/**',
      'playwright-report/**',
      'out/**',
      'release/**',
      'bench-results/**',
      '.stryker-tmp/**',
      'reports/**',
    ],
  },
  js.configs.recommended,
  ...tseslint.configs.recommended,
  ...svelte.configs['flat/recommended'],
  {
    plugins: { local },
    languageOptions: { globals: { ...globals.node } },
    rules: {
      'local/layers': 'error',
      '@typescript-eslint/no-explicit-any': 'error',
      '@typescript-eslint/ban-ts-comment': 'error',
      '@typescript-eslint/no-unused-vars': ['error', { argsIgnorePattern: '^_', varsIgnorePattern: '^_' }],
    },
  },
  {
    files: ['**/*.svelte', '**/*.svelte.ts'],
    languageOptions: {
      globals: { ...globals.browser },
      parserOptions: { parser: tseslint.parser, extraFileExtensions: ['.svelte'] },
    },
  },
  {
    files: ['**/*.cjs', 'bin/**/*.js'],
    languageOptions: { sourceType: 'commonjs' },
    rules: { '@typescript-eslint/no-require-imports': 'off' },
  },
  {
    files: ['shared/**'],
    languageOptions: { globals: { ...globals['shared-node-browser'] } },
    rules: { ...noNodeGlobals, 'no-restricted-globals': ['error', ...NODE_GLOBALS, 'window', 'document'] },
  },
  {
    files: ['renderer/**'],
    languageOptions: { globals: { ...globals.browser } },
    rules: noNodeGlobals,
  },
  // Source reads in one sitting: no file over 300 lines and no function over 60, as Prettier lays them
  // out (npm run lint checks the layout first). Tests are exempt: a table of cases may run long.
  {
    files: ['electron/**', 'shared/**', 'renderer/**', 'scripts/**', 'bin/**', 'eslint-rules/**'],
    rules: {
      'max-lines': ['error', { max: 300, skipBlankLines: false, skipComments: false }],
      'max-lines-per-function': ['error', { max: 60, skipBlankLines: false, skipComments: false, IIFEs: true }],
    },
  },
);
