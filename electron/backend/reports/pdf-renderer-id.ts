/**
 * The PDF renderer's name: this app's layout code plus the libraries and font that shape a report
 * PDF's bytes. A report names it in its signed payload, and `mkra verify` re-creates a PDF's pages
 * only when the report names this exact renderer (docs/reports.md, "What a PDF proves").
 *
 * Raise LAYOUT whenever the bytes a report renders to change: the golden hash in
 * test/integration/reports/pdf-golden.test.ts fails until you do. The dependency versions are
 * checked against the installed packages by the same test.
 */
const LAYOUT = 2;

/** Packages whose versions change the rendered bytes, with the short name the renderer's name uses. */
export const PDF_RENDERER_DEPENDENCIES: readonly { name: string; label: string; version: string }[] = [
  { name: 'pdf-lib', label: 'pdf-lib', version: '1.17.1' },
  { name: '@pdf-lib/fontkit', label: 'fontkit', version: '1.1.1' },
  { name: '@openfonts/noto-sans-jp_japanese', label: 'noto-sans-jp', version: '1.44.6' },
];

export const PDF_RENDERER = `mkra-pdf/${LAYOUT} (${PDF_RENDERER_DEPENDENCIES.map((d) => `${d.label} ${d.version}`).join(', ')})`;
