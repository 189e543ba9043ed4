// The journal a backend leaves when it is killed during auto-mk-rotate's discovery delay (just after
// M1), as `mkra serve --demo` wrote it, and the register reading taken after the restart, as the
// simulator printed it. The command's end was not seen: the state is indeterminate because evidence
// is missing, not because it contradicts itself, and it says so; the reading settles it as
// re-encryption interrupted (IBM: M1 without M2, run cryptounit-mk-rotate, never auto-mk-rotate).
import { describe, expect, it } from 'vitest';
import type { JournalEntry } from '../../../../electron/backend/journal/index.js';
import { forbiddenReason } from '../../../../electron/backend/rotation/interlocks.js';
import { classifyInputFromJournal } from '../../../../electron/backend/rotation/transcripts.js';
import { classify } from '../../../../shared/classifier/index.js';
import { MUTATING_COMMANDS } from '../../../../shared/tke/commands.js';
import { header } from '../../classifier/tke-text.js';

const HEADER = header();
const OLD = ['6D382EEFECE5CBD2A079531F2D438DD2', 'BCDFBCABA6B379344CF83B1500000000'];
const NEW = ['D907B8B685A33512704598AC5639CF52', '4C68992590B27D37B0D7501C00000000'];
const PAD = ' '.repeat(41);
const EMPTY = ['0'.repeat(32), '0'.repeat(32)];
const UNITS = [
  [1, 'OPERATIONAL', '[us-south].[AZ1-CS1].[00].[03]'],
  [2, 'OPERATIONAL', '[us-south].[AZ2-CS2].[01].[04]'],
  [3, 'RECOVERY', '[us-south].[AZ3-CS3].[02].[03]'],
  [4, 'RECOVERY', '[us-east].[AZ1-CS4].[00].[05]'],
] as const;

/** `ibmcloud tke cryptounit-mk` as the simulator prints it: every unit with these registers. */
function listing(next: { state: string; vp: string[] }): string[] {
  return [
    ...HEADER,
    'SERVICE INSTANCE: aa43af49-a9bf-4ddc-a376-e1d234398287',
    ...UNITS.flatMap(([num, type, location], i) => [
      ...(i > 0 ? [''] : []),
      `CRYPTO UNIT NUM: ${num}   TYPE: ${type}   LOCATION: ${location}`,
      'MASTER KEY REGISTER   STATUS             VERIFICATION PATTERN',
      `new                   ${next.state.padEnd(19)}${next.vp[0]}`,
      `${PAD}${next.vp[1]}`,
      `current               Valid              ${OLD[0]}`,
      `${PAD}${OLD[1]}`,
    ]),
    'OK',
  ];
}

/** auto-mk-rotate's output until the backend died, as journaled (passwords are never journaled). */
const UNTIL_M1 = [
  ...HEADER,
  'Enter the password for the signature key identified by:',
  'admin1 (982967f5e37128e675faf768862bef...)',
  '',
  'Enter the password for the signature key identified by:',
  'admin2 (fb6ef4eb4d20698756a8d6e4400b46...)',
  '',
  'Generating a new random master key in crypto unit 3...',
  'Copying the new master key to the other crypto units...',
  'Committing the new master key...',
  'Delaying 30 seconds to allow server to discover new master key values',
];

type Input = { kind: JournalEntry['kind']; data: unknown };
const journal = (inputs: Input[]): JournalEntry[] =>
  inputs.map((e, i) => {
    const chain = { seq: i + 1, time: '2026-12-04T16:55:22.849Z', prev: '0'.repeat(64), hash: '0'.repeat(64) };
    return { ...e, ...chain } as JournalEntry;
  });
const command = (sub: string, lines: string[], exitCode?: number): Input[] => [
  { kind: 'command-started', data: { argv: ['tke', sub], mode: 'demo' } },
  ...lines.map((line) => ({ kind: 'output' as const, data: { line, stream: 'pty' } })),
  ...(exitCode === undefined ? [] : [{ kind: 'command-finished' as const, data: { exitCode } }]),
];

const baseline = command('cryptounit-mk', listing({ state: 'Empty', vp: EMPTY }), 0);
// Killed with SIGKILL during the delay: no command-finished, the M1 line is the last output.
const killed = [...baseline, ...command('auto-mk-rotate', UNTIL_M1)];
const afterRestart = command('cryptounit-mk', listing({ state: 'Full Committed', vp: NEW }), 0);

const commands = (advice: { command: string }[]) => advice.map((a) => a.command);
const classified = (inputs: Input[]) => classify(classifyInputFromJournal(journal(inputs), 'auto'));

describe('a backend killed during the discovery delay after M1', () => {
  it('resumed: indeterminate because the command’s end is missing, not contradictory; read the registers first', () => {
    const c = classified(killed);
    expect(c.phase).toBe('indeterminate');
    expect(c.indeterminateCause).toBe('unfinished');
    expect(c.stop).toBeUndefined();
    expect(commands(c.next)).toEqual(['ibmcloud tke cryptounit-mk']);
    // The interlock holds: every command that changes registers is refused until the reading.
    expect(commands(c.forbidden)).toEqual(expect.arrayContaining(MUTATING_COMMANDS.map((m) => `ibmcloud tke ${m}`)));
    for (const m of MUTATING_COMMANDS) expect(forbiddenReason(c, ['tke', m]), m).not.toBeNull();
    expect(c.evidence.map((e) => e.text)).toContain(
      'Delaying 30 seconds to allow server to discover new master key values',
    );
  });

  it('after the reading (every new register committed, none promoted): re-encryption interrupted, cryptounit-mk-rotate', () => {
    const c = classified([...killed, ...afterRestart]);
    expect(c.phase).toBe('rewrap-interrupted');
    expect(c.indeterminateCause).toBeUndefined();
    expect(commands(c.next)).toEqual(['ibmcloud tke cryptounit-mk-rotate']);
    expect(commands(c.forbidden)).toContain('ibmcloud tke auto-mk-rotate');
    expect(commands(c.forbidden)).toContain('ibmcloud tke cryptounit-mk-setimm');
    expect(forbiddenReason(c, ['tke', 'cryptounit-mk-rotate'])).toBeNull();
  });
});
