import { readFile } from 'node:fs/promises';
import { createRequire } from 'node:module';
import fontkit from '@pdf-lib/fontkit';
import { StandardFonts, type PDFDocument, type PDFFont } from 'pdf-lib';
import { woffToSfnt } from './woff.js';

/** Noto Sans JP (SIL OFL), shipped as an npm dependency so packaged apps on every OS carry it. */
export const BUNDLED_FONT = '@openfonts/noto-sans-jp_japanese/files/noto-sans-jp-japanese-400.woff';

/** The body font and which characters it can draw; `fallback` says why Japanese may be missing. */
export interface BodyFont {
  font: PDFFont;
  covers(codePoint: number): boolean;
  fallback: string | undefined;
}

async function fontBytes(fontPath: string | undefined): Promise<Uint8Array> {
  return woffToSfnt(await readFile(fontPath ?? createRequire(import.meta.url).resolve(BUNDLED_FONT)));
}

/**
 * Embeds the Japanese-capable body font whole (about 1.4 MB): @pdf-lib/fontkit 1.1.1's subsetter
 * drops most glyphs of this font, which poppler then draws as blanks. If it cannot be loaded the
 * report still renders, in Helvetica with non-Latin characters shown as `?`, and says so visibly.
 */
export async function embedBodyFont(doc: PDFDocument, fontPath?: string): Promise<BodyFont> {
  try {
    const bytes = await fontBytes(fontPath);
    doc.registerFontkit(fontkit);
    // `locl` is off because, applied to Latin text, it swaps digits for full-width glyphs whose
    // widths do not match their shapes, so numbers came out letter-spaced; `liga` likewise left a
    // gap after its fi ligature.
    const font = await doc.embedFont(bytes, { subset: false, features: { locl: false, liga: false } });
    const set = new Set(font.getCharacterSet());
    return { font, covers: (codePoint) => set.has(codePoint), fallback: undefined };
  } catch (error) {
    const font = await doc.embedFont(StandardFonts.Helvetica);
    const reason = error instanceof Error ? error.message.split('\n')[0] : String(error);
    return {
      font,
      covers: (codePoint) => codePoint >= 0x20 && codePoint < 0x7f,
      fallback: `The Japanese font could not be loaded (${reason}); characters outside ASCII are shown as ?. The attached report.json holds the exact text.`,
    };
  }
}
