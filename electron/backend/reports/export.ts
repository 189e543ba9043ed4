import { access, mkdir, unlink } from 'node:fs/promises';
import { basename, join } from 'node:path';
import type { ReportLanguage } from '../../../shared/reports/index.js';
import { createFileAtomic, FileExistsError } from '../secure/atomic-write.js';
import { renderReportPdf } from './pdf-lazy.js';
import { serializeSignedReport, type SignedReport } from './signed-format.js';

/** How many exports of one rotation a directory may hold before export asks for a clean-up. */
export const MAX_EXPORTS = 999;

/** The file name stem of a rotation's n-th export: `<id>[-mode]-report`, then `-report-2`, ... */
export function exportStem(signed: SignedReport, n: number): string {
  const c = signed.payload;
  const base = `${c.rotationId.replace(/[^A-Za-z0-9._-]/g, '_')}${c.mode === 'live' ? '' : `-${c.mode}`}-report`;
  return n === 1 ? base : `${base}-${n}`;
}

/** Which export number a file name is (1 for `-report.pdf`, n for `-report-n.pdf`); undefined if none. */
export function exportNumber(name: string, kind: 'pdf' | 'json'): number | undefined {
  const match = new RegExp(`-report(?:-([1-9][0-9]{0,2}))?\\.${kind}$`).exec(basename(name));
  return match ? Number(match[1] ?? 1) : undefined;
}

const exists = (path: string) => access(path).then(
  () => true,
  () => false,
);

/**
 * Writes the signed JSON and its PDF into `dir` under the first free pair of names (a demo or
 * training report's names say so) and returns their paths. Each export is its own pair: a second
 * export of the same rotation (another language, another operator name) gets the next number,
 * and nothing is ever overwritten (files are created atomically, never over an existing one).
 */
export async function exportReport(dir: string, signed: SignedReport, options: { language?: ReportLanguage } = {}): Promise<{ jsonPath: string; pdfPath: string }> {
  // A directory the user chose keeps its permissions; only one created here gets 0700.
  await mkdir(dir, { recursive: true, mode: 0o700 });
  const pdf = await renderReportPdf(signed, options);
  const json = Buffer.from(serializeSignedReport(signed), 'utf8');
  for (let n = 1; n <= MAX_EXPORTS; n++) {
    const stem = exportStem(signed, n);
    const jsonPath = join(dir, `${stem}.json`);
    const pdfPath = join(dir, `${stem}.pdf`);
    if ((await exists(jsonPath)) || (await exists(pdfPath))) continue;
    try {
      await createFileAtomic(jsonPath, json, 0o600);
    } catch (error) {
      if (error instanceof FileExistsError) continue; // another export took this number meanwhile
      throw error;
    }
    try {
      await createFileAtomic(pdfPath, pdf, 0o600);
    } catch (error) {
      // The JSON just written is ours; without its PDF it would pair with someone else's.
      await unlink(jsonPath);
      if (error instanceof FileExistsError) continue;
      throw error;
    }
    return { jsonPath, pdfPath };
  }
  throw new Error(`${dir} already holds ${MAX_EXPORTS} exports of this report; move some away first`);
}
