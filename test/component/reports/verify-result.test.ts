import { fireEvent, render, screen } from '@testing-library/svelte';
import { locale } from 'svelte-i18n';
import { beforeAll, describe, expect, it } from 'vitest';
import VerifyPanel from '../../../renderer/src/lib/reports/VerifyPanel.svelte';
import VerifyResult from '../../../renderer/src/lib/reports/VerifyResult.svelte';
import type { ReportVerificationView } from '../../../shared/ipc/views.js';
import { ADMIN_SKI, FINGERPRINT, ok, reportsWith, setupMessages } from './setup.js';

beforeAll(setupMessages);

const summary = ['Mode: DEMO', 'Rotation r-1, instance inst, flow auto', 'Outcome: completed'];
const HERE = 'mkra-pdf/1 (pdf-lib 1.17.1, fontkit 1.1.1, noto-sans-jp 1.44.6)';
const facts = ['Rotation ID: r-1', 'Mode: DEMO - simulator, no real crypto unit was touched', 'Outcome: completed'];
const valid = (extra: Partial<Extract<ReportVerificationView, { status: 'valid' }>> = {}): ReportVerificationView => ({
  status: 'valid',
  fingerprint: FINGERPRINT,
  pinned: true,
  admin: null,
  summary,
  pages: 'identical',
  renderer: { report: HERE, here: HERE },
  facts,
  ...extra,
});

describe('VerifyResult', () => {
  it('valid and pinned: check icon, words, signer fingerprint, summary', () => {
    render(VerifyResult, { result: valid(), fileName: 'r-1-report.pdf' });
    const root = screen.getByTestId('verify-result');
    expect(root.dataset.status).toBe('valid');
    expect(screen.getByTestId('verify-verdict').textContent).toContain('✓');
    expect(screen.getByTestId('verify-verdict').textContent).toContain('Valid: the signature is good');
    expect(screen.getByTestId('verify-fingerprint').dataset.fingerprint).toBe(FINGERPRINT);
    expect(screen.getByTestId('verify-fingerprint').textContent).toBe('a1b2c3d4 e5f60718 293a4b5c 6d7e8f90 a1b2c3d4 e5f60718 293a4b5c 6d7e8f90');
    expect(screen.getByTestId('verify-pin').textContent).toContain('Matches the expected fingerprint');
    expect(screen.getByTestId('verify-no-admin').textContent).toContain('Not co-signed');
    expect([...screen.getByTestId('verify-summary').querySelectorAll('li')].map((li) => li.textContent)).toEqual(summary);
    expect(screen.getByTestId('verify-summary').getAttribute('lang')).toBe('en');
    expect(root.textContent).toContain('r-1-report.pdf');
    expect(root.dataset.pages).toBe('identical');
    expect(screen.getByTestId('verify-pages').textContent).toContain('The pages are exactly the PDF made from the signed content');
    expect(screen.queryByTestId('verify-facts')).toBeNull();
  });

  it('a PDF of another renderer: not plainly valid, a warning naming both renderers, and the signed facts', () => {
    render(VerifyResult, { result: valid({ pages: 'not-checked', renderer: { report: 'mkra-pdf/0 (old)', here: HERE } }), fileName: 'old.pdf' });
    const root = screen.getByTestId('verify-result');
    expect(root.dataset.status).toBe('valid');
    expect(root.dataset.pages).toBe('not-checked');
    expect(root.classList.contains('unchecked')).toBe(true);
    const verdict = screen.getByTestId('verify-verdict').textContent ?? '';
    expect(verdict).toContain('⚠');
    expect(verdict).not.toContain('✓');
    expect(verdict).toContain('Signed content valid, but the pages were NOT checked');
    const pages = screen.getByTestId('verify-pages').textContent ?? '';
    expect(pages).toContain('The pages of this PDF were NOT checked');
    expect(pages).toContain('mkra-pdf/0 (old)');
    expect(pages).toContain(HERE);
    expect([...screen.getByTestId('verify-facts').querySelectorAll('li')].map((li) => li.textContent)).toEqual(facts);
    expect(screen.getByTestId('verify-facts').getAttribute('lang')).toBe('en');
  });

  it('a JSON report: says it has no pages', () => {
    render(VerifyResult, { result: valid({ pages: 'none' }), fileName: 'r.json' });
    expect(screen.getByTestId('verify-pages').textContent).toContain('A JSON report has no pages');
  });

  it('invalid because the pages differ, or because the co-signature was removed: says which in words', () => {
    const { unmount } = render(VerifyResult, { result: { status: 'invalid', reason: 'the visible pages do not match the signed content: ...', problem: 'pages-differ' }, fileName: 'r.pdf' });
    expect(screen.getByTestId('verify-result').dataset.problem).toBe('pages-differ');
    expect(screen.getByTestId('verify-problem').textContent).toContain('The visible pages do not match the signed content');
    expect(screen.getByTestId('verify-verdict').textContent).toContain('Not valid: do not trust this report');
    unmount();
    render(VerifyResult, { result: { status: 'invalid', reason: 'administrator co-signature missing: ...', problem: 'cosignature-missing' }, fileName: 'r.json' });
    expect(screen.getByTestId('verify-problem').textContent).toContain('The administrator co-signature was removed');
    expect(screen.getByTestId('verify-reason').textContent).toBe('administrator co-signature missing: ...');
  });

  it('valid but not pinned: a warning in words and the administrator SKI when co-signed', () => {
    render(VerifyResult, { result: valid({ pinned: false, admin: { ski: ADMIN_SKI, name: 'ADMIN1' }, pages: 'none' }), fileName: 'r.json' });
    const pin = screen.getByTestId('verify-pin');
    expect(pin.textContent).toContain('⚠');
    expect(pin.textContent).toContain('Not pinned: any key can sign a report');
    expect(screen.getByTestId('verify-result').dataset.pinned).toBe('false');
    expect(screen.getByTestId('verify-admin-ski').textContent?.replaceAll(' ', '')).toBe(ADMIN_SKI);
    expect(screen.getByTestId('verify-result').textContent).toContain('Co-signed by administrator ADMIN1');
  });

  it('invalid: a cross, "do not trust", and the reason', () => {
    render(VerifyResult, { result: { status: 'invalid', reason: 'the payload was changed after signing' }, fileName: 'r.pdf' });
    expect(screen.getByTestId('verify-result').dataset.status).toBe('invalid');
    expect(screen.getByTestId('verify-verdict').textContent).toContain('✕');
    expect(screen.getByTestId('verify-verdict').textContent).toContain('Not valid: do not trust this report');
    expect(screen.getByTestId('verify-reason').textContent).toBe('the payload was changed after signing');
    expect(screen.queryByTestId('verify-fingerprint')).toBeNull();
    expect(screen.queryByTestId('verify-summary')).toBeNull();
    expect(screen.queryByTestId('verify-problem')).toBeNull();
  });

  it('unreadable: its own icon and words', () => {
    render(VerifyResult, { result: { status: 'unreadable', reason: 'empty file' }, fileName: 'x.txt' });
    expect(screen.getByTestId('verify-verdict').textContent).toContain('?');
    expect(screen.getByTestId('verify-verdict').textContent).toContain('Not a readable report');
    expect(screen.getByTestId('verify-reason').textContent).toBe('empty file');
  });

  it('renders in Japanese', async () => {
    await locale.set('ja');
    try {
      render(VerifyResult, { result: valid({ pinned: false }), fileName: 'r.pdf' });
      expect(screen.getByTestId('verify-verdict').textContent).toContain('有効');
      expect(screen.getByTestId('verify-pin').textContent).toContain('固定されていません');
      expect(screen.getByTestId('verify-pages').textContent).toContain('完全に同一です');
    } finally {
      await locale.set('en');
    }
  });
});

describe('VerifyPanel', () => {
  it('sends the picked file as base64 with the pinned fingerprint and shows the verdict', async () => {
    const { reports, calls } = reportsWith({ 'report:verify': () => ok({ status: 'invalid' as const, reason: 'signed by a different key' }) });
    render(VerifyPanel, { reports });
    const input = screen.getByLabelText('Report file (.pdf or .json)') as HTMLInputElement;
    const file = new File(['{"format":"mkra-report/1"}'], 'r-1-report.json', { type: 'application/json' });
    Object.defineProperty(input, 'files', { value: [file], configurable: true });
    await fireEvent.change(input);
    await fireEvent.input(screen.getByLabelText('Expected report key fingerprint (optional)'), { target: { value: `  ${FINGERPRINT} ` } });
    await fireEvent.click(screen.getByTestId('verify-submit'));
    await screen.findByTestId('verify-result');
    const request = calls.find((c) => c.channel === 'report:verify')?.request as { file: { name: string; base64: string }; pinnedFingerprint: string };
    expect(request.file.name).toBe('r-1-report.json');
    expect(atob(request.file.base64)).toBe('{"format":"mkra-report/1"}');
    expect(request.pinnedFingerprint).toBe(FINGERPRINT);
    expect(screen.getByTestId('verify-result').dataset.status).toBe('invalid');
    expect(screen.getByTestId('verify-reason').textContent).toBe('signed by a different key');
  });

  it('asks for a file instead of sending nothing', async () => {
    const { reports, calls } = reportsWith({});
    render(VerifyPanel, { reports });
    await fireEvent.click(screen.getByTestId('verify-submit'));
    expect((await screen.findByRole('alert')).textContent).toContain('Choose a report file first.');
    expect(calls).toEqual([]);
  });
});
