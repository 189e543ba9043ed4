// Start-up benchmarks: each command-line program against a bare `node -e 0` measured in
// the same run, interleaved with it, so that the ratio holds on a busy machine where absolute times
// do not. Also the preload bundle's size (it must carry channel names only).
import { spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { performance } from 'node:perf_hooks';

const median = (xs) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];
const ROUNDS = 9;

function timed(args, options) {
  const t0 = performance.now();
  const r = spawnSync(process.execPath, args, options);
  const ms = performance.now() - t0;
  if (r.status !== 0) throw new Error(`${args.join(' ')} exited ${r.status}: ${r.stdout}${r.stderr}`);
  return ms;
}

/**
 * Time `run` and a bare node start alternately, ROUNDS times each; `before` runs untimed before each
 * timed call (a reset, a login). Returns both medians.
 */
function againstNode(run, before = () => undefined) {
  const bare = [];
  const cmd = [];
  for (let i = 0; i < ROUNDS; i++) {
    bare.push(timed(['-e', '0']));
    before();
    cmd.push(run());
  }
  return { bare: median(bare), cmd: median(cmd) };
}

const ratioRow = (label, { bare, cmd }) => ({
  name: `${label}: ${cmd.toFixed(0)} ms vs bare node -e 0 ${bare.toFixed(0)} ms; ratio`,
  value: +(cmd / bare).toFixed(2),
  target: '<= 3 (x node)',
});

/** A 200-line transcript of a rotation interrupted while re-encrypting (the typical classify input). */
function transcript200() {
  const head = [
    '$ ibmcloud tke auto-mk-rotate',
    'API endpoint:     https://cloud.ibm.com',
    'Region:           us-south',
    'Generating a new random master key in crypto unit 3...',
    'Copying the new master key to the other crypto units...',
    'Committing the new master key...',
    'Delaying 30 seconds to allow server to discover new master key values',
    'Re-encrypting key storage...',
  ];
  const lines = [...head];
  for (let i = 1; lines.length < 196; i++) lines.push(`Re-encrypted ${i} of 300 keys`);
  lines.push('FAILED', 'Error reported by EP11 crypto module.', 'Return code: 209', 'Reason code: 71');
  return lines.join('\n') + '\n';
}

/** The simulator's commands against bare node, each from a logged-in state in `dir`. */
function simRows(root, dir) {
  const env = {
    PATH: process.env.PATH,
    HOME: process.env.HOME,
    MKRA_SIM_DIR: join(dir, 'sim'),
    CLOUDTKEFILES: join(dir, 'sim', 'tkefiles'),
    MKRA_SIM_TIME_SCALE: '0',
  };
  const sim = (...args) => [join(root, 'bin', 'ibmcloud-sim.js'), ...args];
  const quiet = { env, stdio: 'ignore' };
  const fresh = () => {
    timed(sim('sim', 'reset'), quiet);
    timed(sim('login', '--apikey', 'bench'), quiet);
  };
  const rows = [];
  fresh();
  for (const command of [
    'help',
    'cryptounits',
    'cryptounit-mks',
    'cryptounit-thrhlds',
    'cryptounit-admins',
    'sigkeys',
    'mks',
  ]) {
    rows.push(
      ratioRow(
        `ibmcloud-sim tke ${command}, process start to exit (median of ${ROUNDS})`,
        againstNode(() => timed(sim('tke', command), quiet)),
      ),
    );
  }
  const answers = { env, input: 'passw0rd\npassw0rd\n', stdio: ['pipe', 'ignore', 'ignore'] };
  rows.push(
    ratioRow(
      `ibmcloud-sim tke auto-mk-rotate at time scale 0 (default scenario), process start to exit (median of ${ROUNDS})`,
      againstNode(() => timed(sim('tke', 'auto-mk-rotate'), answers), fresh),
    ),
  );
  return rows;
}

/** `mkra classify` (plain and --json) of a 200-line transcript written in `dir`, and `mkra version`. */
function mkraRows(root, dir) {
  const file = join(dir, 'transcript-200.txt');
  writeFileSync(file, transcript200());
  const mkra = (...args) => [join(root, 'bin', 'mkra.js'), ...args];
  return [
    ratioRow(
      `mkra classify of a 200-line transcript, process start to exit (median of ${ROUNDS})`,
      againstNode(() => timed(mkra('classify', file), { stdio: 'ignore' })),
    ),
    ratioRow(
      `mkra classify --json of the same, process start to exit (median of ${ROUNDS})`,
      againstNode(() => timed(mkra('classify', '--json', file), { stdio: 'ignore' })),
    ),
    ratioRow(
      `mkra version, process start to exit (median of ${ROUNDS})`,
      againstNode(() => timed(mkra('version'), { stdio: 'ignore' })),
    ),
  ];
}

export async function benchStartup(root) {
  const dir = mkdtempSync(join(tmpdir(), 'mkra-bench-start-'));
  const rows = [];
  try {
    rows.push(...simRows(root, dir), ...mkraRows(root, dir));
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
  const preload = statSync(join(root, 'dist', 'preload', 'index.cjs')).size;
  rows.push({
    name: 'preload bundle (dist/preload/index.cjs, kB)',
    value: +(preload / 1024).toFixed(2),
    target: '< 10 kB',
  });
  return rows;
}
