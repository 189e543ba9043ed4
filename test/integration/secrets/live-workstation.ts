/**
 * A workstation the app takes for a live one: an `ibmcloud` on PATH with the tke plug-in folder,
 * which records the argv and environment it was started with, then runs the real simulator. Every
 * process the app spawns for the CLI goes through it, so the campaign can inspect all of them.
 */
import { spawnSync } from 'node:child_process';
import { chmodSync, mkdirSync, mkdtempSync, readdirSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join, resolve } from 'node:path';
import { pathToFileURL } from 'node:url';
import { decryptWithPassword, encryptWithPassword } from '../../../electron/cli/sim/key-files.js';

export interface SpawnRecord {
  argv: string[];
  env: Record<string, string>;
  /** Everything the process wrote to stdout and stderr. */
  output: Buffer;
}

export interface LiveWorkstation {
  root: string;
  dataDir: string;
  simDir: string;
  keyFilesDir: string;
  /** Directories whose every file the app or the CLI may have written. */
  writtenDirs: string[];
  /** The app's environment: the live CLI found on PATH, key files in CLOUDTKEFILES. */
  env: Record<string, string>;
  /** Run the simulator directly (set-up, as an administrator would in a terminal). */
  sim(args: string[], input?: string, extraEnv?: Record<string, string>): { status: number; output: string };
  /** Every process the app started through `ibmcloud`, in no particular order, with its output. */
  records(): SpawnRecord[];
}

const SIM_ENTRY = pathToFileURL(resolve('dist/electron/cli/ibmcloud-sim.js')).href;

/** Create the workstation; `extraEnv` is added to the app's environment. */
export function liveWorkstation(extraEnv: Record<string, string>): LiveWorkstation {
  const root = mkdtempSync(join(tmpdir(), 'mkra-campaign-'));
  const dirs = {
    bin: join(root, 'bin'),
    records: join(root, 'records'),
    home: join(root, 'home'),
    ibmHome: join(root, 'ibmcloud-home'),
    sim: join(root, 'sim'),
    data: join(root, 'data'),
  };
  for (const dir of Object.values(dirs)) mkdirSync(dir, { recursive: true, mode: 0o700 });
  mkdirSync(join(dirs.ibmHome, '.bluemix', 'plugins', 'tke'), { recursive: true });
  const keyFilesDir = join(dirs.sim, 'tkefiles');
  mkdirSync(keyFilesDir, { mode: 0o700 });
  const recorder = join(root, 'record.mjs');
  writeFileSync(
    recorder,
    [
      "import { appendFileSync, writeFileSync } from 'node:fs';",
      "import { randomUUID } from 'node:crypto';",
      `const base = ${JSON.stringify(dirs.records)} + '/' + randomUUID();`,
      "writeFileSync(base + '.json', JSON.stringify({ argv: process.argv.slice(2), env: process.env }));",
      "writeFileSync(base + '.out', '');",
      '// What the process prints is kept too (the terminal adds only the echo of what is typed).',
      'for (const stream of [process.stdout, process.stderr]) {',
      '  const write = stream.write.bind(stream);',
      "  stream.write = (chunk, ...rest) => (appendFileSync(base + '.out', chunk), write(chunk, ...rest));",
      '}',
      `process.env.MKRA_SIM_DIR = ${JSON.stringify(dirs.sim)};`,
      "process.env.MKRA_SIM_TIME_SCALE = '0';",
      `const { runCli } = await import(${JSON.stringify(SIM_ENTRY)});`,
      'await runCli();',
      '',
    ].join('\n'),
  );
  writeFileSync(
    join(dirs.bin, 'ibmcloud'),
    `#!/bin/sh\nexec ${JSON.stringify(process.execPath)} ${JSON.stringify(recorder)} "$@"\n`,
  );
  chmodSync(join(dirs.bin, 'ibmcloud'), 0o755);
  const env = {
    PATH: `${dirs.bin}:/usr/bin:/bin`,
    HOME: dirs.home,
    IBMCLOUD_HOME: dirs.ibmHome,
    CLOUDTKEFILES: keyFilesDir,
    LANG: 'C.UTF-8',
    ...extraEnv,
  };
  const simEnv = {
    PATH: env.PATH,
    HOME: dirs.home,
    MKRA_SIM_DIR: dirs.sim,
    CLOUDTKEFILES: keyFilesDir,
    MKRA_SIM_TIME_SCALE: '0',
  };
  return {
    root,
    dataDir: dirs.data,
    simDir: dirs.sim,
    keyFilesDir,
    writtenDirs: [dirs.data, dirs.sim, dirs.home, dirs.ibmHome],
    env,
    sim(args, input, extraEnv = {}) {
      const r = spawnSync(process.execPath, ['bin/ibmcloud-sim.js', ...args], {
        env: { ...simEnv, ...extraEnv },
        encoding: 'utf8',
        ...(input === undefined ? {} : { input }),
      });
      return { status: r.status ?? -1, output: `${r.stdout}${r.stderr}` };
    },
    records: () =>
      readdirSync(dirs.records)
        .filter((name) => name.endsWith('.json'))
        .map((name) => ({
          ...(JSON.parse(readFileSync(join(dirs.records, name), 'utf8')) as Omit<SpawnRecord, 'output'>),
          output: readFileSync(join(dirs.records, name.replace(/\.json$/, '.out'))),
        })),
  };
}

/** Give a key file of the scenario (password `passw0rd`) a new password, as its owner would. */
export function changeKeyFilePassword(keyFilesDir: string, fileName: string, from: string, to: string): void {
  const path = join(keyFilesDir, fileName);
  const file = JSON.parse(readFileSync(path, 'utf8')) as { seaSalt: string; enckey: string };
  const plain = decryptWithPassword(from, file.seaSalt, file.enckey);
  if (plain === undefined) throw new Error(`${fileName} does not open with the scenario password`);
  writeFileSync(path, JSON.stringify({ ...file, ...encryptWithPassword(to, plain) }));
}
