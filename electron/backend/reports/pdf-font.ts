import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont, type PDFRawStream } from 'pdf-lib';
import { PdfFontError } from './pdf-font-error.js';
import { woffToSfnt } from './woff.js';

/** Noto Sans JP (SIL OFL), shipped as an npm dependency so packaged apps on every OS carry it. */
export const BUNDLED_FONT = '@openfonts/noto-sans-jp_japanese/files/noto-sans-jp-japanese-400.woff';

/**
 * Which body font a PDF is drawn with: the bundled Japanese-capable font, or the standard
 * Helvetica when that font cannot be loaded. Both are renderings `mkra verify` can re-create.
 */
export type FontVariant = 'bundled' | 'standard';

/** The body font and which characters it can draw; `fallback` says why Japanese may be missing. */
export interface BodyFont {
  font: PDFFont;
  covers(codePoint: number): boolean;
  fallback: string | undefined;
}

// A fixed sentence (no error detail): it is part of the page, which must be reproducible.
const FALLBACK_NOTE = 'The Japanese font could not be loaded; characters outside ASCII are shown as ?. The attached report.json holds the exact text.';

let bundled: Promise<Uint8Array> | undefined;

/** The bundled font as TrueType, read once per process (it is several megabytes). */
function bundledFontBytes(): Promise<Uint8Array> {
  bundled ??= readFile(createRequire(import.meta.url).resolve(BUNDLED_FONT)).then(woffToSfnt);
  bundled.catch(() => (bundled = undefined));
  return bundled;
}

/** The bundled font's compressed stream, as pdf-lib made it for the first PDF of this process. */
let deflatedFont: { source: Uint8Array; contents: Uint8Array } | undefined;

/**
 * Lets `doc` reuse the compressed font stream of an earlier PDF of this process. pdf-lib compresses
 * the whole 1.4 MB font (pako, about a quarter of a second of CPU) for every document; the font
 * bytes and pako are the same each time and pako is deterministic, so the stream is the same bytes:
 * the first document's is kept and given to the next ones. Only the font's own bytes (the very
 * array handed to pdf-lib) are taken this way; every other stream is compressed as before.
 */
function reuseFontStream(doc: PDFDocument, fontBytes: Uint8Array): void {
  const context = doc.context;
  const flateStream = context.flateStream.bind(context);
  context.flateStream = (contents, dict = {}) => {
    if (contents !== fontBytes) return flateStream(contents, dict);
    if (deflatedFont?.source === fontBytes) return context.stream(deflatedFont.contents, { ...dict, Filter: 'FlateDecode' });
    const stream = flateStream(contents, dict) as PDFRawStream;
    deflatedFont = { source: fontBytes, contents: stream.getContents() };
    return stream;
  };
}

/**
 * Embeds the body font. The bundled font goes in whole (about 1.4 MB): @pdf-lib/fontkit 1.1.1's
 * subsetter drops most glyphs of this font, which poppler then draws as blanks. Throws
 * PdfFontError when the bundled font cannot be loaded, so the caller decides on the fallback.
 */
export async function embedBodyFont(doc: PDFDocument, variant: FontVariant): Promise<BodyFont> {
  if (variant === 'standard') {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    return { font, covers: (codePoint) => codePoint >= 0x20 && codePoint < 0x7f, fallback: FALLBACK_NOTE };
  }
  let font: PDFFont;
  try {
    const bytes = await bundledFontBytes();
    doc.registerFontkit(fontkit);
    // `locl` is off because, applied to Latin text, it swaps digits for full-width glyphs whose
    // widths do not match their shapes, so numbers came out letter-spaced; `liga` likewise left a
    // gap after its fi ligature.
    font = await doc.embedFont(bytes, { subset: false, features: { locl: false, liga: false } });
    reuseFontStream(doc, bytes);
  } catch (error) {
    throw new PdfFontError(`the bundled font ${BUNDLED_FONT} cannot be loaded (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
  const set = new Set(font.getCharacterSet());
  return { font, covers: (codePoint) => set.has(codePoint), fallback: undefined };
}
