// Reports → Verify refuses a file over the report limit by its size: nothing is read, nothing is
// sent, the reason is shown beside the picker; a file at the limit is still read and sent.
import { fireEvent, render, screen } from '@testing-library/svelte';
import { afterEach, beforeAll, describe, expect, it, vi } from 'vitest';
import VerifyPanel from '../../../renderer/src/lib/reports/VerifyPanel.svelte';
import { MAX_REPORT_BYTES } from '../../../shared/reports/limits.js';
import { ok, reportsWith, setupMessages } from './setup.js';

beforeAll(setupMessages);
afterEach(() => vi.restoreAllMocks());

function pick(file: File): Promise<boolean> {
  const input = screen.getByLabelText('Report file (.pdf or .json)') as HTMLInputElement;
  Object.defineProperty(input, 'files', { value: [file], configurable: true });
  return fireEvent.change(input);
}

describe('VerifyPanel file size', () => {
  it('refuses a file one byte over the limit before reading it', async () => {
    const read = vi.spyOn(FileReader.prototype, 'readAsDataURL');
    const { reports, calls } = reportsWith({ 'report:verify': () => ok({ status: 'invalid' as const, reason: 'x' }) });
    render(VerifyPanel, { reports });
    await pick(new File([new Uint8Array(MAX_REPORT_BYTES + 1)], 'huge.pdf', { type: 'application/pdf' }));
    await fireEvent.click(screen.getByTestId('verify-submit'));
    const alert = await screen.findByTestId('verify-too-large');
    expect(alert.textContent).toBe('This file is 16.0 MB: too large to be a report (at most 16.0 MB). It was not read.');
    expect(alert.getAttribute('role')).toBe('alert');
    expect(screen.getByLabelText('Report file (.pdf or .json)').getAttribute('aria-describedby')).toBe('rp-verify-toolarge');
    expect(read).not.toHaveBeenCalled();
    expect(calls).toEqual([]);
    expect(screen.queryByTestId('verify-result')).toBeNull();
  });

  it('reads and sends a file of exactly the limit, and picking another file clears the refusal', async () => {
    const { reports, calls } = reportsWith({ 'report:verify': () => ok({ status: 'unreadable' as const, reason: 'neither a PDF nor a JSON report' }) });
    render(VerifyPanel, { reports });
    await pick(new File([new Uint8Array(MAX_REPORT_BYTES + 1)], 'huge.pdf'));
    await fireEvent.click(screen.getByTestId('verify-submit'));
    await screen.findByTestId('verify-too-large');
    await pick(new File([new Uint8Array(MAX_REPORT_BYTES)], 'limit.pdf'));
    expect(screen.queryByTestId('verify-too-large')).toBeNull();
    await fireEvent.click(screen.getByTestId('verify-submit'));
    await screen.findByTestId('verify-result', {}, { timeout: 120_000 });
    const request = calls.find((c) => c.channel === 'report:verify')?.request as { file: { name: string; base64: string } };
    expect(request.file.name).toBe('limit.pdf');
    expect(request.file.base64.length).toBe(4 * Math.ceil(MAX_REPORT_BYTES / 3));
  }, 180_000);
});
