/** The pre-checks of the crypto units' selection, imprint mode, thresholds and the token (docs/domain.md, section 4). */
import type { ServiceInstanceUnits } from '../parse/cryptounits.js';
import type { ThresholdRow } from '../parse/listings.js';
import { inTargets, overall, unknown, unread, type CheckOutcome, type Context } from './context.js';
import type { UnitCheck } from './types.js';

export function checkAuth(ctx: Context): CheckOutcome {
  const t = ctx.input.token;
  if (t === undefined)
    return unknown('Token expiry unknown: log in shortly before rotating (tokens last one hour).', 'auth-unknown');
  const minutes = Math.floor((t.expiresAt - t.now) / 60000);
  if (t.expiresAt <= t.now)
    return {
      status: 'fail',
      summary: 'The access token has expired.',
      summaryMsg: { key: 'auth-expired' },
      units: [],
      evidence: [`expired ${-minutes} min ago`],
      evidenceMsg: [{ key: 'evidence-expired', values: { minutes: -minutes } }],
    };
  return {
    status: 'pass',
    summary: `The access token is valid for ${minutes} more minutes.`,
    summaryMsg: { key: 'auth-valid', values: { minutes } },
    units: [],
    evidence: [],
  };
}

/** auto-mk-rotate selects the units itself: every unit of the one instance must be readable now. */
function checkSelectionAuto(instances: readonly ServiceInstanceUnits[]): CheckOutcome {
  const only = instances.length === 1 ? instances[0] : undefined;
  const unselected = only?.units.filter((u) => !u.selected) ?? [];
  if (unselected.length === 0)
    return {
      status: 'pass',
      summary: 'auto-mk-rotate selects every crypto unit of the chosen instance itself.',
      summaryMsg: { key: 'selection-auto' },
      units: [],
      evidence: [],
    };
  return {
    status: 'unknown',
    summary: `auto-mk-rotate selects every crypto unit of the instance itself, but crypto unit ${unselected.map((u) => u.num).join(', ')} is not selected now, so the other checks cannot read it: select it and run the pre-checks again.`,
    summaryMsg: { key: 'selection-auto-unselected', values: { units: unselected.map((u) => u.num).join(', ') } },
    units: unselected.map((u) => ({
      num: u.num,
      status: 'unknown',
      detail: `not selected (${u.type})`,
      detailMsg: { key: 'unit-not-selected-type', values: { type: u.type ?? '' } },
    })),
    evidence: [],
  };
}

export function checkSelection(ctx: Context): CheckOutcome {
  const instances = ctx.input.instances;
  if (instances === undefined)
    return unknown('Run `ibmcloud tke cryptounits` to see the selection.', 'selection-unknown');
  if (ctx.input.flow === 'auto') return checkSelectionAuto(instances);
  const withSelection = instances.filter((i) => i.units.some((u) => u.selected));
  const units: UnitCheck[] = [];
  for (const inst of instances) {
    const chosen = withSelection.length === 1 && withSelection[0] === inst;
    for (const u of inst.units) {
      const ok = chosen ? u.selected : !u.selected;
      units.push({
        num: u.num,
        status: ok ? 'pass' : 'fail',
        detail: `${u.selected ? 'selected' : 'not selected'} (instance ${inst.id})`,
        detailMsg: { key: u.selected ? 'unit-selected' : 'unit-not-selected', values: { instance: inst.id } },
      });
    }
  }
  const evidence = [`${withSelection.length} service instance(s) with selected crypto units`];
  const evidenceMsg = [{ key: 'evidence-instances', values: { count: withSelection.length } }];
  if (withSelection.length !== 1) {
    return {
      status: 'fail',
      summary: 'Exactly one service instance must have selected crypto units.',
      summaryMsg: { key: 'selection-one-instance' },
      units,
      evidence,
      evidenceMsg,
    };
  }
  return {
    status: overall(units),
    summary: 'All crypto units of one service instance must be selected.',
    summaryMsg: { key: 'selection-all' },
    units,
    evidence,
    evidenceMsg,
  };
}

export function checkImprint(ctx: Context): CheckOutcome {
  if (ctx.thresholds === undefined)
    return unknown('Run `ibmcloud tke cryptounit-thrhlds` to read the thresholds.', 'thresholds-unknown');
  const units: UnitCheck[] = inTargets(ctx.thresholds, ctx).map((t) => {
    const imprint = t.signature === 0 && t.revocation === 0;
    return {
      num: t.num,
      status: imprint ? 'fail' : 'pass',
      detail: imprint ? 'imprint mode (thresholds 0/0)' : `thresholds ${t.signature}/${t.revocation}`,
      detailMsg: imprint
        ? { key: 'unit-imprint' }
        : { key: 'unit-thresholds', values: { value: `${t.signature}/${t.revocation}` } },
    } satisfies UnitCheck;
  });
  units.push(...unread(ctx.thresholds, ctx));
  return {
    status: overall(units),
    summary: 'No crypto unit may be in imprint mode.',
    summaryMsg: { key: 'imprint' },
    units,
    evidence: [],
  };
}

export function checkThresholds(ctx: Context): CheckOutcome {
  if (ctx.thresholds === undefined)
    return unknown('Run `ibmcloud tke cryptounit-thrhlds` to read the thresholds.', 'thresholds-unknown');
  const rows = inTargets(ctx.thresholds, ctx);
  const key = (t: ThresholdRow): string => `${t.signature}/${t.revocation}`;
  const counts = new Map<string, number>();
  for (const r of rows) counts.set(key(r), (counts.get(key(r)) ?? 0) + 1);
  const common = [...counts.entries()].sort((a, b) => b[1] - a[1])[0]?.[0];
  const units: UnitCheck[] = rows.map(
    (r) =>
      ({
        num: r.num,
        status: counts.size <= 1 || key(r) === common ? 'pass' : 'fail',
        detail: `signature/revocation ${key(r)}`,
        detailMsg: { key: 'unit-signature-revocation', values: { value: key(r) } },
      }) satisfies UnitCheck,
  );
  units.push(...unread(ctx.thresholds, ctx));
  const status = counts.size > 1 ? 'fail' : overall(units);
  return {
    status,
    summary: 'Signature thresholds must be equal on every crypto unit.',
    summaryMsg: { key: 'thresholds' },
    units,
    evidence: [...counts.keys()].map((k) => `thresholds ${k}`),
    evidenceMsg: [...counts.keys()].map((k) => ({ key: 'evidence-thresholds', values: { value: k } })),
  };
}
