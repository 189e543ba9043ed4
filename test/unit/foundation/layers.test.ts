// Where code may run, enforced by ESLint (eslint-rules/layers.js over eslint-rules/layer-map.js): each
// hole the old denylist left open is fed to ESLint as code in a file of the layer and must be refused;
// the imports the layers really make must pass. And every tracked source file has exactly one layer.
import { execFileSync } from 'node:child_process';
import { resolve } from 'node:path';
import { ESLint } from 'eslint';
import { describe, expect, it } from 'vitest';
import { layersOf } from '../../../eslint-rules/layer-map.js';

const ROOT = resolve(import.meta.dirname, '../../..');
const eslint = new ESLint({ cwd: ROOT });

/** The messages ESLint gives `code` as if it were the file `path` (repository-relative). */
async function lint(path: string, code: string): Promise<string[]> {
  const [result] = await eslint.lintText(code, { filePath: resolve(ROOT, path) });
  return (result?.messages ?? []).map((m) => `${m.ruleId}: ${m.message}`);
}

const SHARED = 'shared/parse/probe.ts';
const RENDERER = 'renderer/src/lib/probe.ts';
const BACKEND = 'electron/backend/probe.ts';
const CLI = 'electron/cli/probe.ts';
const PRELOAD = 'electron/preload/probe.ts';
const MAIN = 'electron/main/probe.ts';

const holes: [string, string, RegExp][] = [
  ...[SHARED, RENDERER].flatMap((file): [string, string, RegExp][] => [
    [file, "import { EventEmitter } from 'events';\nexport const e = EventEmitter;", /Node built-in 'events'/],
    [file, "import { inspect } from 'util';\nexport const i = inspect;", /Node built-in 'util'/],
    [file, "import { spawn } from 'node-pty';\nexport const s = spawn;", /package 'node-pty'/],
    [file, "import { WebSocket } from 'ws';\nexport const w = WebSocket;", /package 'ws'/],
    [file, "export const f = () => import('node:fs');", /Node built-in 'node:fs'/],
    [file, "export const r = require('ws');", /package 'ws'/],
    [file, 'export const env = globalThis.process.env;', /no-restricted-properties: 'globalThis.process'/],
    [file, "export const env = globalThis['process'];", /no-restricted-properties: 'globalThis.process'/],
    [file, 'const { process: p } = globalThis;\nexport const env = p.env;', /no-restricted-properties/],
    [file, 'export const env = process.env;', /no-restricted-globals: Unexpected use of 'process'/],
    [file, "export const b = Buffer.from('x');", /no-restricted-globals: Unexpected use of 'Buffer'/],
    [file, "export const b = globalThis['Buf' + 'fer'];", /no-restricted-syntax/],
  ]),
  [
    'renderer/src/lib/Probe.svelte',
    '<script lang="ts">\n  import { readFileSync } from \'node:fs\';\n  const r = readFileSync;\n</script>\n<p>{String(r)}</p>\n',
    /Node built-in 'node:fs'/,
  ],
  [
    'renderer/src/lib/Probe.svelte',
    '<script lang="ts">\n  const env = globalThis.process.env;\n</script>\n<p>{String(env)}</p>\n',
    /no-restricted-properties/,
  ],
  [
    SHARED,
    "export * from '../../electron/backend/backend.js';",
    /shared may not import electron\/backend\/backend\.js/,
  ],
  [
    SHARED,
    "import { t } from '../../renderer/src/lib/i18n.js';\nexport const x = t;",
    /shared may not import renderer\//,
  ],
  [RENDERER, "import { ipcRenderer } from 'electron';\nexport const i = ipcRenderer;", /package 'electron'/],
  [RENDERER, "export { x } from '../../../electron/backend/backend.js';", /renderer may not import electron\/backend/],
  ...[BACKEND, CLI].flatMap((file): [string, string, RegExp][] => [
    [
      file,
      "import { createWindow } from '../main/window.js';\nexport const c = createWindow;",
      /may not import electron\/main\/window\.js/,
    ],
    [file, "export * from '../../electron/main/ipc.js';", /may not import electron\/main\/ipc\.js/],
    [file, "import { app } from 'electron';\nexport const a = app;", /may not import the package 'electron'/],
    [file, "export const r = () => import('../../renderer/src/main.js');", /may not import renderer\/src\/main\.js/],
  ]),
  [
    BACKEND,
    "import { runServe } from '../cli/serve.js';\nexport const s = runServe;",
    /electron\/backend may not import electron\/cli\/serve\.js/,
  ],
  [PRELOAD, "import { readFileSync } from 'node:fs';\nexport const r = readFileSync;", /Node built-in 'node:fs'/],
  [
    PRELOAD,
    "import { createBackend } from '../backend/backend.js';\nexport const b = createBackend;",
    /preload may not import electron\/backend\/backend\.js/,
  ],
  [
    PRELOAD,
    "import { CHANNELS } from '../../shared/ipc/contract.js';\nexport const c = CHANNELS;",
    /preload may not import shared\/ipc\/contract\.js/,
  ],
  [
    MAIN,
    "import { mount } from '../../renderer/src/main.js';\nexport const m = mount;",
    /main may not import renderer\/src\/main\.js/,
  ],
  [MAIN, "import x from '../../../outside/x.js';\nexport const y = x;", /leaves the repository/],
];

const legal: [string, string][] = [
  [SHARED, "import { z } from 'zod';\nimport { parse } from './index.js';\nexport const s = [z, parse];"],
  [
    RENDERER,
    "import { mount } from 'svelte';\nimport { t } from 'svelte-i18n';\nimport { CHANNELS } from '../../../shared/ipc/contract.js';\nexport const x = [mount, t, CHANNELS];",
  ],
  [RENDERER, 'export const w = window.location.href;'],
  [
    PRELOAD,
    "import { contextBridge } from 'electron';\nimport type { RendererApi } from '../../shared/ipc/contract.js';\nimport { CHANNEL_NAMES } from '../../shared/ipc/names.js';\nexport const x: [unknown, RendererApi | null] = [contextBridge, CHANNEL_NAMES && null];",
  ],
  [
    MAIN,
    "import { app } from 'electron';\nimport { join } from 'node:path';\nimport { createBackend } from '../backend/backend.js';\nexport const x = [app, join, createBackend];",
  ],
  [
    BACKEND,
    "import { readFile } from 'node:fs/promises';\nimport { WebSocket } from 'ws';\nimport { z } from 'zod';\nexport const x = [readFile, WebSocket, z, process.env];",
  ],
  [
    CLI,
    "import { parseArgs } from 'node:util';\nimport { packageInfo } from '../backend/package-info.js';\nexport const x = [parseArgs, packageInfo, () => import('./serve.js')];",
  ],
];

describe('the layers, as allowlists', () => {
  it.each(holes)('%s refuses: %s', async (file, code, error) => {
    const messages = await lint(file, code);
    expect(messages.join('\n')).toMatch(error);
  });

  it.each(legal)('%s allows: %s', async (file, code) => {
    expect(await lint(file, code)).toEqual([]);
  });

  it('every tracked source file belongs to exactly one layer', () => {
    const tracked = execFileSync('git', ['ls-files', '-z'], { cwd: ROOT, encoding: 'utf8' }).split('\0');
    const source = tracked.filter((f) => /\.(ts|js|svelte|mjs|cjs)$/.test(f));
    expect(source.length).toBeGreaterThan(100);
    const wrong = source
      .map(
        (f) =>
          `${f}: ${
            layersOf(f)
              .map((l) => l.name)
              .join(', ') || 'none'
          }`,
      )
      .filter((line) => line.split(', ').length !== 1 || line.endsWith(': none'));
    expect(wrong).toEqual([]);
  });

  it('a file outside every layer, or in two, is refused', () => {
    expect(layersOf('docs/x.ts')).toEqual([]);
    expect(layersOf('shared/x.ts').map((l) => l.name)).toEqual(['shared']);
    expect(layersOf('vite.config.ts').map((l) => l.name)).toEqual(['config']);
  });
});
