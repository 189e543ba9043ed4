/**
 * Tamper campaign, report PDF: thousands of single-byte changes spread over the whole file with
 * every page content stream hit, then forged visible content (overdrawn key facts, demo made to
 * read live, a changed outcome, pages added and removed, incremental updates, swapped and added
 * attachments), truncation and an oversized file. Fixed seed, bounded counts, figures printed.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync } from 'node:fs';
import { open, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createSigKeyFile } from '../../../electron/backend/keyfiles/index.js';
import { createReport, MAX_REPORT_BYTES, renderReportPdf, serializeSignedReport, signReport, verifyReportBytes, type SignedReport } from '../../../electron/backend/reports/index.js';
import type { ReportContent } from '../../../shared/reports/index.js';
import { Campaign, otherByte, seededRandom } from '../../fixtures/reports/campaign.js';
import { freshKey, keySource, seededEd25519 } from '../../fixtures/reports/forge.js';
import { TempDirs, recoveryJournal } from '../../fixtures/reports/journal-fixture.js';
import { contentStreamRanges, overdrawIncremental, overdrawResaved, withAttachment, withExtraPage, withoutLastPage, withSecondAttachment } from '../../fixtures/reports/pdf-tamper.js';

const dirs = new TempDirs();
const root = join(import.meta.dirname, '..', '..', '..');
const ws = seededEd25519('tamper campaign workstation (pdf)');
const OUTCOME = 'Outcome: completed';
const MODE = 'Mode: DEMO - simulator, no real crypto unit was touched';
let content: ReportContent;
let report: SignedReport;
let pdf: Uint8Array;
let adminFile: string;

beforeAll(async () => {
  const dir = await dirs.make();
  content = await createReport(await recoveryJournal(dir), { now: () => new Date('2026-11-28T21:00:00Z') });
  adminFile = (await createSigKeyFile(dir, { fileName: 'admin.sigkey', description: 'PDF Admin', password: 'campaign-pw' })).path;
  report = await signReport(content, keySource(ws), { adminKey: { file: adminFile, password: 'campaign-pw' } });
  pdf = await renderReportPdf(report, { language: 'ja' });
}, 180_000);
afterAll(() => dirs.cleanup());

/** Positions spread over the whole file, every content stream densely, the head and tail whole. */
function positions(length: number, streams: { start: number; end: number }[], random: () => number): number[] {
  const chosen = new Set<number>();
  // About 500 positions in each content stream (every byte of a small one), its first and last included.
  for (const { start, end } of streams) {
    const step = Math.max(1, Math.floor((end - start) / 500));
    for (let at = start; at < end; at += step) chosen.add(at);
    chosen.add(end - 1);
  }
  for (let i = 0; i < 256; i++) {
    chosen.add(i);
    chosen.add(length - 1 - i);
  }
  const spread = 2600;
  for (let i = 0; i < spread; i++) chosen.add(Math.min(length - 1, Math.floor(((i + random()) * length) / spread)));
  return [...chosen].sort((a, b) => a - b);
}

function pdftotext(bytes: Uint8Array, dir: string, name: string): Promise<string | undefined> {
  if (!existsSync('/usr/bin/pdftotext')) return Promise.resolve(undefined);
  const path = join(dir, name);
  return writeFile(path, bytes).then(() => execFileSync('/usr/bin/pdftotext', ['-f', '1', '-l', '1', path, '-'], { encoding: 'utf8' }));
}

describe('tamper campaign: report PDF', () => {
  it('changes thousands of bytes across the whole PDF, every page content stream included: none verifies', { timeout: 1_200_000 }, async () => {
    const bytes = Buffer.from(pdf);
    expect(await verifyReportBytes(bytes, { pinnedKey: ws.fingerprint })).toMatchObject({ exitCode: 0, pages: 'identical' });
    const streams = await contentStreamRanges(bytes);
    const random = seededRandom(0x504446);
    const chosen = positions(bytes.length, streams, random);
    const campaign = new Campaign('PDF, single-byte changes');
    const hits = streams.map(() => 0);
    for (const position of chosen) {
      const original = bytes[position] ?? 0;
      bytes[position] = otherByte(original, random);
      campaign.record(`byte ${position}`, await verifyReportBytes(bytes));
      bytes[position] = original;
      streams.forEach((s, i) => void (position >= s.start && position < s.end && hits[i]!++));
    }
    campaign.print({ 'file bytes': bytes.length, 'positions tried': chosen.length, 'bytes flipped': campaign.tried, 'page content streams': streams.length, 'fewest hits in a content stream': Math.min(...hits) });
    expect(chosen.length).toBeGreaterThanOrEqual(3000);
    expect(Math.min(...hits)).toBeGreaterThanOrEqual(300);
    expect(campaign.verified).toEqual([]);
  });

  it('forged visible content, pages and attachments: none verifies, pinned or not', { timeout: 900_000 }, async () => {
    const dir = await dirs.make();
    const attacker = freshKey('ed25519');
    const genuineJson = Buffer.from(serializeSignedReport(report), 'utf8');
    const live = await signReport({ ...content, mode: 'live' }, keySource(attacker));
    const failed = await signReport({ ...content, outcome: 'failed' }, keySource(attacker));
    const sameKeyOther = await signReport({ ...content, outcome: 'aborted' }, keySource(ws), { adminKey: { file: adminFile, password: 'campaign-pw' } });
    const resignedJson = Buffer.from(serializeSignedReport(await signReport(content, keySource(attacker))), 'utf8');
    const forged: Record<string, Uint8Array> = {
      'outcome key fact overdrawn (white box, new text), re-saved': await overdrawResaved(pdf, OUTCOME, 'Outcome: failed'),
      'outcome key fact overdrawn as an incremental update': await overdrawIncremental(pdf, OUTCOME, 'Outcome: failed'),
      'demo key fact overdrawn to read LIVE, incremental update': await overdrawIncremental(pdf, MODE, 'Mode: LIVE'),
      'incremental update that redraws the same text': await overdrawIncremental(pdf, OUTCOME, OUTCOME),
      'demo report re-rendered as LIVE, genuine report.json attached': await withAttachment(await renderReportPdf(live, { language: 'ja' }), genuineJson),
      'summary outcome changed (re-rendered), genuine report.json attached': await withAttachment(await renderReportPdf(failed, { language: 'ja' }), genuineJson),
      'an extra page': await withExtraPage(pdf, 'Addendum: the rotation was approved by the CISO.'),
      'the last page removed': await withoutLastPage(pdf),
      'report.json replaced by another valid report of the same key': await withAttachment(pdf, Buffer.from(serializeSignedReport(sameKeyOther), 'utf8')),
      'report.json re-signed by another key, pages kept': await withAttachment(pdf, resignedJson),
      'report.json with the co-signature stripped': await withAttachment(pdf, Buffer.from(serializeSignedReport({ ...report, signatures: report.signatures.slice(0, 1) }), 'utf8')),
      'a second attachment beside report.json': await withSecondAttachment(pdf, genuineJson),
      'the same PDF re-saved with object streams': await withAttachment(pdf, genuineJson, { objectStreams: true }),
      'report.json replaced by 20 MB that inflate from a few kilobytes': await withAttachment(pdf, Buffer.alloc(20 * 1024 * 1024, 0x20)),
    };
    const campaign = new Campaign('PDF, forged content');
    for (const [name, bytes] of Object.entries(forged)) {
      campaign.record(`${name} (unpinned)`, await verifyReportBytes(bytes));
      campaign.record(`${name} (--key)`, await verifyReportBytes(bytes, { pinnedKey: ws.fingerprint }));
    }
    campaign.print({ 'forged PDFs': Object.keys(forged).length });
    expect(campaign.verified).toEqual([]);
    // The forgeries are real: a PDF reader shows the forged words.
    const shown = await pdftotext(forged['outcome key fact overdrawn as an incremental update']!, dir, 'incremental.pdf');
    if (shown !== undefined) expect(shown).toContain('Outcome: failed');
    const relabelled = await pdftotext(forged['demo report re-rendered as LIVE, genuine report.json attached']!, dir, 'live.pdf');
    if (relabelled !== undefined) expect(relabelled).toContain('Mode: LIVE');
    expect(await verifyReportBytes(forged['outcome key fact overdrawn as an incremental update']!)).toMatchObject({ exitCode: 1, problem: 'pages-differ' });
    expect(await verifyReportBytes(forged['report.json with the co-signature stripped']!)).toMatchObject({ exitCode: 1, problem: 'cosignature-missing' });
    expect(await verifyReportBytes(forged['report.json replaced by 20 MB that inflate from a few kilobytes']!)).toMatchObject({ exitCode: 2, reason: expect.stringMatching(/larger than/) });
  });

  it('cuts the PDF at hundreds of points: none verifies', { timeout: 600_000 }, async () => {
    const campaign = new Campaign('PDF, truncated');
    const cuts = new Set<number>([0, 1, 5, pdf.length - 1, pdf.length - 7]);
    for (let i = 1; i < 300; i++) cuts.add(Math.floor((i * pdf.length) / 300));
    for (const cut of cuts) campaign.record(`cut at ${cut}`, await verifyReportBytes(pdf.subarray(0, cut)));
    campaign.print({ 'cut points': cuts.size });
    expect(campaign.verified).toEqual([]);
  });

  it('refuses a file over the size limit with exit 2 before reading it (a sparse file of 1 GiB)', { timeout: 120_000 }, async () => {
    const dir = await dirs.make();
    const huge = join(dir, 'huge.pdf');
    const handle = await open(huge, 'w');
    await handle.write(Buffer.from(pdf.subarray(0, 1024)), 0, 1024, 0);
    await handle.truncate(1024 * 1024 * 1024);
    await handle.close();
    expect(1024 * 1024 * 1024).toBeGreaterThan(MAX_REPORT_BYTES);
    const result = spawnSync(process.execPath, [join(root, 'bin', 'mkra.js'), 'verify', huge], { encoding: 'utf8' });
    expect(result.status).toBe(2);
    expect(result.stderr).toMatch(/too large \(1073741824 bytes\)/);
  });
});
