/**
 * The PDF renderer, loaded on its first use. pdf-lib and fontkit take about a third of a second to
 * load, which `mkra serve`, `mkra verify` of a JSON report and the app would otherwise spend at start,
 * before they answer anything, for a PDF most runs never make.
 */
import type * as PdfRender from './pdf-render.js';

let loading: Promise<typeof PdfRender> | undefined;

function renderer(): Promise<typeof PdfRender> {
  loading ??= import('./pdf-render.js');
  loading.catch(() => (loading = undefined));
  return loading;
}

/** See renderReportPdf in pdf-render.ts. */
export async function renderReportPdf(...args: Parameters<typeof PdfRender.renderReportPdf>): Promise<Uint8Array> {
  return (await renderer()).renderReportPdf(...args);
}

/** See renderReportPdfVariant in pdf-render.ts. */
export async function renderReportPdfVariant(...args: Parameters<typeof PdfRender.renderReportPdfVariant>): Promise<Uint8Array> {
  return (await renderer()).renderReportPdfVariant(...args);
}
