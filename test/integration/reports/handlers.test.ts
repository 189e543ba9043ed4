/** The report channels over a real backend context: export twice, download each export, verify. */
import { readFile, rm } from 'node:fs/promises';
import { basename } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';
import { reportHandlers } from '../../../electron/backend/handlers/reports.js';
import { resolveEnvironment } from '../../../electron/backend/backend.js';
import { buildInvocation } from '../../../electron/backend/runner/tke-invocation.js';
import { SettingsStore } from '../../../electron/backend/settings.js';
import { ROTATION_ID, recoveryJournal } from '../../fixtures/reports/journal-fixture.js';
import { createHarness } from '../rotation/harness.js';

const KEY_PASSWORD = 'report-key-Pa55word';
const h = await createHarness();
afterAll(() => rm(h.dataDir, { recursive: true, force: true }));

function handlers() {
  const info = resolveEnvironment({ host: 'browser', env: { PATH: process.env.PATH ?? '' }, dataDir: h.dataDir, forceDemo: true, name: 'n', version: '0' });
  return reportHandlers({
    info,
    dataDir: h.dataDir,
    rotations: h.service,
    settings: new SettingsStore(h.dataDir),
    invocation: () => buildInvocation({ info, env: {}, simDir: h.simDir }),
    emit: () => undefined,
    secretBox: null,
  });
}

describe('report channels', () => {
  it('exports a rotation in English and then in Japanese as two pairs of files, and sends each by name', { timeout: 300_000 }, async () => {
    await recoveryJournal(h.dataDir);
    const report = handlers();
    const english = await report['report:export']({ rotationId: ROTATION_ID, language: 'en', keyPassword: KEY_PASSWORD });
    const englishPdf = await readFile(english.pdfPath);
    const japanese = await report['report:export']({ rotationId: ROTATION_ID, language: 'ja', keyPassword: KEY_PASSWORD });
    expect(basename(english.pdfPath)).toBe(`${ROTATION_ID}-demo-report.pdf`);
    expect(basename(japanese.pdfPath)).toBe(`${ROTATION_ID}-demo-report-2.pdf`);
    expect(await readFile(english.pdfPath)).toEqual(englishPdf);

    const first = await report['report:read-file']({ rotationId: ROTATION_ID, kind: 'pdf', name: basename(english.pdfPath) });
    expect(Buffer.from(first.base64, 'base64')).toEqual(englishPdf);
    const latest = await report['report:read-file']({ rotationId: ROTATION_ID, kind: 'json' });
    expect(latest.name).toBe(basename(japanese.jsonPath));
    await expect(report['report:read-file']({ rotationId: ROTATION_ID, kind: 'pdf', name: '../../report-key/report-key.json' })).rejects.toThrow(/No exported report named/);
    await expect(report['report:read-file']({ rotationId: ROTATION_ID, kind: 'pdf', name: basename(japanese.jsonPath) })).rejects.toThrow(/No exported report named/);

    const pdf = await report['report:read-file']({ rotationId: ROTATION_ID, kind: 'pdf', name: basename(japanese.pdfPath) });
    const verdict = await report['report:verify']({ file: { name: pdf.name, base64: pdf.base64 }, pinnedFingerprint: japanese.fingerprint });
    expect(verdict).toMatchObject({ status: 'valid', pinned: true, pages: 'identical', facts: expect.arrayContaining([`Rotation ID: ${ROTATION_ID}`]) });
    const json = await report['report:verify']({ file: { name: latest.name, base64: latest.base64 } });
    expect(json).toMatchObject({ status: 'valid', pinned: false, pages: 'none' });
  });
});
