/** A real `mkra serve --demo` child process for the served-mode campaign, and its liveness check. */
import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { rawHttp } from './raw-client.js';

export interface Served {
  child: ChildProcess;
  port: number;
  token: string;
  origin: string;
  host: string;
  cookie: string;
  stdout: string[];
  stderr: string[];
  /** Exit code or signal once it ended on its own (never, for the campaign to pass). */
  ended: string | null;
  stop(): Promise<void>;
}

export async function startServed(): Promise<Served> {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-served-'));
  const child = spawn(process.execPath, ['bin/mkra.js', 'serve', '--demo', '--data-dir', dataDir], {
    env: { ...process.env, MKRA_SIM_TIME_SCALE: '0' },
    stdio: ['ignore', 'pipe', 'pipe'],
  });
  const stdout: string[] = [];
  const stderr: string[] = [];
  let ended: string | null = null;
  let stopping = false;
  child.stdout?.on('data', (d: Buffer) => stdout.push(d.toString()));
  child.stderr?.on('data', (d: Buffer) => stderr.push(d.toString()));
  const exited = new Promise<void>((resolve) =>
    child.on('exit', (code, signal) => {
      if (!stopping) ended = `exit ${code ?? ''} ${signal ?? ''}`.trim();
      resolve();
    }),
  );
  const url = await new Promise<URL>((resolve, reject) => {
    const look = () => {
      const m = /Listening on (\S+)/.exec(stdout.join(''));
      if (m?.[1]) resolve(new URL(m[1]));
    };
    child.stdout?.on('data', look);
    void exited.then(() => reject(new Error(`mkra serve ended before listening: ${stderr.join('')}`)));
  });
  const port = Number(url.port);
  const token = url.searchParams.get('token') ?? '';
  return {
    child,
    port,
    token,
    origin: `http://127.0.0.1:${port}`,
    host: `127.0.0.1:${port}`,
    cookie: `mkra_token=${token}`,
    stdout,
    stderr,
    get ended() {
      return ended;
    },
    async stop() {
      stopping = true;
      child.kill('SIGTERM');
      await exited;
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

/** A normal page request with the cookie: served, and the process still running. */
export async function serves(s: Served): Promise<boolean> {
  if (s.ended !== null) return false;
  const res = await rawHttp(
    s.port,
    `GET / HTTP/1.1\r\nHost: ${s.host}\r\nCookie: ${s.cookie}\r\nConnection: close\r\n\r\n`,
  ).catch(() => null);
  return res?.status === 200 && /<!doctype html>/i.test(res.body);
}
