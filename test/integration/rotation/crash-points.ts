/**
 * The crash campaign's kill points: positions in the journal (the n-th entry of a kind, the n-th
 * output line containing a text), never moments, so a loaded machine moves nothing. Entry counts
 * are per child process and start at its first write.
 */
import type { How, KillSpec } from './crash-run.js';

export interface CrashPoint {
  label: string;
  flow: 'auto' | 'keyparts';
  /** MKRA_SIM_FAULT for the first rotation command: the run then goes on into its recovery. */
  fault?: string;
  /** The simulator dies with its terminal (default) or goes on unseen. */
  sim?: 'dies' | 'survives';
  kill: KillSpec;
  /** A second kill, in the backend restarted on the first one's data and following the advisor. */
  again?: KillSpec & { sim?: 'dies' | 'survives' };
}

const out = (match: string, n: number, how: How = 'after'): KillSpec => ({ kind: 'output', match, n, how });
const at = (kind: string, n: number, how: How = 'after', match?: string): KillSpec => ({ kind, n, how, ...(match ? { match } : {}) });

const PW = 'Enter the password';
const M1 = 'Delaying 30 seconds';
const M2 = 'KMS CRK rewrap successful';
const REWRAP = 'Re-encrypted';
const PROMOTE = 'Promoting the new master key';
const OK = '"line":"OK"';

/** auto-mk-rotate from the start of the rotation to its end. */
const AUTO: [string, KillSpec][] = [
  ['before the first entry', at('rotation-started', 1, 'before')],
  ['first entry written, never linked into place', at('rotation-started', 1, 'after')],
  ['baseline reading never started', at('command-started', 1, 'before')],
  ['mid baseline reading', out('CRYPTO UNIT NUM: 2', 1)],
  ['baseline reading end torn', at('command-finished', 1, 'torn')],
  ['auto-mk-rotate journaled, never spawned', at('command-started', 2)],
  ['first password prompt shown', out(PW, 1)],
  ['first password answer about to be journaled', at('prompt-answered', 1, 'before')],
  ['first password answer journaled, not typed', at('prompt-answered', 1)],
  ['second password answer torn', at('prompt-answered', 2, 'torn')],
  ['after generate', out('Generating a new random', 1)],
  ['after commit', out('Committing the new master key', 1)],
  ['M1 printed, not journaled', out(M1, 1, 'before')],
  ['M1 line torn', out(M1, 1, 'torn')],
  ['after M1', at('milestone', 1, 'after', 'M1')],
  ['first re-encryption batch', out(REWRAP, 1)],
  ['mid re-encryption, torn', out(REWRAP, 5, 'torn')],
  ['mid re-encryption', out(REWRAP, 6)],
  ['M2 printed, not journaled', out(M2, 1, 'before')],
  ['after M2', at('milestone', 1, 'after', 'M2')],
  ['first unit promoted', out(PROMOTE, 1)],
  ['mid promotion', out(PROMOTE, 3)],
  ['success printed', out('Master key rotation completed', 1)],
  ['end torn', at('command-finished', 2, 'torn')],
  ['ended, not classified', at('command-finished', 2)],
];

/** The CLI goes on after the backend dies (it ignores the hang-up of its terminal). */
const AUTO_SURVIVES: [string, KillSpec][] = [
  ['password answer not typed', at('prompt-answered', 1)],
  ['after M1', at('milestone', 1, 'after', 'M1')],
  ['mid re-encryption', out(REWRAP, 5)],
  ['after M2', at('milestone', 1, 'after', 'M2')],
  ['mid promotion', out(PROMOTE, 2)],
];

/** auto-mk-rotate fails after M1; the advisor's cryptounit-mk-rotate is the recovery killed. */
const AFTER_M1: [string, KillSpec, ('dies' | 'survives')?][] = [
  ['failure ended, not classified', at('command-finished', 2)],
  ['recovery journaled, never spawned', at('command-started', 3)],
  ['recovery confirmation answered, not typed', at('prompt-answered', 3)],
  ['recovery password answer about to be journaled', at('prompt-answered', 5, 'before')],
  ['recovery mid re-encryption', out(REWRAP, 4)],
  ['recovery mid re-encryption, CLI goes on', out(REWRAP, 4), 'survives'],
  ['recovery re-encryption torn', out(REWRAP, 8, 'torn')],
  ['recovery M2 printed, not journaled', out(M2, 1, 'before')],
  ['recovery mid promotion', out(PROMOTE, 2)],
  ['recovery mid promotion, CLI goes on', out(PROMOTE, 2), 'survives'],
  ['recovery end torn', at('command-finished', 3, 'torn')],
];

/** Key parts: cryptounit-mk-load, -commit, -rotate (prompt answers counted across the three). */
const KEYPARTS: [string, KillSpec, ('dies' | 'survives')?][] = [
  ['load journaled, never spawned', at('command-started', 2)],
  ['load part count answered, not typed', at('prompt-answered', 1)],
  ['load part password answered, not typed', at('prompt-answered', 3)],
  ['load last signature torn', at('prompt-answered', 7, 'torn')],
  ['load OK printed, not journaled', out(OK, 2, 'before')],
  ['commit journaled, never spawned', at('command-started', 3)],
  ['commit signature answered, not typed', at('prompt-answered', 9)],
  ['commit OK journaled, end not', out(OK, 3)],
  ['rotate confirmation answered, not typed', at('prompt-answered', 10)],
  ['rotate first re-encryption batch', out(REWRAP, 1)],
  ['rotate mid re-encryption, torn', out(REWRAP, 6, 'torn')],
  ['rotate mid re-encryption, CLI goes on', out(REWRAP, 4), 'survives'],
  ['rotate after M2', at('milestone', 1, 'after', 'M2')],
  ['rotate mid promotion', out(PROMOTE, 2)],
  ['rotate mid promotion, CLI goes on', out(PROMOTE, 1), 'survives'],
];

/** cryptounit-mk-rotate fails mid promotion; the partial promotion's recovery is killed. */
const MID_SETIMM: [string, KillSpec, ('dies' | 'survives')?][] = [
  ['failure ended, not classified', at('command-finished', 4)],
  ['recovery reading never started', at('command-started', 5, 'before')],
  ['cryptounit-rm journaled, never spawned', at('command-started', 1, 'after', 'cryptounit-rm')],
  ['cryptounit-rm units answered, not typed', at('prompt-answered', 1, 'after', 'answered 1 2')],
  ['cryptounit-rm end torn', at('command-finished', 6, 'torn')],
  ['setimm reading journaled, setimm not', at('command-started', 8, 'before')],
  ['setimm confirmation answered, not typed', at('prompt-answered', 2, 'after', 'answered y')],
  ['setimm mid promotion', out(PROMOTE, 3)],
  ['setimm mid promotion, CLI goes on', out(PROMOTE, 3), 'survives'],
  ['cryptounit-add journaled, never spawned', at('command-started', 1, 'after', 'cryptounit-add')],
  ['cryptounit-compare mid output', out('CURRENT MASTER KEY REGISTER', 1)],
];

/** Killed twice: the backend restarted on the first kill's data is killed again while recovering. */
const TWICE: CrashPoint[] = [
  { label: 'auto: after M1, then during the first reading', flow: 'auto', kill: at('milestone', 1, 'after', 'M1'), again: out('CRYPTO UNIT NUM: 3', 1) },
  { label: 'auto: mid re-encryption, then mid recovery re-encryption', flow: 'auto', kill: out(REWRAP, 4), again: out(REWRAP, 2) },
  { label: 'auto: after-m1 recovery mid, then recovery again mid promotion', flow: 'auto', fault: 'after-m1', kill: out(REWRAP, 3), again: { ...out(PROMOTE, 2), sim: 'survives' } },
  { label: 'keyparts: re-encryption torn, then after the torn tail is recorded', flow: 'keyparts', kill: out(REWRAP, 5, 'torn'), again: at('recovered-torn-tail', 1) },
  { label: 'keyparts: mid promotion, then before the restarted reading is journaled', flow: 'keyparts', kill: out(PROMOTE, 2), again: at('registers', 1, 'before') },
];

const tag = (prefix: string, fault?: string) => ([label, kill, sim]: [string, KillSpec, ('dies' | 'survives')?]): CrashPoint => ({
  label: `${prefix}: ${label}`,
  flow: prefix.startsWith('auto') ? 'auto' : 'keyparts',
  kill,
  ...(fault ? { fault } : {}),
  ...(sim ? { sim } : {}),
});

export const CRASH_POINTS: CrashPoint[] = [
  ...AUTO.map(([l, k]) => tag('auto')([l, k])),
  ...AUTO_SURVIVES.map(([l, k]) => tag('auto')([`${l}, CLI goes on`, k, 'survives'])),
  ...AFTER_M1.map(tag('auto after-m1', 'after-m1')),
  ...KEYPARTS.map(tag('keyparts')),
  ...MID_SETIMM.map(tag('keyparts mid-setimm', 'mid-setimm')),
  ...TWICE,
];
