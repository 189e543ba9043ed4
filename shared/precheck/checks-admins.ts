/** Pre-check 5: enough common administrators installed and selected (or named by a signing service). */
import { SIGNSERV_ENV, SIGNSERVKEYS_FILE, type SigningService } from '../tke/signing-service.js';
import { inTargets, unknown, unread, type CheckOutcome, type Context } from './context.js';
import type { CheckStatus, UnitCheck } from './types.js';

/**
 * Pre-check 5 when the CLI signs through a signing service [hs-crypto: signing-service.md]: the keys
 * are the entries of SIGNSERVKEYS, whose owners only the service knows. The check fails when the file
 * is unusable, lists fewer keys than the threshold needs, or a unit has too few administrators; else it
 * cannot be judged here.
 */
function checkAdminsSigned(ctx: Context, service: SigningService): CheckOutcome {
  if ('problem' in service) return { status: 'fail', summary: service.problem, units: [], evidence: [] };
  if (ctx.admins === undefined || ctx.thresholds === undefined)
    return unknown('Needs `cryptounit-admins` and `cryptounit-thrhlds`.', 'admins-signserv-unknown');
  const needed = Math.max(1, ...inTargets(ctx.thresholds, ctx).map((t) => t.signature));
  const installed = new Map<number, number>();
  for (const r of inTargets(ctx.admins, ctx)) installed.set(r.num, (installed.get(r.num) ?? 0) + 1);
  const units = [...installed.entries()].map(
    ([num, count]) =>
      ({
        num,
        status: count >= needed ? 'unknown' : 'fail',
        detail: `${count} administrator(s) installed (need ${needed}); which of them the signing service's keys belong to is not known here`,
        detailMsg: { key: 'unit-signserv-admins', values: { count, needed } },
      }) satisfies UnitCheck,
  );
  const listed = service.keys.length;
  const evidence = [
    `${SIGNSERVKEYS_FILE}: ${listed} signature key(s), ${service.withToken} with its token in the file`,
  ];
  const evidenceMsg = [
    { key: 'evidence-signserv', values: { file: SIGNSERVKEYS_FILE, listed, withToken: service.withToken } },
  ];
  if (listed < needed) {
    return {
      status: 'fail',
      summary: `${SIGNSERVKEYS_FILE} lists ${listed} signature key(s); the signature threshold needs ${needed}.`,
      summaryMsg: { key: 'admins-signserv-short', values: { file: SIGNSERVKEYS_FILE, listed, needed } },
      units,
      evidence,
      evidenceMsg,
    };
  }
  return {
    status: units.some((u) => u.status === 'fail') ? 'fail' : 'unknown',
    summary: `Signatures come from the signing service (${SIGNSERV_ENV}). ${SIGNSERVKEYS_FILE} lists ${listed} key(s) for ${needed} signature(s), but whose keys they are only the signing service knows: this cannot be checked from the workstation.`,
    summaryMsg: { key: 'admins-signserv', values: { env: SIGNSERV_ENV, file: SIGNSERVKEYS_FILE, listed, needed } },
    units,
    evidence,
    evidenceMsg,
  };
}

export function checkAdmins(ctx: Context): CheckOutcome {
  if (ctx.input.signingService !== undefined) return checkAdminsSigned(ctx, ctx.input.signingService);
  if (ctx.admins === undefined || ctx.thresholds === undefined || ctx.input.selectedSigKeys === undefined) {
    return unknown('Needs `cryptounit-admins`, `cryptounit-thrhlds` and `sigkeys`.', 'admins-unknown');
  }
  const rows = inTargets(ctx.admins, ctx);
  // No crypto unit listed (none found, none selected): nothing to judge, not a failure.
  if (rows.length === 0 && (ctx.targets ?? []).length === 0)
    return unknown('No crypto unit was listed, so no administrator could be checked.', 'admins-no-units');
  const byUnit = new Map<number, Set<string>>();
  for (const r of rows) {
    const set = byUnit.get(r.num) ?? new Set<string>();
    if (r.ski !== undefined) set.add(r.ski);
    byUnit.set(r.num, set);
  }
  const selected = new Set(ctx.input.selectedSigKeys.map((k) => k.ski.toLowerCase()));
  const needed = Math.max(1, ...inTargets(ctx.thresholds, ctx).map((t) => t.signature));
  const sets = [...byUnit.values()];
  const common = [...selected].filter((ski) => sets.length > 0 && sets.every((s) => s.has(ski)));
  const units: UnitCheck[] = [...byUnit.entries()].map(([num, skis]) => {
    const usable = [...selected].filter((s) => skis.has(s)).length;
    return {
      num,
      status: usable >= needed ? 'pass' : 'fail',
      detail: `${usable} of the selected signature keys are administrators here (need ${needed})`,
      detailMsg: { key: 'unit-admins', values: { usable, needed } },
    } satisfies UnitCheck;
  });
  const judged = units.length;
  units.push(...unread(ctx.admins, ctx));
  const failed = common.length < needed || units.some((u) => u.status === 'fail');
  const status: CheckStatus = failed ? 'fail' : units.length > judged ? 'unknown' : 'pass';
  return {
    status,
    summary: `At least ${needed} common administrators must be installed everywhere and selected with sigkey-sel.`,
    summaryMsg: { key: 'admins', values: { needed } },
    units,
    evidence: [`${common.length} selected signature key(s) are administrators on every unit`],
    evidenceMsg: [{ key: 'evidence-admins', values: { count: common.length } }],
  };
}
