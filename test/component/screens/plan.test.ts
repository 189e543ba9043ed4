import { fireEvent, render, screen } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import PlanConfirm from '../../../renderer/src/lib/components/PlanConfirm.svelte';
import { buildPlan } from '../../../shared/precheck/plan.js';
import { report, units, VP_B } from './setup.js';
import { setupMessages } from './setup.js';

beforeAll(setupMessages);
const ID = 'aa43af49-a9bf-4ddc-a376-e1d234398287';

describe('buildPlan', () => {
  it('plans auto-mk-rotate with every register transition for all units of the one instance', () => {
    const plan = buildPlan('auto', report());
    expect(plan.blockers).toEqual([]);
    expect(plan.instanceId).toBe(ID);
    expect(plan.units).toEqual([1, 2, 3, 4]);
    expect(plan.commands.map((c) => c.argv)).toEqual([['tke', 'auto-mk-rotate']]);
    expect(plan.commands[0]?.transitions.map((t) => t.key)).toEqual([
      'generate',
      'copy',
      'commit',
      'delay',
      'rewrap',
      'm2',
      'promote',
    ]);
    expect(plan.commands[0]?.transitions[0]?.values).toEqual({ unit: 3 });
  });

  it('blocks on failures, never overridable, and lists unknown checks for an override', () => {
    const plan = buildPlan('auto', report({ thresholds: { status: 'fail' }, admins: { status: 'unknown' } }));
    expect(plan.blockers).toEqual([{ code: 'failed', checks: ['thresholds'] }]);
    expect(plan.unknown).toEqual(['admins']);
  });

  it('blocks without a single instance, and for the other flow or no report', () => {
    const r = report();
    const two = report({}, { instances: [...r.instances, { id: 'bb000000-0000', units: [] }] });
    expect(buildPlan('auto', two).blockers).toContainEqual({ code: 'several-instances', count: 2 });
    expect(buildPlan('auto', two).instanceId).toBeNull();
    expect(buildPlan('keyparts', r).blockers).toEqual([{ code: 'flow-mismatch' }]);
    expect(buildPlan('auto', null).blockers).toEqual([{ code: 'no-report' }]);
  });

  it('key parts: empty new registers plan load, commit, rotate and the new-mk failure is what the plan fixes', () => {
    const plan = buildPlan('keyparts', report({ 'new-mk': { status: 'fail' } }, { flow: 'keyparts' }));
    expect(plan.commands.map((c) => c.argv[1])).toEqual([
      'cryptounit-mk-load',
      'cryptounit-mk-commit',
      'cryptounit-mk-rotate',
    ]);
    expect(plan.blockers).toEqual([]);
  });

  it('key parts: committed new registers plan only the rotate; mixed ones block', () => {
    const ready = units(
      Object.fromEntries([1, 2, 3, 4].map((n) => [n, { new: { state: 'Full Committed' as const, vp: VP_B } }])),
    );
    expect(
      buildPlan('keyparts', report({}, { flow: 'keyparts', registers: ready })).commands.map((c) => c.argv[1]),
    ).toEqual(['cryptounit-mk-rotate']);
    const mixed = units({ 2: { new: { state: 'Full Committed', vp: VP_B } } });
    expect(
      buildPlan(
        'keyparts',
        report({ 'new-mk': { status: 'fail' } }, { flow: 'keyparts', registers: mixed }),
      ).blockers.map((b) => b.code),
    ).toEqual(['new-registers-mixed', 'failed']);
  });
});

describe('PlanConfirm', () => {
  const confirmAll = async (): Promise<void> => {
    for (const box of screen.getByTestId('plan-checklist').querySelectorAll('input[type="checkbox"]'))
      await fireEvent.click(box);
  };

  it('keeps Start disabled until the first 8 characters of the instance ID are typed', async () => {
    const onstart = vi.fn();
    render(PlanConfirm, { flow: 'auto', instanceId: ID, unknown: [], busy: false, onstart });
    const start = screen.getByTestId('start-rotation') as HTMLButtonElement;
    expect(screen.getByText(/\(aa43af49\)/)).toBeTruthy();
    await confirmAll();
    expect(start.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('confirmation'), { target: { value: 'aa43af4' } });
    expect(start.disabled).toBe(true);
    expect(document.getElementById('confirm-state')?.textContent).toContain('does not match');
    await fireEvent.input(screen.getByTestId('confirmation'), { target: { value: ' AA43AF49 ' } });
    expect(start.disabled).toBe(false);
    await fireEvent.input(screen.getByTestId('operator'), { target: { value: 'Alice' } });
    await fireEvent.click(start);
    expect(onstart).toHaveBeenCalledWith({
      operator: 'Alice',
      overrideReason: null,
      confirmed: ['pkcs11-keystores', 'api-quiet'],
    });
  });

  it('needs an explicit override with a reason of 10 characters when checks could not be judged', async () => {
    const onstart = vi.fn();
    render(PlanConfirm, { flow: 'auto', instanceId: ID, unknown: ['auth'], busy: false, onstart });
    const start = screen.getByTestId('start-rotation') as HTMLButtonElement;
    await confirmAll();
    await fireEvent.input(screen.getByTestId('confirmation'), { target: { value: 'aa43af49' } });
    expect(start.disabled).toBe(true);
    await fireEvent.click(screen.getByRole('checkbox', { name: /Start although/ }));
    await fireEvent.input(screen.getByTestId('override-reason'), { target: { value: 'short' } });
    expect(start.disabled).toBe(true);
    await fireEvent.input(screen.getByTestId('override-reason'), { target: { value: 'Logged in at 09:00 by hand' } });
    expect(start.disabled).toBe(false);
    await fireEvent.click(start);
    expect(onstart).toHaveBeenCalledWith({
      operator: '',
      overrideReason: 'Logged in at 09:00 by hand',
      confirmed: ['pkcs11-keystores', 'api-quiet'],
    });
  });

  it("keeps Start disabled until every confirmation of the flow is ticked, each citing IBM's page", async () => {
    const onstart = vi.fn();
    render(PlanConfirm, { flow: 'keyparts', instanceId: ID, unknown: [], busy: false, onstart });
    const start = screen.getByTestId('start-rotation') as HTMLButtonElement;
    await fireEvent.input(screen.getByTestId('confirmation'), { target: { value: 'aa43af49' } });
    expect(start.disabled).toBe(true);
    // The key-part flow asks about GREP11 keys, not about PKCS #11 keystores (an auto-mk-rotate condition).
    expect(screen.queryByTestId('confirm-pkcs11-keystores')).toBeNull();
    expect(screen.getByTestId('plan-checklist').textContent).toContain('(IBM: rotate-master-key-key-files.md)');
    await fireEvent.click(screen.getByTestId('confirm-api-quiet'));
    expect(start.disabled).toBe(true);
    await fireEvent.click(screen.getByTestId('confirm-grep11-rewrap'));
    expect(start.disabled).toBe(false);
    await fireEvent.click(start);
    expect(onstart).toHaveBeenCalledWith({
      operator: '',
      overrideReason: null,
      confirmed: ['api-quiet', 'grep11-rewrap'],
    });
  });
});
