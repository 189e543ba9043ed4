/**
 * The expected interlock table, written out from IBM's recovery tables (docs/domain.md 6.1-6.4,
 * docs/classifier.md "Forbidden table"), never computed by the code under test: for each situation
 * and each command of MUTATING_COMMANDS (in that order), run it, read the registers first (setimm), or
 * refuse it for the reason named. Used by the unit table and by the integration tests that drive
 * the rotation service, the browser host and the Electron IPC layer.
 */
import { MUTATING_COMMANDS } from '../../../../shared/tke/commands.js';
import type { SituationName } from './situations.js';

/** Why a command is refused, as the reason the backend gives names it. */
export const WHY = {
  M1: /M1 \("Delaying 30 seconds to allow server to discover new master key values"\) was printed/,
  STARTED: /has \(or may have\) started; auto-mk-rotate would overwrite the new registers/,
  UNEXPLAINED: /hold a value these transcripts do not explain/,
  CLRNEW: /The new registers hold the master key .*clearing them destroys that value/,
  LOAD: /Loading key parts would replace the new master key/,
  COMMIT: /already committed; a new load\/commit cycle would replace it/,
  M2: /M2 was printed: key storage is already re-encrypted/,
  NO_M2: /M2 \("KMS CRK rewrap successful, waiting on cryptounit-mk-setimm"\) was not seen/,
  CLRCUR: /The current registers hold the master key/,
  ZEROIZE: /must not be zeroized while key storage holds data/,
  INIT: /auto-init initializes the crypto units afresh/,
  RECOVER: /copies a recovery crypto unit's current master key through the new registers/,
  SIGNERS: /its recovery commands need signatures from the administrators and signature keys in place now/,
  FAILOVER: /failover-enable initializes failover crypto units from the master key registers/,
  MKRM: /master key part files are the only copy outside the crypto units/,
  INDET: /does not establish the state safely/,
} as const;
export type Why = keyof typeof WHY;
/** `run`: allowed; `read`: setimm runs only after a fresh reading passes setimmProblem; else refused, why. */
export type Cell = 'run' | 'read' | Why;

export const COLUMNS = MUTATING_COMMANDS;
/**
 * A row of the register commands (the first ten columns) followed by IBM's other commands that change
 * a crypto unit or a key file: while nothing irreversible has begun they all run (they are the fixes of
 * failed initial conditions); once re-encryption may have started, those that could leave the
 * recovery unsignable or its key without a copy are refused, and auto-recover is auto-mk-recover.
 */
const row = (...cells: Cell[]): Cell[] => {
  const underWay = cells[9] === 'RECOVER';
  const rest: Cell[] = underWay
    ? ['RECOVER', 'run', 'SIGNERS', 'SIGNERS', 'SIGNERS', 'run', 'run', 'run', 'run', 'FAILOVER', 'MKRM', 'SIGNERS']
    : ['run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run'];
  return cells.length === 10 ? [...cells, ...rest] : cells;
};
// Nothing irreversible yet: everything may run but setimm, which only the M2 rows of IBM's tables allow.
export const UNTOUCHED = row('run', 'run', 'run', 'run', 'NO_M2', 'run', 'run', 'run', 'run', 'run');
// IBM 6.1 row 2 (M1, not M2): rerunning auto-mk-rotate makes key storage unusable; 6.4: no register
// may be cleared once re-encryption started; zeroize, auto-init, auto-mk-recover destroy the same
// values (docs/domain.md 7); setimm before M2. cryptounit-mk-rotate is the recovery.
export const M1_NOT_M2 = row('M1', 'LOAD', 'COMMIT', 'run', 'NO_M2', 'CLRNEW', 'CLRCUR', 'ZEROIZE', 'INIT', 'RECOVER');
// IBM 6.1 rows 3-4, 6.2 rows 2-3: only promotion remains (setimm after reading the registers);
// re-encryption is complete, so cryptounit-mk-rotate is refused too.
export const M2 = row('M1', 'LOAD', 'COMMIT', 'M2', 'read', 'CLRNEW', 'CLRCUR', 'ZEROIZE', 'INIT', 'RECOVER');
// IBM 6.2 row 1 (no M2): cryptounit-mk-rotate again; re-encryption began without an M1 line.
export const KEYPARTS_NO_M2 = row(
  'STARTED',
  'LOAD',
  'COMMIT',
  'run',
  'NO_M2',
  'CLRNEW',
  'CLRCUR',
  'ZEROIZE',
  'INIT',
  'RECOVER',
);
// Registers alone cannot tell committed from re-encrypting: treated as M1-not-M2 (re-committing the
// committed key changes nothing, so commit stays allowed).
// Re-encryption is possible, not seen: administrators and thresholds stay changeable (they fix failed
// initial conditions); auto-recover is still auto-mk-recover.
export const REGISTERS_COMMITTED = [
  ...row('STARTED', 'LOAD', 'run', 'run', 'NO_M2', 'CLRNEW', 'CLRCUR', 'ZEROIZE', 'INIT', 'RECOVER').slice(0, 11),
  ...Array.from({ length: 11 }, (): Cell => 'run'),
];
// Done: key storage is under the new key, the new registers are Empty. auto-mk-rotate stays refused
// in this rotation's journal (6.4: once M1, for good); a new rotation starts a new journal.
export const COMPLETED = row('M1', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run');
// The same after a key-part rotation: no M1 line, but re-encryption was seen (6.4, once it began).
export const KEYPARTS_COMPLETED = row('STARTED', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run', 'run');
// A command whose end was not seen, or evidence that contradicts itself: nothing mutating runs.
export const INDETERMINATE = row(...MUTATING_COMMANDS.map((): Cell => 'INDET'));

export const TABLE: Record<SituationName, Cell[]> = {
  'baseline reading only': UNTOUCHED,
  // IBM: rule out an expired token first; a 401 changed nothing.
  '401 before anything changed': UNTOUCHED,
  // A failed initial condition stopped the command before it touched anything.
  'initial check failed': UNTOUCHED,
  // The new registers hold a value no transcript explains: auto-mk-rotate would overwrite it unasked.
  'uncommitted value, registers alone': row(
    'UNEXPLAINED',
    'run',
    'run',
    'run',
    'NO_M2',
    'run',
    'run',
    'run',
    'run',
    'run',
  ),
  // IBM 6.1 row 1: neither M1 nor M2, nothing irreversible: run auto-mk-rotate again.
  'failed before M1': UNTOUCHED,
  'M1, not M2': M1_NOT_M2,
  // The 401 changed nothing; M1 earlier in the rotation still decides (6.4: evidence from every attempt).
  'M1, then a 401 on the recovery': M1_NOT_M2,
  'key parts: re-encryption began, no M2': KEYPARTS_NO_M2,
  'committed key, registers alone (new rotation after a crash)': REGISTERS_COMMITTED,
  'M1 and M2': M2,
  'M1 and M2, unit 1 promoted': M2,
  'rotation completed': COMPLETED,
  'key parts: rotation completed': KEYPARTS_COMPLETED,
  'auto-mk-rotate end not seen': INDETERMINATE,
  'M2, then registers that contradict it': INDETERMINATE,
};

/** The reason tag a refusal message gives, or a description of what is wrong with it. */
export function whyOf(command: string, message: string): string {
  if (!message.startsWith(`ibmcloud tke ${command} is refused: `)) return `unnamed refusal: ${message}`;
  const whys = (Object.keys(WHY) as Why[]).filter((w) => WHY[w].test(message));
  return whys.length === 1 ? (whys[0] ?? '') : `unrecognised refusal: ${message}`;
}
