import { fireEvent, render, screen, within } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import CheckCard from '../../../renderer/src/lib/components/CheckCard.svelte';
import TokenStatus from '../../../renderer/src/lib/components/TokenStatus.svelte';
import { fixesFor } from '../../../shared/precheck/fixes.js';
import type { PrecheckResult } from '../../../shared/precheck/types.js';
import { setupMessages } from './setup.js';

beforeAll(setupMessages);

const failedCurrent: PrecheckResult = {
  id: 'current-mk',
  status: 'fail',
  summary: 'Every current register must be Valid with one verification pattern.',
  units: [
    { num: 1, status: 'pass', detail: 'current Valid 6d382eefece5…' },
    { num: 4, status: 'fail', detail: 'current Valid d907b8b6685a…' },
  ],
  evidence: ['6d382eefece5…', 'd907b8b6685a…'],
  fix: fixesFor('current-mk', 'auto'),
};

describe('pre-check panel: one check', () => {
  it('shows a failure with per-unit evidence, the exact fix command and an in-app action for a read-only command', async () => {
    const onrun = vi.fn();
    render(CheckCard, { result: failedCurrent, onrun });
    const card = screen.getByTestId('check-current-mk');
    expect(card.dataset.status).toBe('fail');
    expect(card.textContent).toContain('6. Current master key registers Valid with one VP');
    expect(card.querySelector('li[data-unit="4"]')?.getAttribute('data-status')).toBe('fail');
    expect(card.querySelector('li[data-unit="1"]')?.getAttribute('data-status')).toBe('pass');
    expect(within(card).getByTestId('fix-command').textContent).toBe('ibmcloud tke cryptounit-compare');
    expect(card.textContent).toContain('contact IBM Cloud support');
    await fireEvent.click(within(card).getByTestId('run-fix'));
    expect(onrun).toHaveBeenCalledWith(['tke', 'cryptounit-compare'], 'ibmcloud tke cryptounit-compare');
  });

  it('offers no in-app action for a command that changes registers (the backend would refuse it outside a rotation)', () => {
    render(CheckCard, { result: { ...failedCurrent, id: 'new-mk', fix: fixesFor('new-mk', 'auto') }, onrun: vi.fn() });
    const card = screen.getByTestId('check-new-mk');
    expect(within(card).getByTestId('fix-command').textContent).toBe('ibmcloud tke cryptounit-mk-clrnew');
    expect(within(card).queryByTestId('run-fix')).toBeNull();
  });

  it('offers ibmcloud login for an expired token', () => {
    render(CheckCard, {
      result: {
        id: 'auth',
        status: 'fail',
        summary: 'The access token has expired.',
        units: [],
        evidence: ['expired 1 min ago'],
        fix: fixesFor('auth', 'auto'),
      },
      onrun: vi.fn(),
    });
    expect(within(screen.getByTestId('check-auth')).getByTestId('run-fix').textContent).toContain(
      'Run ibmcloud login in the app',
    );
  });
});

describe('pre-check panel: token', () => {
  it('counts down the remaining lifetime and shows the estimate', () => {
    render(TokenStatus, {
      token: { expiresAt: Date.now() + 40 * 60_000, source: 'simulator' },
      estimate: { keyCount: 3000, seconds: 90, tokenMayExpire: false },
    });
    expect(screen.getByTestId('token-left').textContent).toMatch(/(39|40) min/);
    expect(screen.getByTestId('estimate').textContent).toContain('1 min 30 s');
    expect(screen.getByTestId('estimate').textContent).toContain('3,000 keys');
    expect(screen.queryByTestId('token-warning')).toBeNull();
  });

  it('warns when the token may expire before the rotation ends', () => {
    render(TokenStatus, {
      token: { expiresAt: Date.now() + 20 * 60_000, source: 'app-login' },
      estimate: { keyCount: 60_000, seconds: 1230, tokenMayExpire: true },
    });
    const warning = screen.getByTestId('token-warning');
    expect(warning.getAttribute('role')).toBe('alert');
    expect(warning.textContent).toContain('may expire before the rotation ends');
  });

  it('says when the token has expired', () => {
    render(TokenStatus, {
      token: { expiresAt: Date.now() - 60_000, source: 'simulator' },
      estimate: { keyCount: 300, seconds: 36, tokenMayExpire: true },
    });
    expect(screen.getByTestId('token-left').textContent).toContain('Expired at');
  });
});
