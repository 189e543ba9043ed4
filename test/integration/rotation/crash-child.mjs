// The backend of the crash campaign (crash-campaign.ts), in its own process so that it can be
// SIGKILLed: the real RotationService (built, as the packaged app runs it) against the simulator
// under a pseudo-terminal. argv: dataDir, plan (JSON):
//   {mode: 'run'|'resume', flow: 'auto'|'keyparts', fault?, scale, sim: 'dies'|'survives', point?}
// 'run' starts a rotation and runs the flow (the first rotation command with MKRA_SIM_FAULT=fault),
// then follows the advisor; 'resume' reopens the unfinished journal and follows the advisor.
// `point` arms crash-hook.mjs. Each simulator started prints `SIMPID <pid>`; the end prints
// `DONE <phase>` when no kill came. A simulator that dies with its terminal runs in lock-step with
// the journal (sim-lockstep.mjs), so it is never further on than what the backend journaled.
// The tests run this file bundled with the dist/ modules it imports (../child-bundle.ts): one file
// to load per start instead of hundreds.
import { execFileSync } from 'node:child_process';
import { closeSync, constants, mkdtempSync, openSync, writeSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { spawn as ptySpawn } from 'node-pty';
import { demoPaths } from '../../../dist/electron/backend/environment/paths.js';
import { RotationService } from '../../../dist/electron/backend/rotation/rotation-service.js';
import { buildInvocation } from '../../../dist/electron/backend/runner/tke-invocation.js';
import { armCrash } from './crash-hook.mjs';
import { PACED } from './sim-lockstep.mjs';

const PASSWORD = 'passw0rd';
const SURVIVE = fileURLToPath(new URL('./sim-survives-hangup.mjs', import.meta.url));
const LOCKSTEP = fileURLToPath(new URL('./sim-lockstep.mjs', import.meta.url));
const [dataDir, planText] = process.argv.slice(2);
const plan = JSON.parse(planText);
/** The FIFO of the running command's simulator in lock-step (sim-lockstep.mjs), while it runs. */
let pace = null;
let commands = 0;
const fifoDir = mkdtempSync(join(tmpdir(), 'mkra-lockstep-'));
writeSync(1, `PACEDIR ${fifoDir}\n`);
/** One byte to the simulator per paced line the journal now holds: it may print its next one. */
function journaled(entry) {
  if (pace === null || entry?.kind !== 'output' || typeof entry.data?.line !== 'string') return;
  const count = entry.data.line.match(PACED)?.length ?? 0;
  if (count > 0) writeSync(pace, Buffer.alloc(count));
}
if (plan.point) await armCrash(plan.point, journaled);

const { simDir, tkeFilesDir } = demoPaths(dataDir);
const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '' };
// What resolveEnvironment gives a forced demo (the parts buildInvocation reads); importing backend.js
// for it would load the whole host and cost seconds per child on a busy machine.
const info = { mode: 'demo', tkeFiles: { status: 'ok', dir: tkeFilesDir, message: '' } };
let wake = () => undefined;
let part = 0;
let service;

/** The first rotation command gets the fault; a surviving simulator ignores the loss of its terminal. */
function commandEnv(argv) {
  const extra = plan.sim === 'survives' ? { NODE_OPTIONS: `--import=${SURVIVE}` } : lockstep();
  const rotating = ['auto-mk-rotate', 'cryptounit-mk-rotate'].includes(argv[1]);
  if (plan.fault && rotating && !plan.faultUsed) {
    plan.faultUsed = true;
    return { ...extra, MKRA_SIM_FAULT: plan.fault };
  }
  return extra;
}

/** A new FIFO for the next command's simulator; its writer end stays here (closed when this dies). */
function lockstep() {
  if (pace !== null) closeSync(pace);
  const path = join(fifoDir, `pace-${++commands}`);
  execFileSync('mkfifo', ['-m', '600', path]);
  // Read-write, so opening does not wait for the simulator; no byte is ever read here.
  pace = openSync(path, constants.O_RDWR);
  return { NODE_OPTIONS: `--import=${LOCKSTEP}`, MKRA_TEST_LOCKSTEP: path };
}

service = new RotationService({
  dataDir,
  invocation: () => buildInvocation({ info, env, simDir, simTimeScale: plan.scale }),
  commandEnv,
  hangAfterMs: 120_000,
  spawn: (file, args, options) => {
    const pty = ptySpawn(file, args, options);
    writeSync(1, `SIMPID ${pty.pid}\n`);
    return pty;
  },
  events: { line: () => undefined, exit: () => wake(), updated: () => wake(), notice: () => undefined },
});

function answerFor(prompt, argv, classification) {
  if (prompt.secret) return PASSWORD;
  switch (prompt.kind) {
    case 'confirm':
      return 'y';
    case 'instance':
      return '1';
    case 'keys':
      // cryptounit-mk-load asks for its parts in one answer (KEYNUMs separated by spaces).
      return argv[1] === 'cryptounit-mk-load' ? '1 2' : String(++part);
    case 'units': {
      const add = argv[1] === 'cryptounit-add';
      return (add ? (classification.unitsToReselect ?? []) : classification.unitsToDeselect).join(' ');
    }
    default:
      return argv[1] === 'cryptounit-mk-load' ? '2' : 'admin@example.com';
  }
}

/** Run one command, answering its prompts, until it exits (and any command it chains has too). */
async function runToExit(argv) {
  part = 0;
  await service.run(argv);
  for (;;) {
    await service.idle();
    const running = service.state().running;
    if (!running) return service.snapshot();
    if (running.prompt) {
      const answer = answerFor(running.prompt, running.argv, service.snapshot().classification);
      await service.answer(running.runId, answer, running.prompt.secret);
      continue;
    }
    await new Promise((resolve) => {
      wake = resolve;
      setTimeout(resolve, 200);
    });
  }
}

async function followAdvisor(snapshot) {
  for (let step = 0; step < 10 && snapshot.classification.phase !== 'completed'; step++) {
    const next = snapshot.classification.next[0];
    if (!next) break;
    snapshot = await runToExit(next.command.replace(/^ibmcloud\s+/, '').split(/\s+/));
  }
  return snapshot;
}

let snapshot;
if (plan.mode === 'resume') {
  const [unfinished] = await service.unfinished();
  snapshot = await service.open(unfinished.rotationId);
} else {
  await service.start({ flow: plan.flow });
  if (plan.flow === 'auto') {
    snapshot = await runToExit(['tke', 'auto-mk-rotate']);
  } else {
    await runToExit(['tke', 'cryptounit-mk-load']);
    await runToExit(['tke', 'cryptounit-mk-commit']);
    snapshot = await runToExit(['tke', 'cryptounit-mk-rotate']);
  }
}
snapshot = await followAdvisor(snapshot);
writeSync(1, `DONE ${snapshot.classification.phase}\n`);
process.exit(0);
