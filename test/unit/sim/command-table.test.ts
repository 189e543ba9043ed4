/**
 * IBM's TKE command table, walked command by command against the simulator: each command exists,
 * asks its documented prompts in the documented order and asks for as many signature key passwords as
 * the documentation says. The list (ibm-command-list.ts) is copied by hand from IBM's pages (one source
 * per row), not from shared/tke/command-table.ts, so a drift in either shows here.
 */
import { describe, expect, test } from 'vitest';
import { signatureRule, signaturesNeeded } from '../../../shared/sim/signing.js';
import { TKE_COMMAND_NAMES } from '../../../shared/sim/index.js';
import { selectedUnits } from '../../../shared/sim/state.js';
import { INFERRED_LINES as L } from '../../../shared/tke/catalogue-inferred.js';
import { INIT_SCREEN as I } from '../../../shared/tke/catalogue-screens.js';
import {
  COMMAND_TABLE,
  commandSpec,
  isMutating,
  MUTATING_WORDS,
  type CommandSpec,
} from '../../../shared/tke/command-table.js';
import { MUTATING_COMMANDS } from '../../../shared/tke/commands.js';
import { walk, type PromptAnswer } from './command-walk.js';
import { makeSim } from './helpers.js';
import { DEFAULTS, IBM_TABLE, MORE_ROWS, SIG, type Row } from './ibm-command-list.js';

function answerer(row: Row): PromptAnswer {
  const queues = new Map(Object.entries(row.answers ?? {}).map(([k, v]) => [k, Array.isArray(v) ? [...v] : [v]]));
  return (prompt, pending) => {
    if (prompt === L.adminRmPrompt.text) return /admin3\s+([0-9a-f]{64})/.exec(pending)?.[1];
    const queue = queues.get(prompt);
    return (queue && queue.length > 1 ? queue.shift() : queue?.[0]) ?? DEFAULTS[prompt];
  };
}

interface Walked {
  prompts: string[];
  signatures: number;
  /** What the table's signature rule asks for on the units the command ran on. */
  needed: number;
  exitCode: number;
  transcript: string;
}

async function walkRow(row: Row): Promise<Walked> {
  const sim = await makeSim(row.scenario ?? 'default', 30);
  for (const [words, answers] of row.setup ?? []) {
    const left = [...answers];
    const r = await walk(sim, words, () => left.shift());
    expect(r.exitCode, `set-up ${words}:\n${r.transcript}`).toBe(0);
  }
  const [, word] = row.run.split(' ');
  const spec = commandSpec(word ?? 'tke');
  // A unit leaving imprint mode needs as many signatures as the new threshold the walk answers.
  const newThreshold = word === 'cryptounit-thrhld-set' ? Number(DEFAULTS[I.signaturePrompt.text]) : 1;
  const needed = spec ? signaturesNeeded(spec.signatures, selectedUnits(sim.state), newThreshold) : 0;
  const r = await walk(sim, row.run, answerer(row));
  const keyFiles = row.prompts.filter((p) => p === SIG).length - row.signatures;
  return { ...r, signatures: r.prompts.filter((p) => p === SIG).length - keyFiles, needed };
}

/** True when the prompts come in the order the table lists them (a prompt may repeat in place). */
function followsTable(spec: CommandSpec, prompts: readonly string[]): boolean {
  let i = 0;
  for (const p of prompts) {
    while (i < spec.prompts.length && spec.prompts[i]?.text !== p) i++;
    if (i === spec.prompts.length) return false;
  }
  return true;
}

describe("IBM's TKE command table, walked in the simulator", () => {
  test('the command table has IBM’s rows in IBM’s order, and the simulator accepts every name and alias', () => {
    const names = IBM_TABLE.map((r) => r.run.split(' ')[1] ?? 'tke');
    expect(COMMAND_TABLE.map((row) => row.name)).toEqual(names);
    const words = [...names.filter((n) => n !== 'tke'), 'auto-mk-recover', 'cryptounit-mks', 'h'];
    for (const word of words) expect(TKE_COMMAND_NAMES).toContain(word);
  });

  const rows = [...IBM_TABLE, ...MORE_ROWS].map((row) => [`${row.run} (${row.page})`, row] as const);
  test.each(rows)('%s', async (_, row) => {
    const r = await walkRow(row);
    expect(r.exitCode, r.transcript).toBe(0);
    expect(r.transcript).not.toContain('is not a registered command');
    expect(r.prompts, r.transcript).toEqual(row.prompts);
    expect(r.signatures).toBe(row.signatures);
    // The command table lists the same prompts in the same order, and its rule gives the same count.
    const spec = commandSpec(row.run.split(' ')[1] ?? 'tke');
    expect(spec && followsTable(spec, r.prompts), `${r.prompts.join(' | ')}`).toBe(true);
    expect(r.needed).toBe(row.signatures);
  });
});

describe('what other code derives from the table', () => {
  test('MUTATING_COMMANDS keeps its first ten entries and holds exactly what the table says changes state', () => {
    expect(MUTATING_COMMANDS.slice(0, 10)).toEqual([
      'auto-mk-rotate',
      'cryptounit-mk-load',
      'cryptounit-mk-commit',
      'cryptounit-mk-rotate',
      'cryptounit-mk-setimm',
      'cryptounit-mk-clrnew',
      'cryptounit-mk-clrcur',
      'cryptounit-zeroize',
      'auto-init',
      'auto-mk-recover',
    ]);
    expect([...MUTATING_COMMANDS].sort()).toEqual([...MUTATING_WORDS].sort());
    for (const c of ['cryptounit-mk', 'cryptounit-compare', 'sigkey-sel', 'mk-add', 'cryptounit-add', 'help']) {
      expect(isMutating(c), c).toBe(false);
    }
  });
});

describe('signature rules of the table', () => {
  test('mk-load, mk-setimm, mk-clrnew and mk-clrcur need one signature; commit the threshold', () => {
    for (const c of ['cryptounit-mk-load', 'cryptounit-mk-setimm', 'cryptounit-mk-clrnew', 'cryptounit-mk-clrcur']) {
      expect(signatureRule(c)).toMatchObject({ imprint: 'refused', after: 'one' });
    }
    expect(signatureRule('cryptounit-mk-commit').after).toBe('signature-threshold');
    expect(signatureRule('cryptounit-admin-rm').after).toBe('revocation-threshold');
  });
});
