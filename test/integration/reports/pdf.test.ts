import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PDFDocument, PDFName, PDFRawStream } from 'pdf-lib';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigKeyFile } from '../../../electron/backend/keyfiles/index.js';
import {
  createReport,
  exportNumber,
  exportReport,
  renderReportPdf,
  renderReportPdfVariant,
  signReport,
  verifyReportBytes,
  verifyReportFile,
  type SignedReport,
} from '../../../electron/backend/reports/index.js';
import type { ReportContent } from '../../../shared/reports/index.js';
import { keySource, seededEd25519, signWith, workstationHeader } from '../../fixtures/reports/forge.js';
import { OPERATOR, SECRETS, TempDirs, recoveryJournal, testKeyStore } from '../../fixtures/reports/journal-fixture.js';

const dirs = new TempDirs();
const root = join(import.meta.dirname, '..', '..', '..');
let out: { jsonPath: string; pdfPath: string };
let content: ReportContent;
let signed: SignedReport;
let fingerprint: string;

beforeAll(async () => {
  const dir = await dirs.make();
  const store = testKeyStore(dir);
  const { path: adminFile } = await createSigKeyFile(dir, { fileName: '1.sigkey', description: '佐藤 花子', password: SECRETS[0] });
  content = await createReport(await recoveryJournal(dir), { now: () => new Date('2026-11-28T21:00:00Z') });
  signed = await signReport(content, store, {
    adminKey: { file: adminFile, password: SECRETS[0] },
  });
  fingerprint = (await store.publicKey())?.fingerprint ?? '';
  out = await exportReport(join(dir, 'export'), signed, { language: 'ja' });
}, 180_000);
afterAll(() => dirs.cleanup());

function mkra(args: string[]): { code: number | null; stdout: string; stderr: string } {
  const result = spawnSync(process.execPath, [join(root, 'bin', 'mkra.js'), ...args], { encoding: 'utf8' });
  return { code: result.status, stdout: result.stdout, stderr: result.stderr };
}

/** Every stream of a PDF, decoded where pdf-lib knows the filter. */
async function decodedStreams(bytes: Uint8Array): Promise<Buffer[]> {
  const { decodePDFRawStream } = await import('pdf-lib');
  const doc = await PDFDocument.load(bytes);
  const streams: Buffer[] = [];
  for (const [, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream) streams.push(Buffer.from(decodePDFRawStream(object).decode()));
  }
  return streams;
}

describe('report export and mkra verify', () => {
  it('exports a JSON and a PDF that the built mkra verifies, naming both signers', { timeout: 240_000 }, () => {
    expect(out.pdfPath).toMatch(/-demo-report\.pdf$/);
    for (const file of [out.jsonPath, out.pdfPath]) {
      const result = mkra(['verify', file]);
      expect(result.code, result.stderr).toBe(0);
      expect(result.stdout).toContain(`Signer (report key) fingerprint: ${fingerprint}`);
      expect(result.stdout).toMatch(/Administrator co-signature: 佐藤 花子, SKI [0-9a-f]{64}/);
      expect(result.stdout).toContain('Mode: DEMO');
    }
    expect(mkra(['verify', '--key', fingerprint, out.pdfPath]).code).toBe(0);
    const other = mkra(['verify', '--key', 'cd'.repeat(32), out.pdfPath]);
    expect(other.code).toBe(1);
    expect(other.stderr).toMatch(/signed by a different key/);
  });

  it('marks a demo report as demo in the JSON and on the PDF pages', async () => {
    expect(JSON.parse(await readFile(out.jsonPath, 'utf8'))).toMatchObject({ payload: { mode: 'demo' } });
    const shown = (await decodedStreams(await readFile(out.pdfPath))).map((s) => s.toString('latin1')).join('\n');
    expect(shown).toContain(Buffer.from('Mode: DEMO - simulator, no real crypto unit was touched').toString('hex').toUpperCase());
    const doc = await PDFDocument.load(await readFile(out.pdfPath));
    expect(doc.getTitle()).toMatch(/\(DEMO\)$/);
  });

  it('finds none of the passwords typed during the rotation in any exported file', async () => {
    const pdf = await readFile(out.pdfPath);
    const haystacks = [await readFile(out.jsonPath), pdf, ...(await decodedStreams(pdf))];
    expect(haystacks.length).toBeGreaterThan(5);
    for (const secret of SECRETS) {
      for (const encoded of [Buffer.from(secret, 'utf8'), Buffer.from(secret, 'utf16le'), Buffer.from(Buffer.from(secret).toString('hex'))]) {
        for (const haystack of haystacks) expect(haystack.includes(encoded), secret).toBe(false);
      }
    }
  });

  it('rejects every sampled single-byte change of the embedded report.json', async () => {
    const pdf = await PDFDocument.load(await readFile(out.pdfPath));
    const json = Buffer.from(await readFile(out.jsonPath));
    const ef = findEmbeddedFile(pdf);
    const step = Math.floor(json.length / 60);
    let checked = 0;
    for (let position = 0; position < json.length; position += step) {
      const changed = Buffer.from(json);
      changed[position] = (changed[position] ?? 0) === 0x61 ? 0x62 : 0x61;
      pdf.context.assign(ef.ref, pdf.context.flateStream(changed, { Type: 'EmbeddedFile', Subtype: 'application/json' }));
      const result = await verifyReportBytes(await pdf.save());
      expect(result.exitCode, `byte ${position}`).not.toBe(0);
      checked++;
    }
    expect(checked).toBeGreaterThanOrEqual(60);
  });

  it('rejects raw byte changes inside the compressed attachment stream', async () => {
    const bytes = await readFile(out.pdfPath);
    const text = bytes.toString('latin1');
    const dict = text.indexOf('/Type /EmbeddedFile');
    const start = text.indexOf('stream\n', dict) + 'stream\n'.length;
    const end = text.indexOf('endstream', start) - 10; // keep clear of the checksum and padding bits
    expect(dict).toBeGreaterThan(0);
    for (let position = start; position < end; position += Math.max(1, Math.floor((end - start) / 50))) {
      const changed = Buffer.from(bytes);
      changed[position] = (changed[position] ?? 0) ^ 0xff;
      expect((await verifyReportBytes(changed)).exitCode, `byte ${position}`).not.toBe(0);
    }
  });

  it('rejects a PDF whose attachment was replaced by another valid report: the pages no longer match', { timeout: 120_000 }, async () => {
    const dir = await dirs.make();
    const other = await signReport({ ...content, outcome: 'aborted' }, testKeyStore(dir));
    const otherPdf = await exportReport(join(dir, 'other'), other);
    const doc = await PDFDocument.load(await readFile(out.pdfPath));
    const ef = findEmbeddedFile(doc);
    doc.context.assign(ef.ref, doc.context.flateStream(await readFile(otherPdf.jsonPath), { Type: 'EmbeddedFile', Subtype: 'application/json' }));
    const result = await verifyReportBytes(await doc.save({ useObjectStreams: false }));
    expect(result).toMatchObject({ exitCode: 1, problem: 'pages-differ', reason: expect.stringMatching(/visible pages do not match the signed content/) });
  });

  it('exports the same rotation again (Japanese after English) as its own pair of files, overwriting nothing', { timeout: 240_000 }, async () => {
    const dir = await dirs.make();
    const first = await exportReport(dir, signed, { language: 'en' });
    const before = [await readFile(first.jsonPath), await readFile(first.pdfPath)];
    const again = await signReport(content, testKeyStore(dir));
    const second = await exportReport(dir, again, { language: 'ja' });
    expect(first.pdfPath).toMatch(/-demo-report\.pdf$/);
    expect(second.pdfPath).toMatch(/-demo-report-2\.pdf$/);
    expect(second.jsonPath).toMatch(/-demo-report-2\.json$/);
    expect([await readFile(first.jsonPath), await readFile(first.pdfPath)]).toEqual(before);
    for (const path of [first.pdfPath, second.pdfPath]) expect(await verifyReportFile(path)).toMatchObject({ exitCode: 0, pages: 'identical' });
    const third = await exportReport(dir, signed, { language: 'ja' });
    expect(third.pdfPath).toMatch(/-demo-report-3\.pdf$/);
    expect([exportNumber(first.pdfPath, 'pdf'), exportNumber(second.jsonPath, 'json'), exportNumber(third.pdfPath, 'pdf'), exportNumber('x-report.txt', 'pdf')]).toEqual([1, 2, 3, undefined]);
  });

  it('verifies a PDF of another renderer version only with a loud warning and the signed facts to compare', { timeout: 120_000 }, async () => {
    const dir = await dirs.make();
    const key = seededEd25519('another renderer');
    const current = await signReport(content, keySource(key));
    const payload = { ...current.payload, signing: { ...current.payload.signing, pdfRenderer: 'mkra-pdf/0 (an earlier renderer)' } };
    const older: SignedReport = { ...current, payload, signatures: [signWith(payload, key.privateKey, workstationHeader(key))] };
    const path = join(dir, 'older.pdf');
    await writeFile(path, await renderReportPdfVariant(older, 'en', 'bundled'));
    expect(await verifyReportFile(path)).toMatchObject({ exitCode: 0, pages: 'not-checked' });
    const result = mkra(['verify', '--key', key.fingerprint, path]);
    expect(result.code, result.stderr).toBe(0);
    expect(result.stdout).toMatch(/^VALID \(signed report\.json only; the pages were NOT checked\)/);
    expect(result.stdout).toContain('WARNING: THE PAGES OF THIS PDF WERE NOT CHECKED. It names PDF renderer "mkra-pdf/0 (an earlier renderer)"');
    expect(result.stdout).toContain('Signed facts (compare them with the pages):\n  Rotation ID: ');
    expect(result.stdout).toContain('  Outcome: completed');
    expect(result.stderr).toMatch(/^mkra verify: WARNING: .*THE PAGES OF THIS PDF WERE NOT CHECKED/);
    const current2 = mkra(['verify', out.pdfPath]);
    expect(current2.stdout).toContain('Pages: identical to the PDF made from the signed report');
    expect(current2.stdout).not.toContain('WARNING');
  });

  it('names a second embedded file as tampering and refuses to render a report of another renderer', async () => {
    const bytes = await readFile(out.pdfPath);
    const doc = await PDFDocument.load(bytes);
    await doc.attach(await readFile(out.jsonPath), 'copy.json', { mimeType: 'application/json' });
    expect(await verifyReportBytes(await doc.save({ useObjectStreams: false }))).toMatchObject({ exitCode: 1, reason: expect.stringMatching(/more than one embedded file/) });
    const payload = { ...signed.payload, signing: { ...signed.payload.signing, pdfRenderer: 'mkra-pdf/0' } };
    await expect(renderReportPdf({ ...signed, payload })).rejects.toThrow(/names PDF renderer mkra-pdf\/0/);
  });

  it('gives exit 2 for a PDF without report.json and for a truncated PDF', async () => {
    const plain = await PDFDocument.create();
    plain.addPage();
    const dir = await dirs.make();
    await writeFile(join(dir, 'plain.pdf'), await plain.save());
    expect(mkra(['verify', join(dir, 'plain.pdf')])).toMatchObject({ code: 2, stderr: expect.stringMatching(/no report\.json attachment/) });
    const bytes = await readFile(out.pdfPath);
    await writeFile(join(dir, 'cut.pdf'), bytes.subarray(0, Math.floor(bytes.length / 3)));
    const cut = await verifyReportFile(join(dir, 'cut.pdf'));
    expect(cut.exitCode).toBe(2);
  });

  it('renders page 1 with pdftoppm for a person to look at', { timeout: 120_000 }, async (context) => {
    if (!existsSync('/usr/bin/pdftoppm')) {
      console.log('skipped: /usr/bin/pdftoppm not installed (apt-get install poppler-utils)');
      context.skip();
    }
    const screens = join(root, 'test-results', 'screens');
    await mkdir(screens, { recursive: true });
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', out.pdfPath, join(screens, 'report-page1')]);
    expect(existsSync(join(screens, 'report-page1.png'))).toBe(true);
    const en = await exportReport(await dirs.make(), signed, { language: 'en' });
    execFileSync('/usr/bin/pdftoppm', ['-png', '-r', '60', '-f', '1', '-l', '1', '-singlefile', en.pdfPath, join(screens, 'report-page1-en')]);
    // The text layer must carry the operator's Japanese name (poppler maps glyphs back via ToUnicode).
    const text = execFileSync('/usr/bin/pdftotext', [out.pdfPath, '-'], { encoding: 'utf8' });
    expect(text).toContain(OPERATOR.split(' ')[0]);
  });
});

function findEmbeddedFile(doc: PDFDocument): { ref: ReturnType<PDFDocument['context']['register']> } {
  for (const [ref, object] of doc.context.enumerateIndirectObjects()) {
    if (object instanceof PDFRawStream && object.dict.get(PDFName.of('Type')) === PDFName.of('EmbeddedFile')) return { ref };
  }
  throw new Error('no embedded file stream');
}
