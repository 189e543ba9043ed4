/** Pre-checks 6 and 7: the current and the new master key registers of the units to rotate. */
import { isNewRegisterReady } from '../tke/types.js';
import { vpKey } from '../tke/vp.js';
import { inTargets, overall, short, unknown, unread, type CheckOutcome, type Context } from './context.js';
import type { UnitCheck } from './types.js';

export function checkCurrent(ctx: Context): CheckOutcome {
  if (ctx.registers === undefined)
    return unknown('Run `ibmcloud tke cryptounit-mk` to read the registers.', 'registers-unknown');
  const regs = inTargets(ctx.registers, ctx);
  // VPs compare on their first 56 hex digits, as IBM's SDK does (shared/tke/vp.ts).
  const vps = new Set(regs.filter((r) => r.current.state === 'Valid').map((r) => vpKey(r.current.vp)));
  const common = [...vps][0];
  const units: UnitCheck[] = regs.map(
    (r) =>
      ({
        num: r.num,
        status:
          r.current.state === 'Valid' && vps.size === 1 && vpKey(r.current.vp) === common && common !== ''
            ? 'pass'
            : 'fail',
        detail: `current ${r.current.state} ${short(r.current.vp)}`,
        detailMsg: { key: 'unit-current', values: { state: r.current.state, vp: short(r.current.vp) } },
      }) satisfies UnitCheck,
  );
  units.push(...unread(ctx.registers, ctx));
  return {
    status: overall(units),
    summary: 'Every current register must be Valid with one verification pattern.',
    summaryMsg: { key: 'current-mk' },
    units,
    evidence: [...vps].map(short),
  };
}

export function checkNew(ctx: Context): CheckOutcome {
  if (ctx.registers === undefined)
    return unknown('Run `ibmcloud tke cryptounit-mk` to read the registers.', 'registers-unknown');
  const regs = inTargets(ctx.registers, ctx);
  if (ctx.input.flow === 'auto') {
    const units: UnitCheck[] = regs.map(
      (r) =>
        ({
          num: r.num,
          status: r.new.state === 'Empty' ? 'pass' : 'fail',
          detail: `new ${r.new.state}`,
          detailMsg: { key: 'unit-new', values: { state: r.new.state } },
        }) satisfies UnitCheck,
    );
    units.push(...unread(ctx.registers, ctx));
    return {
      status: overall(units),
      summary: 'auto-mk-rotate needs every new register Empty.',
      summaryMsg: { key: 'new-mk-auto' },
      units,
      evidence: [],
    };
  }
  const vps = new Set(regs.map((r) => vpKey(r.new.vp)));
  const units = regs.map(
    (r) =>
      ({
        num: r.num,
        status: isNewRegisterReady(r.new.state) && vps.size === 1 && r.new.vp !== '' ? 'pass' : 'fail',
        detail: `new ${r.new.state} ${short(r.new.vp)}`,
        detailMsg: { key: 'unit-new-vp', values: { state: r.new.state, vp: short(r.new.vp) } },
      }) satisfies UnitCheck,
  );
  return {
    status: overall(units),
    summary: 'Every new register must be committed with one verification pattern.',
    summaryMsg: { key: 'new-mk-keyparts' },
    units,
    evidence: [...vps].map(short),
  };
}
