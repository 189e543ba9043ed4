/**
 * `mkra verify` re-creates a report PDF and compares it byte for byte, so the renderer must give
 * the same bytes on every run, in every process, on every machine, for as long as it carries the
 * same name. These hashes pin that. When one changes on purpose (layout, wording, a dependency),
 * raise LAYOUT in electron/backend/reports/pdf-renderer-id.ts and record the new hashes here: a
 * PDF made before the change must then be reported as "pages not checked", never as tampered.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { PDF_RENDERER, PDF_RENDERER_DEPENDENCIES, renderReportPdfVariant, verifyReportBytes } from '../../../electron/backend/reports/index.js';
import { fixedSignedReport } from '../../fixtures/reports/fixed-report.js';

const GOLDEN = {
  renderer: 'mkra-pdf/2 (pdf-lib 1.17.1, fontkit 1.1.1, noto-sans-jp 1.44.6)',
  'en bundled': 'c1ab0d8024b8d08ddb260d79156da9f8d7d2ee4d10aa3d623a21aa23b45f2c81',
  'ja bundled': '9a2cf90921761a725fd1da12151f8dc1111bb5b2f345dcc4d6d30f8566b72226',
  'ja standard': '85d966df1247600e571458828e938577c0122cd64ae681bc4d4bbcb9ad0e86fa',
} as const;

const VARIANTS = [
  { key: 'en bundled', language: 'en', font: 'bundled' },
  { key: 'ja bundled', language: 'ja', font: 'bundled' },
  { key: 'ja standard', language: 'ja', font: 'standard' },
] as const;

const sha256 = (bytes: Uint8Array) => createHash('sha256').update(bytes).digest('hex');
const root = join(import.meta.dirname, '..', '..', '..');

describe('deterministic report PDF', () => {
  it('names the renderer the golden hashes were recorded with, and the installed dependency versions', () => {
    expect(PDF_RENDERER).toBe(GOLDEN.renderer);
    const require = createRequire(join(root, 'package.json'));
    for (const { name, version } of PDF_RENDERER_DEPENDENCIES) {
      const installed = (JSON.parse(readFileSync(require.resolve(`${name}/package.json`), 'utf8')) as { version: string }).version;
      expect(installed, `${name} was upgraded: raise LAYOUT and the version in pdf-renderer-id.ts`).toBe(version);
      const declared = (JSON.parse(readFileSync(join(root, 'package.json'), 'utf8')) as { dependencies: Record<string, string> }).dependencies[name];
      expect(declared, `${name} must be pinned exactly in package.json`).toBe(version);
    }
  });

  it('renders the fixed report to the recorded bytes in each language and body font', { timeout: 240_000 }, async () => {
    const signed = await fixedSignedReport();
    for (const { key, language, font } of VARIANTS) {
      const pdf = await renderReportPdfVariant(signed, language, font);
      expect(sha256(pdf), `${key}: the PDF bytes changed (see the comment at the top)`).toBe(GOLDEN[key]);
      expect(await verifyReportBytes(pdf)).toMatchObject({ exitCode: 0, pages: 'identical' });
    }
  });

  it('renders the same bytes in a separate process', { timeout: 240_000 }, async () => {
    const script = [
      `const { renderReportPdfVariant } = await import(${JSON.stringify(join(root, 'dist/electron/backend/reports/index.js'))});`,
      `const report = ${JSON.stringify(await fixedSignedReport())};`,
      "const pdf = await renderReportPdfVariant(report, 'ja', 'bundled');",
      "process.stdout.write((await import('node:crypto')).createHash('sha256').update(pdf).digest('hex'));",
    ].join('\n');
    const hash = execFileSync(process.execPath, ['--input-type=module', '-e', script], { encoding: 'utf8', cwd: root });
    expect(hash).toBe(GOLDEN['ja bundled']);
  });
});
