/** Drives the real rotation service against the real ibmcloud-sim under a pseudo-terminal. */
import { mkdtempSync, readdirSync, readFileSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { resolveEnvironment } from '../../../electron/backend/backend.js';
import { demoPaths } from '../../../electron/backend/environment/paths.js';
import { RotationService } from '../../../electron/backend/rotation/rotation-service.js';
import type { RotationSnapshot } from '../../../shared/rotation/types.js';
import type { PtySpawn } from '../../../electron/backend/runner/pty-process.js';
import { buildInvocation } from '../../../electron/backend/runner/tke-invocation.js';
import { countAllKeys } from '../../../shared/sim/keystore.js';
import { simHere } from '../sim-here.js';
import { readSimState } from './crash-oracle.js';

export const PASSWORD = 'passw0rd';

export interface Harness {
  dataDir: string;
  simDir: string;
  service: RotationService;
  notices: string[];
  lines: string[];
  /** A simulator command that asks nothing (reset, login, status), run in this process. */
  sim(args: string[]): Promise<{ status: number; stdout: string }>;
  /** The keystore counts `sim status --json` reports, read from the simulator's state. */
  keystore(): { total: number; usable: number; lost: number };
  /** Run one command and answer its prompts until it exits; resolves with the snapshot after it. */
  runToExit(
    argv: string[],
    answers?: Partial<Record<string, (snap: RotationSnapshot) => string>>,
  ): Promise<RotationSnapshot>;
  setFault(fault: string | null): void;
  /** Run the advisor's first next command until completed (at most 8 steps); returns the commands run. */
  followAdvisor(from: RotationSnapshot): Promise<{ snapshot: RotationSnapshot; followed: string[] }>;
}

/**
 * A fresh data directory, simulator state (scenario, keys) and a logged-in token; or, with
 * `existingDataDir`, a new service over a data directory as it is (journals and simulator state
 * kept). `spawn` replaces node-pty's.
 */
export async function createHarness(
  scenario = 'default',
  keys = 300,
  options: { spawn?: PtySpawn; existingDataDir?: string } = {},
): Promise<Harness> {
  const dataDir = options.existingDataDir ?? mkdtempSync(join(tmpdir(), 'mkra-rot-'));
  const { simDir, tkeFilesDir } = demoPaths(dataDir);
  const info = resolveEnvironment({
    host: 'browser',
    env: { PATH: process.env.PATH ?? '' },
    dataDir,
    forceDemo: true,
    name: 'n',
    version: '0.0.0',
  });
  const env = {
    PATH: process.env.PATH ?? '',
    HOME: process.env.HOME ?? '',
    MKRA_SIM_DIR: simDir,
    CLOUDTKEFILES: tkeFilesDir,
    MKRA_SIM_TIME_SCALE: '0',
  };
  const sim = (args: string[]) => simHere(args, env);
  if (options.existingDataDir === undefined) {
    const reset = await sim(['sim', 'reset', '--scenario', scenario, '--keys', String(keys)]);
    if (reset.status !== 0) throw new Error(`sim reset failed: ${reset.stdout}`);
    if (scenario !== 'expired-token') {
      const login = await sim(['login', '--apikey', 'demo']);
      if (login.status !== 0) throw new Error(`login failed: ${login.stdout}`);
    }
  }
  let fault: string | null = null;
  const notices: string[] = [];
  const lines: string[] = [];
  let waiters: (() => void)[] = [];
  const wake = () => {
    const w = waiters;
    waiters = [];
    for (const f of w) f();
  };
  const service: RotationService = new RotationService({
    dataDir,
    invocation: () => buildInvocation({ info, env, simDir, simTimeScale: '0' }),
    commandEnv: (): Record<string, string> => (fault ? { MKRA_SIM_FAULT: fault } : {}),
    hangAfterMs: 30_000,
    ...(options.spawn ? { spawn: options.spawn } : {}),
    events: {
      line: (e) => lines.push(e.text),
      exit: () => wake(),
      updated: () => wake(),
      notice: (n) => notices.push(n.message),
    },
  });
  const defaults: Record<string, (snap: RotationSnapshot) => string> = {
    password: () => PASSWORD,
    confirm: () => 'y',
    units: (snap) =>
      (service.state().running?.argv[1] === 'cryptounit-add'
        ? (snap.classification.unitsToReselect ?? [])
        : snap.classification.unitsToDeselect
      ).join(' '),
    instance: () => '1',
    keys: () => '1 2',
    other: () => 'admin@example.com',
  };
  const harness: Harness = {
    dataDir,
    simDir,
    service,
    notices,
    lines,
    sim,
    setFault: (f) => (fault = f),
    keystore: () => countAllKeys(readSimState(simDir)),
    async runToExit(argv, answers = {}) {
      await service.run(argv);
      const deadline = Date.now() + 60_000;
      for (;;) {
        await service.idle();
        const snap = service.snapshot();
        const running = service.state().running;
        if (!running) return snap;
        if (running.prompt) {
          const answer =
            (answers[running.prompt.kind] ?? defaults[running.prompt.kind] ?? defaults.other)?.(snap) ?? '';
          await service.answer(running.runId, answer, running.prompt.secret);
          continue;
        }
        if (Date.now() > deadline) throw new Error(`command did not finish: ${running.command}`);
        await new Promise<void>((resolve) => {
          waiters.push(resolve);
          setTimeout(resolve, 200);
        });
      }
    },
    async followAdvisor(from) {
      let snapshot = from;
      const followed: string[] = [];
      for (let step = 0; step < 8 && snapshot.classification.phase !== 'completed'; step++) {
        const next = snapshot.classification.next[0];
        if (!next) break;
        followed.push(next.command);
        snapshot = await harness.runToExit(argvOf(next.command));
      }
      return { snapshot, followed };
    },
  };
  return harness;
}

/** Every file under a directory, read as text (for secret searches). */
export function readAllFiles(dir: string): { path: string; text: string }[] {
  return readdirSync(dir).flatMap((name) => {
    const path = join(dir, name);
    return statSync(path).isDirectory() ? readAllFiles(path) : [{ path, text: readFileSync(path, 'latin1') }];
  });
}

/** Turn an advised command (`ibmcloud tke cryptounit-mk-rotate`) into argv. */
export function argvOf(command: string): string[] {
  return command.replace(/^ibmcloud\s+/, '').split(/\s+/);
}
