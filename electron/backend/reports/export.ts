import { mkdir } from 'node:fs/promises';
import { join } from 'node:path';
import type { ReportLanguage } from '../../../shared/reports/index.js';
import { createFileAtomic } from '../secure/atomic-write.js';
import { renderReportPdf } from './pdf-render.js';
import { serializeSignedReport, type SignedReport } from './signed-format.js';

/**
 * Writes `<rotationId>-report.json` and `<rotationId>-report.pdf` into `dir` (atomic, never over an
 * existing file; a demo or training report's names say so) and returns their paths.
 */
export async function exportReport(dir: string, signed: SignedReport, options: { language?: ReportLanguage } = {}): Promise<{ jsonPath: string; pdfPath: string }> {
  const c = signed.payload;
  const base = `${c.rotationId.replace(/[^A-Za-z0-9._-]/g, '_')}${c.mode === 'live' ? '' : `-${c.mode}`}-report`;
  // A directory the user chose keeps its permissions; only one created here gets 0700.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const jsonPath = join(dir, `${base}.json`);
  const pdfPath = join(dir, `${base}.pdf`);
  const pdf = await renderReportPdf(signed, options);
  await createFileAtomic(jsonPath, Buffer.from(serializeSignedReport(signed), 'utf8'), 0o600);
  await createFileAtomic(pdfPath, pdf, 0o600);
  return { jsonPath, pdfPath };
}
