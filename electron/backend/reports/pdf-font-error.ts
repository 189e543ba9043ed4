/**
 * Raised when the bundled font cannot be loaded; the message is one line. Apart from pdf-font.ts so
 * that catching it does not load pdf-lib and fontkit (see pdf-lazy.ts).
 */
export class PdfFontError extends Error {
  override readonly name = 'PdfFontError';
}
