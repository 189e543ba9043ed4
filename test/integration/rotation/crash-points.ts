/**
 * The crash campaign's kill points: positions in the journal (the n-th entry of a kind, the n-th
 * output line containing a text), never moments, so a loaded machine moves nothing. Entry counts
 * are per child process and start at its first write.
 */
import type { How, KillSpec } from './crash-run.js';

type Sim = 'dies' | 'survives';

export interface CrashPoint {
  label: string;
  flow: 'auto' | 'keyparts';
  /** MKRA_SIM_FAULT for the first rotation command: the run then goes on into its recovery. */
  fault?: string;
  /** The simulator dies with its terminal (default) or goes on unseen. */
  sim?: Sim;
  kill: KillSpec;
  /**
   * Start from what an earlier kill left (PREFIXES), the backend restarted on it and following the
   * advisor: `kill` then counts the restarted backend's entries.
   */
  from?: PrefixName;
  /** A second kill, in the backend restarted on the first one's data and following the advisor. */
  again?: KillSpec & { sim?: Sim };
}

const out = (match: string, n: number, how: How = 'after'): KillSpec => ({ kind: 'output', match, n, how });
const at = (kind: string, n: number, how: How = 'after', match?: string): KillSpec => ({
  kind,
  n,
  how,
  ...(match ? { match } : {}),
});

const PW = 'Enter the password';
const M1 = 'Delaying 30 seconds';
const M2 = 'KMS CRK rewrap successful';
const REWRAP = 'Re-encrypted';
const PROMOTE = 'Promoting the new master key';
const OK = '"line":"OK"';

/**
 * Quiet states several points start from (made once, each also a point of its own): nothing is
 * running, the last classification is journaled, and the backend dies there.
 */
export const PREFIXES = {
  'keyparts committed': { flow: 'keyparts', kill: at('classification', 3) },
  'keyparts mid-setimm failure': { flow: 'keyparts', fault: 'mid-setimm', kill: at('classification', 4) },
} as const satisfies Record<string, Pick<CrashPoint, 'flow' | 'fault' | 'kill'>>;
export type PrefixName = keyof typeof PREFIXES;

type Row = [string, KillSpec, Sim?];

/** auto-mk-rotate from the start of the rotation to its end. */
const AUTO: Row[] = [
  ['before the first entry', at('rotation-started', 1, 'before')],
  ['first entry written, never linked into place', at('rotation-started', 1)],
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
  ['mid re-encryption, torn', out(REWRAP, 5, 'torn')],
  ['mid re-encryption', out(REWRAP, 6)],
  ['M2 printed, not journaled', out(M2, 1, 'before')],
  ['after M2', at('milestone', 1, 'after', 'M2')],
  ['mid promotion', out(PROMOTE, 3)],
  ['end torn', at('command-finished', 2, 'torn')],
  ['ended, not classified', at('command-finished', 2)],
  ['password answer not typed, CLI goes on', at('prompt-answered', 1), 'survives'],
  ['after M1, CLI goes on', at('milestone', 1, 'after', 'M1'), 'survives'],
  ['mid promotion, CLI goes on', out(PROMOTE, 2), 'survives'],
];

/** auto-mk-rotate fails after M1; the advisor's cryptounit-mk-rotate is the recovery killed. */
const AFTER_M1: Row[] = [
  ['failure ended, not classified', at('command-finished', 2)],
  ['recovery journaled, never spawned', at('command-started', 3)],
  ['recovery confirmation answered, not typed', at('prompt-answered', 3)],
  ['recovery mid re-encryption', out(REWRAP, 4)],
  ['recovery mid re-encryption, CLI goes on', out(REWRAP, 4), 'survives'],
  ['recovery re-encryption torn', out(REWRAP, 8, 'torn')],
  ['recovery mid promotion', out(PROMOTE, 2)],
  ['recovery mid promotion, CLI goes on', out(PROMOTE, 2), 'survives'],
  ['recovery end torn', at('command-finished', 3, 'torn')],
];

/**
 * Key parts: cryptounit-mk-load and -commit (prompt answers counted across both). The load asks for
 * its parts in one answer, one signature key password, then each part's password (answers 1-4); the
 * commit asks for the threshold's two signatures (answers 5-6).
 */
const KEYPARTS: Row[] = [
  ['load journaled, never spawned', at('command-started', 2)],
  ['load part password answered, not typed', at('prompt-answered', 3)],
  ['load last part password torn', at('prompt-answered', 4, 'torn')],
  ['load OK printed, not journaled', out(OK, 2, 'before')],
  ['commit signature answered, not typed', at('prompt-answered', 6)],
  ['commit OK journaled, end not', out(OK, 3)],
];

/** cryptounit-mk-rotate advised by a backend restarted after the commit. */
const ROTATE: Row[] = [
  ['rotate confirmation answered, not typed', at('prompt-answered', 1)],
  ['rotate first re-encryption batch', out(REWRAP, 1)],
  ['rotate mid re-encryption, torn', out(REWRAP, 6, 'torn')],
  ['rotate mid re-encryption, CLI goes on', out(REWRAP, 4), 'survives'],
  ['rotate after M2', at('milestone', 1, 'after', 'M2')],
  ['rotate mid promotion', out(PROMOTE, 2)],
];

/** The partial promotion's recovery (read, rm, setimm, add, compare) by a restarted backend. */
const MID_SETIMM: Row[] = [
  ['recovery reading mid output', out('CRYPTO UNIT NUM: 3', 1)],
  ['cryptounit-rm journaled, never spawned', at('command-started', 1, 'after', 'cryptounit-rm')],
  ['cryptounit-rm units answered, not typed', at('prompt-answered', 1, 'after', 'answered 1 2')],
  ['cryptounit-rm end torn', at('command-finished', 2, 'torn')],
  ['setimm reading done, setimm not journaled', at('command-started', 4, 'before')],
  ['setimm confirmation answered, not typed', at('prompt-answered', 1, 'after', 'answered y')],
  ['setimm mid promotion', out(PROMOTE, 1)],
  ['setimm mid promotion, CLI goes on', out(PROMOTE, 1), 'survives'],
  ['cryptounit-add journaled, never spawned', at('command-started', 1, 'after', 'cryptounit-add')],
  ['cryptounit-compare mid output', out('CURRENT MASTER KEY REGISTER', 1)],
];

/** Killed twice: the backend restarted on the first kill's data is killed again while recovering. */
const TWICE: CrashPoint[] = [
  {
    label: 'auto: after M1, then during the first reading',
    flow: 'auto',
    kill: at('milestone', 1, 'after', 'M1'),
    again: out('CRYPTO UNIT NUM: 3', 1),
  },
  {
    label: 'auto: mid re-encryption, then mid recovery re-encryption',
    flow: 'auto',
    kill: out(REWRAP, 4),
    again: out(REWRAP, 2),
  },
  {
    label: 'auto after-m1: recovery mid re-encryption, then the next recovery mid promotion, CLI goes on',
    flow: 'auto',
    fault: 'after-m1',
    kill: out(REWRAP, 3),
    again: { ...out(PROMOTE, 2), sim: 'survives' },
  },
  {
    label: 'keyparts: re-encryption torn, then after the torn tail is recorded',
    flow: 'keyparts',
    kill: out(REWRAP, 5, 'torn'),
    again: at('recovered-torn-tail', 1),
  },
];

function rows(prefix: string, list: Row[], extra: Partial<CrashPoint> = {}): CrashPoint[] {
  const flow = prefix.startsWith('auto') ? 'auto' : 'keyparts';
  return list.map(([label, kill, sim]) => ({
    label: `${prefix}: ${label}`,
    flow,
    kill,
    ...extra,
    ...(sim ? { sim } : {}),
  }));
}

const prefixPoints = (Object.entries(PREFIXES) as [PrefixName, (typeof PREFIXES)[PrefixName]][]).map(
  ([name, p]): CrashPoint => ({ label: `${name}, classified`, ...p }),
);

export const CRASH_POINTS: CrashPoint[] = [
  ...rows('auto', AUTO),
  ...rows('auto after-m1', AFTER_M1, { fault: 'after-m1' }),
  ...rows('keyparts', KEYPARTS),
  ...prefixPoints,
  ...rows('keyparts restarted after commit', ROTATE, { from: 'keyparts committed' }),
  ...rows('keyparts restarted after a mid-setimm failure', MID_SETIMM, { from: 'keyparts mid-setimm failure' }),
  ...TWICE,
];
