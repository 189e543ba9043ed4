import { degrees, PDFDocument, rgb, StandardFonts, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import { keyFactLines, modeBanner, reportLabels, type ReportContent, type ReportLabels, type ReportLanguage, type SignedPayload } from '../../../shared/reports/index.js';
import { embedBodyFont, type FontVariant } from './pdf-font.js';
import { PdfFontError } from './pdf-font-error.js';
import { ATTACHMENT_NAME } from './pdf-attachment.js';
import { ALERT, MUTED, PdfFlow } from './pdf-layout.js';
import { PDF_RENDERER } from './pdf-renderer-id.js';
import { serializeSignedReport, type SignedReport } from './signed-format.js';

export interface RenderOptions {
  language?: ReportLanguage;
}

function section(flow: PdfFlow, title: string, lines: string[], none: string): void {
  flow.heading(title);
  if (lines.length === 0) flow.text(none, { color: MUTED });
  for (const line of lines) flow.text(line, { indent: 6 });
}

function overview(flow: PdfFlow, c: ReportContent, l: ReportLabels): void {
  const rows: [string, string][] = [
    [l.rotation, c.rotationId],
    [l.instance, c.instanceId ?? l.none],
    [l.flow, c.flow],
    [l.mode, modeBanner(c.mode)],
    [l.operator, c.operator ?? l.none],
    [l.workstation, `${c.workstation.host} / ${c.workstation.user}`],
    [l.started, c.startedAt],
    [l.ended, c.endedAt ?? l.none],
    [l.outcome, c.outcome ?? l.none],
    ...(c.imported ? [[l.imported, c.imported.files.map((f) => `${f.name} (sha256 ${f.sha256})`).join(', ')] as [string, string]] : []),
  ];
  flow.heading(l.summary);
  flow.table([0.3, 0.7], rows.map(([k, v]) => [k, v]));
}

function commandsTable(flow: PdfFlow, c: ReportContent, l: ReportLabels): void {
  flow.heading(l.commands);
  if (c.commands.length === 0) flow.text(l.none, { color: MUTED });
  else
    flow.table(
      [0.22, 0.46, 0.1, 0.22],
      c.commands.map((cmd) => [cmd.time, cmd.command, cmd.exitCode === null ? (cmd.signal ?? '-') : String(cmd.exitCode), cmd.finishedAt ?? '-']),
      l.commandColumns,
    );
}

function registersSection(flow: PdfFlow, c: ReportContent, l: ReportLabels): void {
  flow.heading(l.registers);
  if (c.registers.length === 0) flow.text(l.none, { color: MUTED });
  for (const reading of c.registers) {
    flow.text(`${reading.time} (journal entry ${reading.seq})`, { color: MUTED });
    for (const u of reading.units) {
      flow.text(`Unit ${u.num} ${u.type}: current ${u.current.state} ${u.current.vp || '-'} | new ${u.new.state} ${u.new.vp || '-'}`, { indent: 8, size: 8 });
    }
  }
}

/** Classifier phases that report a failure: the only classification lines drawn in red. */
const FAILURE_PHASES: ReadonlySet<string> = new Set(['failed-before-new-key', 'rewrap-interrupted', 'partially-promoted', 'indeterminate', 'precheck-failed', 'auth-expired']);
/** An evidence line that quotes a failure (a FAILED line, an error), drawn in red; the rest is muted. */
const FAILURE_LINE = /\bFAILED\b|\berror\b|\binterrupted\b|\bexit (?:code )?[1-9]/i;

type Evidence = ReportContent['classifications'][number]['evidence'][number];
const place = (e: Evidence) => `${e.file}:${e.line}`;

/** Identical evidence texts of one file cited at several lines, grouped in the order first cited. */
function groupEvidence(items: readonly Evidence[]): { text: string; places: string[] }[] {
  const groups = new Map<string, { text: string; places: string[] }>();
  for (const e of items) {
    const key = `${e.file}\u0000${e.text}`;
    const group = groups.get(key) ?? { text: e.text, places: [] };
    group.places.push(place(e));
    groups.set(key, group);
  }
  return [...groups.values()];
}

export type ReportLine = { text: string; style: { indent?: number; size?: number; color?: RGB } };

/**
 * The classifications' lines, each with what is new in it: forbidden commands and evidence already
 * given by an earlier classification are named or counted, not repeated; identical evidence lines
 * are grouped (×N, first and last place). Red marks failures only: a failure phase and a line
 * quoting a failure.
 */
export function classificationLines(c: ReportContent, l: ReportLabels): ReportLine[] {
  const out: ReportLine[] = [];
  const small = (text: string, color?: RGB): ReportLine => ({ text, style: { indent: 8, size: 8, ...(color ? { color } : {}) } });
  const forbiddenSeen = new Set<string>();
  const evidenceSeen = new Set<string>();
  for (const k of c.classifications) {
    out.push({ text: `${k.time}  ${k.phase}${k.reason ? ` (${k.reason})` : ''}`, style: FAILURE_PHASES.has(k.phase) ? { color: ALERT } : {} });
    for (const a of k.next) out.push(small(`${l.next}: ${a.command} - ${a.why}`));
    const knownForbidden: string[] = [];
    for (const a of k.forbidden) {
      const key = `${a.command}\u0000${a.why}`;
      if (forbiddenSeen.has(key)) knownForbidden.push(a.command);
      else out.push(small(`${l.forbidden}: ${a.command} - ${a.why}`));
      forbiddenSeen.add(key);
    }
    if (knownForbidden.length > 0) out.push(small(l.forbiddenAsAbove(knownForbidden.join(', ')), MUTED));
    const fresh = k.evidence.filter((e) => !evidenceSeen.has(`${place(e)}\u0000${e.text}`));
    for (const group of groupEvidence(fresh)) {
      const [first = '', last = ''] = [group.places[0], group.places.at(-1)];
      const where = group.places.length === 1 ? first : l.repeated(group.places.length, first, last);
      out.push(small(`${l.evidence}: ${where}  ${group.text}`, FAILURE_LINE.test(group.text) ? ALERT : MUTED));
    }
    const repeated = k.evidence.length - fresh.length;
    if (repeated > 0) out.push(small(l.evidenceAsAbove(repeated), MUTED));
    for (const e of k.evidence) evidenceSeen.add(`${place(e)}\u0000${e.text}`);
  }
  return out;
}

function classificationsSection(flow: PdfFlow, c: ReportContent, l: ReportLabels): void {
  flow.heading(l.classifications);
  if (c.classifications.length === 0) flow.text(l.none, { color: MUTED });
  for (const line of classificationLines(c, l)) flow.text(line.text, line.style);
}

function body(flow: PdfFlow, c: ReportContent, l: ReportLabels): void {
  section(flow, l.prechecks, c.prechecks.map((p) => `${p.time}  ${p.phase}: ${p.failedChecks.join(', ') || 'no failed check named'}`), l.none);
  commandsTable(flow, c, l);
  section(flow, l.prompts, c.prompts.map((p) => `${p.time}  ${p.kind}: ${p.answer}`), l.none);
  section(flow, l.milestones, c.milestones.map((m) => `${m.time}  ${m.id}: ${m.text}`), l.none);
  registersSection(flow, c, l);
  classificationsSection(flow, c, l);
  flow.heading(l.decisions);
  if (c.decisions.length === 0) flow.text(l.none, { color: MUTED });
  for (const d of c.decisions) flow.text(`${d.time}  ${d.override ? `[${l.override}] ` : ''}${d.what}`, d.override ? { color: ALERT } : {});
  if (c.recoveries.length > 0) section(flow, l.recoveries, c.recoveries.map((r) => `${r.time}  line ${r.line}, ${r.bytes} bytes dropped`), l.none);
  flow.heading(l.journal);
  flow.text(`${c.journal.entryCount} entries, ${c.journal.status}${c.journal.verified ? '' : ' (DID NOT VERIFY)'}: ${c.journal.reason}`, c.journal.verified ? {} : { color: ALERT });
  flow.text(`Final hash: ${c.journal.finalHash}`);
}

function watermark(text: string, font: PDFFont): (page: PDFPage) => void {
  return (page) => page.drawText(text, { x: 140, y: 260, size: 96, font, rotate: degrees(40), color: rgb(0.85, 0.2, 0.2), opacity: 0.12 });
}

function signatures(flow: PdfFlow, c: SignedPayload, l: ReportLabels): void {
  flow.heading(l.signatures);
  flow.text(`Report key (Ed25519) fingerprint: ${c.signing.reportKey}`);
  if (c.signing.coSigner) flow.text(`Administrator co-signature (ES512): ${c.signing.coSigner.name}, SKI ${c.signing.coSigner.ski}`);
  flow.text(`PDF renderer: ${c.signing.pdfRenderer}`, { color: MUTED, size: 8 });
  flow.heading(l.howToVerify);
  flow.text(l.howToVerifyText(c.signing.reportKey));
}

/**
 * Renders a signed report as a PDF with the given body font. The bytes depend on nothing but the
 * signed report, the language and the font: no clock, no random names, objects in a fixed order.
 * `mkra verify` relies on that to re-create a PDF and compare it byte for byte.
 */
export async function renderReportPdfVariant(signed: SignedReport, language: ReportLanguage, variant: FontVariant): Promise<Uint8Array> {
  const c = signed.payload;
  const l = reportLabels(language);
  // updateMetadata would stamp the wall clock into the file.
  const doc = await PDFDocument.create({ updateMetadata: false });
  const when = new Date(c.generatedAt);
  const dated: { creationDate?: Date; modificationDate?: Date } = Number.isNaN(when.getTime()) ? {} : { creationDate: when, modificationDate: when };
  doc.setTitle(`${l.title} ${c.rotationId}${c.mode === 'live' ? '' : ` (${c.mode.toUpperCase()})`}`);
  doc.setCreator('MK Rotation Assistant');
  doc.setProducer(`MK Rotation Assistant, ${c.signing.pdfRenderer}`);
  doc.setLanguage(language);
  if (dated.creationDate) {
    doc.setCreationDate(dated.creationDate);
    doc.setModificationDate(dated.creationDate);
  }
  const font = await embedBodyFont(doc, variant);
  const mono = await doc.embedFont(StandardFonts.Courier);
  const notLive = c.mode !== 'live';
  const flow = new PdfFlow(doc, font, mono, notLive ? watermark(c.mode.toUpperCase(), font.font) : undefined);
  // The banner word is drawn in the body font; the key facts in Courier, exactly as signed.
  flow.text(l.title, { size: 18 });
  flow.gap(8);
  if (notLive) flow.band(`${c.mode.toUpperCase()} - ${l.notLive}`, ALERT);
  if (font.fallback) flow.text(font.fallback, { color: ALERT, size: 8 });
  overview(flow, c, l);
  flow.heading(l.keyFacts);
  flow.text(l.keyFactsNote, { size: 8, color: MUTED });
  for (const line of keyFactLines(c)) flow.monoLine(line);
  body(flow, c, l);
  signatures(flow, c, l);
  flow.footers(`${c.rotationId}${notLive ? ` - ${c.mode.toUpperCase()}` : ''}`);
  await doc.attach(new TextEncoder().encode(serializeSignedReport(signed)), ATTACHMENT_NAME, {
    mimeType: 'application/json',
    description: 'Signed report (General JWS JSON over RFC 8785 JSON): check it with mkra verify',
    ...dated,
  });
  // Plain objects and a classic cross-reference table: no compressed object streams to unpack.
  return doc.save({ useObjectStreams: false });
}

/**
 * Renders a signed report as a PDF: readable sections, a DEMO/TRAINING band when not live, the
 * key facts, how to verify, and the signed JSON attached as report.json. Falls back to Helvetica
 * (and says so on the page) when the bundled font cannot be loaded.
 */
export async function renderReportPdf(signed: SignedReport, options: RenderOptions = {}): Promise<Uint8Array> {
  if (signed.payload.signing.pdfRenderer !== PDF_RENDERER) throw new Error(`this report names PDF renderer ${signed.payload.signing.pdfRenderer}, not ${PDF_RENDERER}: re-sign it to render it here`);
  const language = options.language ?? 'en';
  try {
    return await renderReportPdfVariant(signed, language, 'bundled');
  } catch (error) {
    if (!(error instanceof PdfFontError)) throw error;
    return renderReportPdfVariant(signed, language, 'standard');
  }
}
