import { fireEvent, render, screen, waitFor } from '@testing-library/svelte';
import { beforeAll, describe, expect, it, vi } from 'vitest';
import ExportPanel from '../../../renderer/src/lib/reports/ExportPanel.svelte';
import PublicKeyPanel from '../../../renderer/src/lib/reports/PublicKeyPanel.svelte';
import type { SigKeyInfo } from '../../../shared/keyfiles/workspace-types.js';
import { ADMIN_SKI, FINGERPRINT, ok, refused, reportsWith, rotation, setupMessages } from './setup.js';

beforeAll(setupMessages);

const KEYSTORE_REFUSAL = 'This workstation has no OS keystore for the report key: enter the report key password (it protects the key file; choose one on first use).';
const exported = { jsonPath: '/data/reports/r-1/r-1-report.json', pdfPath: '/data/reports/r-1/r-1-report.pdf', fingerprint: FINGERPRINT, adminSki: null };
const sigkey: SigKeyInfo = { kind: 'sigkey', fileName: '1.sigkey', path: '/tke/1.sigkey', size: 900, mtime: '2025-01-01T00:00:00Z', mode: 0o600, description: 'ADMIN1', keyType: 'p521ec', ski: ADMIN_SKI, skiMatchesPubkey: true };

async function loaded(handlers: Parameters<typeof reportsWith>[0]) {
  const made = reportsWith({ 'rotation:list': () => ok([rotation({ rotationId: 'r-1' }), rotation({ rotationId: 'r-0', startedAt: '2024-12-01T00:00:00Z' }), rotation({ rotationId: 'r-open', finished: false })]), 'keyfiles:scan': () => ok({ scan: { dir: '/tke', readable: true, sigkeys: [sigkey], mkparts: [], others: [], warnings: [] }, admins: null, message: null }), ...handlers });
  await made.reports.loadRotations();
  await made.reports.loadSigkeys();
  return made;
}

const typeInto = (label: string, value: string) => fireEvent.input(screen.getByLabelText(label), { target: { value } });

describe('ExportPanel', () => {
  it('offers finished rotations (newest first), not unfinished ones that are not open', async () => {
    const { reports } = await loaded({});
    render(ExportPanel, { reports });
    const options = [...(screen.getByLabelText('Rotation') as HTMLSelectElement).options].map((o) => o.value);
    expect(options).toEqual(['r-1', 'r-0']);
  });

  it('sends the co-signature password once, clears it, and shows the fingerprint, SKI and downloads', async () => {
    const { reports, calls } = await loaded({ 'report:export': () => ok({ ...exported, adminSki: ADMIN_SKI }) });
    render(ExportPanel, { reports });
    await fireEvent.click(screen.getByTestId('export-language-ja'));
    await typeInto('Operator name (optional)', '  Hanako Sato ');
    await fireEvent.click(screen.getByLabelText('Co-sign with a TKE administrator signature key'));
    expect((screen.getByLabelText('Signature key file') as HTMLSelectElement).value).toBe('1.sigkey');
    const password = screen.getByLabelText('Password of the signature key file') as HTMLInputElement;
    expect(password.type).toBe('password');
    expect(password.getAttribute('autocomplete')).toBe('off');
    await fireEvent.input(password, { target: { value: 'passw0rd' } });
    await fireEvent.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-result');
    expect(calls.filter((c) => c.channel === 'report:export').map((c) => c.request)).toEqual([{ rotationId: 'r-1', language: 'ja', operator: 'Hanako Sato', admin: { fileName: '1.sigkey', password: 'passw0rd' } }]);
    expect(password.value).toBe('');
    expect(document.body.innerHTML).not.toContain('passw0rd');
    expect(screen.getByTestId('export-fingerprint').dataset.fingerprint).toBe(FINGERPRINT);
    expect(screen.getByTestId('export-admin-ski').dataset.ski).toBe(ADMIN_SKI);
    expect(screen.getByTestId('download-pdf').textContent).toBe('Download the PDF');
    expect(screen.getByTestId('download-json').textContent).toBe('Download the JSON');
  });

  it('shows the report key password field only after the backend refuses, then sends it and clears it', async () => {
    const exportCall = vi.fn((request: { keyPassword?: string }) => (request.keyPassword ? ok(exported) : refused(KEYSTORE_REFUSAL)));
    const { reports, calls, store } = await loaded({ 'report:export': exportCall });
    render(ExportPanel, { reports });
    expect(screen.queryByLabelText('Report key password')).toBeNull();
    await fireEvent.click(screen.getByTestId('export-submit'));
    const field = (await screen.findByLabelText('Report key password')) as HTMLInputElement;
    expect(field.type).toBe('password');
    expect(field.getAttribute('autocomplete')).toBe('off');
    expect(screen.getByTestId('export-error').textContent).toContain(KEYSTORE_REFUSAL);
    expect(screen.getByTestId('export-key-password-asked').textContent).toContain('Enter the report key password in the form above');
    // The refusal also reached the notices, as every refusal does.
    expect(store.notices.map((n) => n.message)).toContain(KEYSTORE_REFUSAL);
    await waitFor(() => expect(document.activeElement).toBe(field));

    await fireEvent.input(field, { target: { value: 'report-key-pass-1' } });
    await fireEvent.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-result');
    expect(calls.filter((c) => c.channel === 'report:export').at(-1)?.request).toEqual({ rotationId: 'r-1', language: 'en', keyPassword: 'report-key-pass-1' });
    expect(field.value).toBe('');
    expect(document.body.innerHTML).not.toContain('report-key-pass-1');
    expect(screen.queryByTestId('export-error')).toBeNull();
  });

  it('clears the passwords even when the export fails', async () => {
    const { reports } = await loaded({ 'report:export': () => ({ ok: false, error: { code: 'failed', message: 'wrong password for the administrator signature key' } }) });
    reports.keyPasswordNeeded = true;
    render(ExportPanel, { reports });
    await fireEvent.click(screen.getByLabelText('Co-sign with a TKE administrator signature key'));
    await typeInto('Password of the signature key file', 'wr0ng-pass');
    await typeInto('Report key password', 'report-key-pass-1');
    await fireEvent.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-error');
    // Not a key password problem: no hint to enter one.
    expect(screen.queryByTestId('export-key-password-asked')).toBeNull();
    expect((screen.getByLabelText('Password of the signature key file') as HTMLInputElement).value).toBe('');
    expect((screen.getByLabelText('Report key password') as HTMLInputElement).value).toBe('');
    expect(document.body.innerHTML).not.toContain('wr0ng-pass');
  });

  it('downloads the exported PDF through a Blob and an <a download>', async () => {
    const { reports } = await loaded({ 'report:export': () => ok(exported), 'report:read-file': () => ok({ name: 'r-1-report.pdf', base64: btoa('%PDF-1.7 test') }) });
    const createObjectURL = vi.fn((blob: Blob) => (void blob, 'blob:report'));
    const revokeObjectURL = vi.fn();
    vi.stubGlobal('URL', Object.assign(URL, { createObjectURL, revokeObjectURL }));
    const clicked: { download: string; href: string }[] = [];
    const click = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(function (this: HTMLAnchorElement) {
      clicked.push({ download: this.download, href: this.href });
    });
    try {
      render(ExportPanel, { reports });
      await fireEvent.click(screen.getByTestId('export-submit'));
      await fireEvent.click(await screen.findByTestId('download-pdf'));
      await waitFor(() => expect(clicked).toEqual([{ download: 'r-1-report.pdf', href: 'blob:report' }]));
      const blob = createObjectURL.mock.calls[0]?.[0] as Blob;
      expect(blob.type).toBe('application/pdf');
      expect(await blob.text()).toBe('%PDF-1.7 test');
    } finally {
      click.mockRestore();
      vi.unstubAllGlobals();
    }
  });

  it('asks for the files this export wrote, by name (a second export of a rotation has its own pair)', async () => {
    const second = { ...exported, jsonPath: 'C:\\mkra\\reports\\r-1\\r-1-report-2.json', pdfPath: 'C:\\mkra\\reports\\r-1\\r-1-report-2.pdf' };
    const { reports, calls } = await loaded({ 'report:export': () => ok(second), 'report:read-file': () => ok({ name: 'r-1-report-2.json', base64: btoa('{}') }) });
    const save = vi.spyOn(HTMLAnchorElement.prototype, 'click').mockImplementation(() => undefined);
    try {
      render(ExportPanel, { reports });
      await fireEvent.click(screen.getByTestId('export-submit'));
      await fireEvent.click(await screen.findByTestId('download-json'));
      await waitFor(() => expect(calls.filter((c) => c.channel === 'report:read-file')).toHaveLength(1));
      expect(calls.find((c) => c.channel === 'report:read-file')?.request).toEqual({ rotationId: 'r-1', kind: 'json', name: 'r-1-report-2.json' });
    } finally {
      save.mockRestore();
    }
  });

  it('shows the operator name journaled from the plan, read-only, and does not send it again', async () => {
    const { reports, calls } = reportsWith({ 'rotation:list': () => ok([rotation({ rotationId: 'r-1', operator: 'Ada Lovelace' }), rotation({ rotationId: 'r-0', startedAt: '2024-12-01T00:00:00Z' })]), 'report:export': () => ok(exported) });
    await reports.loadRotations();
    render(ExportPanel, { reports });
    const field = screen.getByLabelText('Operator name (optional)') as HTMLInputElement;
    expect(field.value).toBe('Ada Lovelace');
    expect(field.readOnly).toBe(true);
    expect(screen.getByText(/Entered in the plan and recorded in the rotation's journal/)).toBeTruthy();
    await fireEvent.click(screen.getByTestId('export-submit'));
    await screen.findByTestId('export-result');
    expect(calls.filter((c) => c.channel === 'report:export').map((c) => c.request)).toEqual([{ rotationId: 'r-1', language: 'en' }]);
  });

  it('chooses the rotation History asked for', async () => {
    const { reports } = await loaded({});
    render(ExportPanel, { reports, preselect: 'r-0' });
    expect((screen.getByLabelText('Rotation') as HTMLSelectElement).value).toBe('r-0');
  });

  it('says "first use" of the report key password only while the key does not exist', async () => {
    const { reports } = await loaded({});
    reports.keyPasswordNeeded = true;
    reports.keyExists = true;
    render(ExportPanel, { reports });
    expect(screen.getByTestId('export-key-password-help').textContent).toContain('enter it to sign');
    expect(screen.getByTestId('report-export').textContent).not.toMatch(/first use|does not exist yet/i);
    reports.keyExists = false;
    await waitFor(() => expect(screen.getByTestId('export-key-password-help').textContent).toContain('does not exist yet'));
  });

  it('says so when there is nothing to report on', async () => {
    const { reports } = reportsWith({ 'rotation:list': () => ok([]) });
    await reports.loadRotations();
    render(ExportPanel, { reports });
    expect(screen.getByTestId('export-none').textContent).toContain('No rotation to report on yet');
  });
});

describe('PublicKeyPanel', () => {
  const key = { pem: '-----BEGIN PUBLIC KEY-----\nMCowBQYDK2VwAyEA\n-----END PUBLIC KEY-----\n', fingerprint: FINGERPRINT, osProtected: false };

  it('asks for the report key password after the quiet probe is refused, then shows the key and pin command', async () => {
    const { reports, calls, store } = reportsWith({ 'report:get-public-key': (request) => (request.keyPassword ? ok(key) : refused(KEYSTORE_REFUSAL)) });
    await reports.probeKey();
    expect(store.notices).toEqual([]);
    render(PublicKeyPanel, { reports });
    const field = screen.getByLabelText('Report key password') as HTMLInputElement;
    expect(field.type).toBe('password');
    await fireEvent.input(field, { target: { value: 'report-key-pass-1' } });
    await fireEvent.click(screen.getByTestId('key-show'));
    expect((await screen.findByTestId('key-fingerprint')).dataset.fingerprint).toBe(FINGERPRINT);
    expect(calls.at(-1)?.request).toEqual({ keyPassword: 'report-key-pass-1' });
    expect((screen.getByLabelText('Public key (PEM)') as HTMLTextAreaElement).value).toContain('BEGIN PUBLIC KEY');
    expect(screen.getByTestId('key-pin-command').textContent).toBe(`mkra verify --key ${FINGERPRINT} report.pdf`);
    expect(screen.getByTestId('key-protection').textContent).toContain('protected by a password');
    expect(document.body.innerHTML).not.toContain('report-key-pass-1');
  });

  it('asks for the password of an existing key without speaking of a first use', async () => {
    const { reports } = reportsWith({ 'report:get-key-status': () => ok({ exists: true, osKeystore: false }) });
    await reports.probeKey();
    render(PublicKeyPanel, { reports });
    expect(screen.getByLabelText('Report key password')).toBeTruthy();
    expect(screen.getByTestId('report-key').textContent).not.toMatch(/first use/i);
  });

  it('says the key does not exist yet before the first export', async () => {
    const { reports } = reportsWith({ 'report:get-key-status': () => ok({ exists: false, osKeystore: false }) });
    await reports.probeKey();
    render(PublicKeyPanel, { reports });
    expect(screen.getByTestId('key-not-created').textContent).toContain('does not exist yet');
    expect(screen.queryByLabelText('Report key password')).toBeNull();
  });

  it('shows the key at once where the OS keystore protects it', async () => {
    const { reports } = reportsWith({ 'report:get-public-key': () => ok({ ...key, osProtected: true }) });
    await reports.probeKey();
    render(PublicKeyPanel, { reports });
    expect(screen.queryByLabelText('Report key password')).toBeNull();
    expect(screen.getByTestId('key-protection').textContent).toContain('operating system keystore');
  });
});
