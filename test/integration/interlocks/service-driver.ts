/**
 * The rotation service's answer to each mutating command, on the real simulator under a
 * pseudo-terminal. A refusal changes nothing, so it is asked of the rotation itself; a command the
 * service accepts would change the crypto units, so it is asked of a copy of the data directory
 * (journal and simulator state), started there, and stopped at once.
 */
import { cpSync, mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { RefusedError } from '../../../shared/ipc/dispatch.js';
import type { RotationService } from '../../../electron/backend/rotation/rotation-service.js';
import { COLUMNS, whyOf, type Cell } from '../../unit/backend/interlocks/expected-table.js';
import { createHarness, type Harness } from '../rotation/harness.js';
import { reach, type SimSituation } from './sim-situations.js';

// Generous: these drive the simulator through whole rotations on a machine that may be busy.
const TABLE_TIMEOUT = 300_000;

/** The mutating commands the app never runs (not in its vocabulary), refused before any interlock. */
export const OUTSIDE_VOCABULARY = [
  'cryptounit-mk-clrcur',
  'cryptounit-zeroize',
  'auto-init',
  'auto-recover',
  'cryptounit-admin-rm',
  'cryptounit-exit-impr',
  'cryptounit-cp',
  'cryptounit-cp-btc',
  'cryptounit-cp-eddsa',
  'cryptounit-cp-sig-other',
  'failover-enable',
  'mk-rm',
  'sigkey-rm',
];

/** What the service expects at the table: the table's cell, or `not-run` outside the app's vocabulary. */
export function serviceRow(cells: readonly Cell[]): Record<string, string> {
  return Object.fromEntries(COLUMNS.map((c, i) => [c, OUTSIDE_VOCABULARY.includes(c) ? 'not-run' : (cells[i] ?? '')]));
}

/** The service's answer as a table cell: `run`, `read` (setimm after a reading), a refusal's reason tag. */
export async function answerOf(service: RotationService, command: string): Promise<string> {
  try {
    const started = (await service.run(['tke', command])).argv.join(' ');
    if (started === `tke ${command}`) return 'run';
    return started === 'tke cryptounit-mk' && command === 'cryptounit-mk-setimm' ? 'read' : `ran ${started}`;
  } catch (error) {
    if (!(error instanceof RefusedError)) throw error;
    if (/^Not a command this app runs/.test(error.message)) return 'not-run';
    const forbidden = error.reason?.kind === 'forbidden' && error.reason.command === `ibmcloud tke ${command}`;
    if (forbidden) return whyOf(command, error.message);
    return `refused (${error.reason?.kind ?? 'no kind'}): ${error.message}`;
  }
}

/** Wait until no command runs (the killed one's exit journaled). */
export async function settle(service: RotationService): Promise<void> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await service.idle();
    if (!service.state().running) return;
    if (Date.now() > deadline) throw new Error('a command did not stop');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** The answer to a command that is expected to run: asked of a copy, which is then thrown away. */
export async function answerOnCopy(h: Harness, command: string): Promise<string> {
  await settle(h.service);
  const rotationId = h.service.snapshot().rotationId;
  const dir = mkdtempSync(join(tmpdir(), 'mkra-copy-'));
  cpSync(h.dataDir, dir, { recursive: true });
  const copy = await createHarness('default', 0, { existingDataDir: dir });
  try {
    await copy.service.open(rotationId);
    const answer = await answerOf(copy.service, command);
    const running = copy.service.state().running;
    if (running) await copy.service.cancel(running.runId, 'CANCEL');
    await settle(copy.service);
    return answer;
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The service's whole row: refusals asked of the rotation, accepted commands of copies. */
export async function serviceAnswers(h: Harness, expected: Record<string, string>): Promise<Record<string, string>> {
  const actual: Record<string, string> = {};
  for (const command of COLUMNS) {
    const cell = expected[command];
    const accepted = cell === 'run' || cell === 'read';
    actual[command] = accepted ? await answerOnCopy(h, command) : await answerOf(h.service, command);
  }
  return actual;
}

/** Wait for the running command's next prompt; throws when the command ends first. */
export async function nextPrompt(service: RotationService): Promise<{ runId: string; kind: string; secret: boolean }> {
  const deadline = Date.now() + 60_000;
  for (;;) {
    await service.idle();
    const running = service.state().running;
    if (!running) throw new Error('the command ended without asking');
    if (running.prompt) return { runId: running.runId, kind: running.prompt.kind, secret: running.prompt.secret };
    if (Date.now() > deadline) throw new Error(`no prompt from ${running.command}`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

/** Answer prompts of the running command until it asks for crypto unit numbers. */
export async function untilUnitsPrompt(h: Harness): Promise<string> {
  for (;;) {
    const prompt = await nextPrompt(h.service);
    if (prompt.kind === 'units') return prompt.runId;
    const answer = prompt.secret ? 'passw0rd' : prompt.kind === 'confirm' ? 'y' : '1';
    await h.service.answer(prompt.runId, answer, prompt.secret);
  }
}

/**
 * One describe per list of simulator situations: each reached on the real simulator, then every
 * mutating command answered as the written-out table says, with no key lost.
 */
export function serviceTableSuite(title: string, situations: readonly SimSituation[]): void {
  describe(title, () => {
    for (const situation of situations) {
      it(
        `${situation.name} (${situation.phase})`,
        async () => {
          const { h, snapshot } = await reach(situation);
          expect(snapshot.classification.phase).toBe(situation.phase);
          const expected = serviceRow(situation.row);
          expect(await serviceAnswers(h, expected)).toEqual(expected);
          expect(h.keystore()).toMatchObject({ lost: 0 });
        },
        TABLE_TIMEOUT,
      );
    }
  });
}
