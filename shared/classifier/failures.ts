/**
 * Failures that stopped a command before it changed anything (expired token, missing permission, wrong
 * target, workstation not set up, failed initial conditions, a refusal): they decide the phase and put
 * their fix before the recovery the milestones call for.
 */
import { fixesFor } from '../precheck/fixes.js';
import type { AutoUnsupportedCause } from '../parse/recognise.js';
import type { FailedCheckId } from '../tke/messages.js';
import { COMPARE, LOGIN, MK_COMMIT, MK_LOAD, MK_ROTATE, PRIVATE_ENDPOINT, TARGET } from './commands.js';
import { atLeast } from './progress.js';
import type { Attempt } from './attempt.js';
import type { Knowledge } from './knowledge.js';
import type { AdviceStep, Phase } from './types.js';

export interface Base {
  phase: Phase;
  next: AdviceStep[];
  unitsToDeselect: number[];
  failedChecks?: FailedCheckId[];
  stop?: string;
}

const WHY = {
  login:
    'The last command failed with status 401: the access token is invalid or expired (tokens last one hour). Nothing was changed by that command.',
  permission:
    'The command was refused with status 401 again right after a successful login: the token is fresh, so your IBM Cloud user lacks the permission. Ask the account administrator for the Manager service access role or the Crypto Unit Administrator role on this instance, log in again, then run the command again. Nothing was changed.',
  target:
    'No service instance (or crypto unit) was found where the CLI looked: target the region and resource group of your instance (and the right account), then run the command again. Nothing was changed. (If they are right already, the instance may accept private network access only: over the public network its crypto units are not listed, initialize-hsm-cli.md.)',
  targetPersisted:
    "The CLI was targeted (ibmcloud target ended OK) and still finds no service instance, so the region and resource group were not the cause. Nothing was changed. IBM names the others: the instance accepts private network access only, and over the public network its crypto units are not listed (initialize-hsm-cli.md); or it is in another account, or your user may not view it (the Manager role; troubleshooting-list-crypto-units.md). For a private-only instance, on a workstation that reaches IBM Cloud's private network, set TKE_PRIVATE_ADDR to the private endpoint of the instance's region (secure-connection.md) in the environment that MK Rotation Assistant and the ibmcloud CLI start from.",
  workstation:
    'The workstation is not set up for the TKE plug-in: create a directory for its files and set the CLOUDTKEFILES environment variable to it, then run the command again. Nothing was done.',
  compare:
    'Read-only: see how the selected crypto units are configured (IBM: check the units with cryptounit-compare when the initial conditions are not met) and confirm which condition failed before changing anything.',
  password: 'A password was wrong: nothing was signed or sent. Run the command again with the right password.',
  signserv:
    "The signing service (TKE_SIGNSERV_URL) gave no key or no signature, so nothing was signed or sent to a crypto unit. Check that the service is reachable at that address and that the keys listed in SIGNSERVKEYS exist there with the right tokens (a status code after the error is the service's own), then run the command again.",
  pkcs11:
    'auto-mk-rotate refused this instance because PKCS #11 keystores are enabled in it; IBM says to use auto-mk-rotate only when they are not (introduce-master-key-rotation.md). Nothing was changed. Rotate with master key part files instead:',
  'no-recovery-units':
    'auto-mk-rotate refused this instance because it has no recovery crypto units (IBM: not every region has them, introduce-master-key-rotation.md). Nothing was changed. Rotate with master key part files instead:',
  load: 'load the parts (2 or 3 files, each with its own password; create them with mk-add first if the workstation has none) into the new master key register, with every crypto unit of the instance selected, failover units included (rotate-master-key-key-files.md, initialize-hsm-cli.md).',
} as const;

/** The cause an advice's reason starts with, if any (the UI words it in its language before the step's own reason). */
export function adviceCauseId(why: string): AutoUnsupportedCause | undefined {
  if (why.startsWith(WHY.pkcs11)) return 'pkcs11';
  if (why.startsWith(WHY['no-recovery-units'])) return 'no-recovery-units';
  return undefined;
}

/** The key part flow from its first step, after auto-mk-rotate refused the instance. */
function keyPartFlow(cause: AutoUnsupportedCause): AdviceStep[] {
  return [
    { command: MK_LOAD, why: `${WHY[cause]} ${WHY.load}` },
    { command: MK_COMMIT, why: 'Then commit the new master key.' },
    { command: MK_ROTATE, why: 'Then rotate: re-encrypt key storage and promote the new master key.' },
  ];
}

function retryOf(base: Base, k: Knowledge): AdviceStep[] {
  return base.next.length > 0 || k.failedCommand === undefined
    ? base.next
    : [{ command: k.failedCommand, why: 'Then run the command that failed again.' }];
}

/** Put the fix of a failure that changed nothing before the base decision; unchanged otherwise. */
export function overlay(base: Base, k: Knowledge, forbiddenBase: (phase: Phase) => AdviceStep[]): Base {
  const failure = k.lastFailure;
  if (base.phase === 'completed' || failure === undefined) return base;
  const retry = retryOf(base, k);
  switch (failure.kind) {
    case 'auth':
      if (k.permission !== undefined)
        return { ...base, phase: 'precheck-failed', next: [], failedChecks: ['permission'], stop: WHY.permission };
      if (k.loginAfterFailure !== undefined) return base;
      return {
        ...base,
        phase: 'auth-expired',
        next: [{ command: LOGIN, why: WHY.login }, ...retry],
        failedChecks: ['auth'],
      };
    case 'target':
      if (k.targetPersisted !== undefined)
        return {
          ...base,
          phase: 'precheck-failed',
          next: [{ command: PRIVATE_ENDPOINT, why: WHY.targetPersisted }, ...retry],
          failedChecks: ['target'],
        };
      // Targeted since: the retry shows whether that was the cause.
      if (k.targetedAfterFailure !== undefined) return base;
      return {
        ...base,
        phase: 'precheck-failed',
        next: [{ command: TARGET, why: WHY.target }, ...retry],
        failedChecks: ['target'],
      };
    case 'workstation':
      return { ...base, phase: 'precheck-failed', next: [], failedChecks: ['workstation'], stop: WHY.workstation };
    case 'refused':
      return { ...base, next: retry.map((a, i) => (i === 0 ? { ...a, why: `${WHY.password} ${a.why}` } : a)) };
    case 'signserv':
      return { ...base, next: retry.map((a, i) => (i === 0 ? { ...a, why: `${WHY.signserv} ${a.why}` } : a)) };
    case 'unsupported':
      // Its retry is never the advice: the key part flow starts, unless it is already under way.
      // (Nothing of a rotation ran on the instance, so an empty advice means the flow's start.)
      // Stryker disable OptionalChaining: equivalent, autoUnsupported is set whenever the last failure is `unsupported`
      return base.next.length > 0
        ? base
        : {
            ...base,
            next: keyPartFlow(k.autoUnsupported?.cause === 'no-recovery-units' ? 'no-recovery-units' : 'pkcs11'),
          };
    // Stryker restore OptionalChaining
    case 'precheck':
      return precheckFailed(base, k, failure.attempt, retry, forbiddenBase);
    default:
      return base;
  }
}

function precheckFailed(
  base: Base,
  k: Knowledge,
  failed: Attempt,
  retry: AdviceStep[],
  forbiddenBase: (phase: Phase) => AdviceStep[],
): Base {
  const refused = forbiddenBase(base.phase);
  const forbidden = new Set(refused.map((a) => a.command));
  // A command refused because re-encryption began (auto-mk-rotate after M1) changed nothing: the
  // recovery the milestones call for stays the answer, not fixing that command's conditions.
  if (refused.some((a) => a.command === k.failedCommand) && atLeast(k.any, 'rewrapping')) return base;
  // fixesFor tells only the auto flow from the others, so what the smart-card flow maps to is moot.
  // Stryker disable next-line ConditionalExpression,StringLiteral: equivalent, fixesFor treats these flows alike
  const flow = k.flow === 'smartcard' ? 'keyparts' : k.flow;
  // Key parts already loaded (or committed) need not be loaded (or committed) again to fix new-mk.
  const done = (command: string): boolean =>
    (command === MK_LOAD && atLeast(k.strong, 'loaded') && k.failedCommand !== MK_COMMIT) ||
    (command === MK_COMMIT && atLeast(k.strong, 'committed'));
  const unitsOf = (id: string): number[] => [
    ...new Set(failed.prechecks.filter((p) => p.check === id).flatMap((p) => p.units)),
  ];
  // AdviceStep is a command and its reason (the `mkra classify --json` contract): the UI's catalogue keys stay behind.
  const all = k.failedChecks
    .flatMap((id) => fixesFor(id, flow, { units: unitsOf(id) }).map(({ command, why }) => ({ command, why })))
    .filter((a) => !done(a.command));
  const fixes = all.filter((a) => !forbidden.has(a.command) && !k.succeededAfterFailure.has(a.command));
  // The failure's wording is not published by IBM: confirm it read-only before any fix changes a unit
  // (not again once the comparison or a fix has run; the TKE application has no such action).
  const checked =
    k.flow === 'smartcard' ||
    k.succeededAfterFailure.has(COMPARE) ||
    all.some((a) => k.succeededAfterFailure.has(a.command));
  const check = checked ? [] : [{ command: COMPARE, why: WHY.compare }];
  const after = retry.map((a, i) => (i === 0 ? { ...a, why: `After fixing the failed pre-checks: ${a.why}` } : a));
  // A fix that is itself the comparison (current-mk: the current registers differ, contact IBM) stays
  // when no confirming comparison leads; otherwise the first one, with its reason, is kept below.
  const next = [...check, ...fixes, ...after];
  return {
    ...base,
    phase: 'precheck-failed',
    next: next.filter((a, i) => next.findIndex((b) => b.command === a.command) === i),
    failedChecks: k.failedChecks,
  };
}
