import { test as base, expect } from '@playwright/test';
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

export interface DemoServer {
  url: string;
  origin: string;
  dataDir: string;
  process: ChildProcess;
}

/** Start `mkra serve --demo` on a random port with its own data directory; resolve with its URL. */
export async function startDemoServer(env: NodeJS.ProcessEnv = {}): Promise<DemoServer> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-e2e-'));
  const child = spawn(process.execPath, ['bin/mkra.js', 'serve', '--demo', '--port', '0', '--data-dir', dataDir], {
    env: { ...process.env, MKRA_SIM_TIME_SCALE: '0', ...env },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const url = await new Promise<string>((resolve, reject) => {
    let out = '';
    const timer = setTimeout(() => reject(new Error(`mkra serve did not start: ${out}`)), 120_000);
    child.stdout?.on('data', (chunk: Buffer) => {
      out += chunk.toString();
      const match = /Listening on (\S+)/.exec(out);
      if (match?.[1]) {
        clearTimeout(timer);
        resolve(match[1]);
      }
    });
    child.stderr?.on('data', (chunk: Buffer) => (out += chunk.toString()));
    child.on('exit', (code) => reject(new Error(`mkra serve exited with ${code}: ${out}`)));
  });
  return { url, origin: new URL(url).origin, dataDir, process: child };
}

/** Stop a demo server and remove its data directory. */
export async function stopDemoServer(server: DemoServer): Promise<void> {
  if (server.process.exitCode === null) {
    const exited = new Promise((resolve) => server.process.once('exit', resolve));
    server.process.kill('SIGTERM');
    await exited;
  }
  rmSync(server.dataDir, { recursive: true, force: true });
}

/** The test function with a fresh `mkra serve --demo` per test, started with these variables set. */
export function testWithEnv(env: NodeJS.ProcessEnv) {
  return base.extend<{ server: DemoServer }>({
    // eslint-disable-next-line no-empty-pattern -- Playwright requires an object pattern for a fixture without dependencies
    server: async ({}, use) => {
      const server = await startDemoServer(env);
      await use(server);
      await stopDemoServer(server);
    },
  });
}

export const test = testWithEnv({});

export { expect };
