import { createHash } from 'node:crypto';
import { REPORT_LANGUAGES, type ReportLanguage } from '../../../shared/reports/index.js';
import type { FontVariant } from './pdf-font.js';
import { PdfFontError } from './pdf-font-error.js';
import { renderReportPdfVariant } from './pdf-lazy.js';
import { serializeSignedReport, type SignedReport } from './signed-format.js';

/** Whether a PDF is exactly what this renderer makes of its signed report. */
export type PagesComparison = { kind: 'identical' } | { kind: 'differ' } | { kind: 'cannot'; reason: string };

// Rendering takes about a second (the body font alone is megabytes), and the same report is
// often checked again: the last few renderings are kept. They depend only on their key.
const CACHE_SIZE = 8;
const renders = new Map<string, Promise<Uint8Array>>();

function render(signed: SignedReport, digest: string, language: ReportLanguage, variant: FontVariant): Promise<Uint8Array> {
  const key = `${digest} ${language} ${variant}`;
  const cached = renders.get(key);
  if (cached) {
    renders.delete(key);
    renders.set(key, cached);
    return cached;
  }
  const made = renderReportPdfVariant(signed, language, variant);
  renders.set(key, made);
  made.catch(() => renders.delete(key));
  for (const oldest of renders.keys()) {
    if (renders.size <= CACHE_SIZE) break;
    renders.delete(oldest);
  }
  return made;
}

const LANG_ENTRY = Buffer.from('/Lang (', 'latin1');

/** The language the catalog claims, tried first; only an ordering hint, the bytes decide. */
function languageOrder(pdf: Buffer): ReportLanguage[] {
  // One scan of the file for the catalog's /Lang entry, then its value (the file is megabytes).
  const at = pdf.indexOf(LANG_ENTRY);
  const start = at + LANG_ENTRY.length;
  const end = at < 0 ? -1 : pdf.indexOf(')', start, 'latin1');
  const named = end > start && end - start <= 16 ? pdf.toString('latin1', start, end) : '';
  const hinted = REPORT_LANGUAGES.find((language) => named === language);
  return hinted ? [hinted, ...REPORT_LANGUAGES.filter((language) => language !== hinted)] : [...REPORT_LANGUAGES];
}

/**
 * Re-creates the PDF of a verified signed report in each language and body font this renderer
 * can produce, and says whether one of them is byte for byte the given file.
 */
export async function comparePages(pdf: Uint8Array, signed: SignedReport): Promise<PagesComparison> {
  const file = Buffer.from(pdf.buffer, pdf.byteOffset, pdf.byteLength);
  const digest = createHash('sha256').update(serializeSignedReport(signed)).digest('hex');
  let fontProblem: string | undefined;
  try {
    for (const variant of ['bundled', 'standard'] as const) {
      for (const language of languageOrder(file)) {
        const expected = await render(signed, digest, language, variant).catch((error: unknown) => {
          if (error instanceof PdfFontError) return error;
          throw error;
        });
        if (expected instanceof PdfFontError) {
          fontProblem = expected.message;
          break;
        }
        if (file.equals(expected)) return { kind: 'identical' };
      }
    }
  } catch (error) {
    return { kind: 'cannot', reason: `the pages cannot be re-created here: ${error instanceof Error ? error.message.split('\n')[0] : String(error)}` };
  }
  if (fontProblem) return { kind: 'cannot', reason: `the pages cannot be re-created here to compare them: ${fontProblem}` };
  return { kind: 'differ' };
}
