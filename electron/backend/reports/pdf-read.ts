import { decodePDFRawStream, PDFArray, PDFDict, PDFDocument, PDFHexString, PDFName, PDFRawStream, PDFStream, PDFString, type PDFObject } from 'pdf-lib';

/** Raised when a PDF cannot be read as a report; the message is one line for the user. */
export class PdfReadError extends Error {
  override readonly name = 'PdfReadError';
}

function lookupDict(dict: PDFDict | undefined, key: string): PDFDict | undefined {
  const value = dict?.lookup(PDFName.of(key));
  return value instanceof PDFDict ? value : undefined;
}

function streamBytes(stream: PDFObject | undefined): Uint8Array {
  if (stream instanceof PDFRawStream) return decodePDFRawStream(stream).decode();
  if (stream instanceof PDFStream) return stream.getContents();
  throw new PdfReadError('expected a stream');
}

function nameText(value: PDFObject | undefined): string | undefined {
  return value instanceof PDFString || value instanceof PDFHexString ? value.decodeText() : undefined;
}

/** Loads PDF bytes; throws PdfReadError when they are not a PDF pdf-lib can parse. */
export async function loadPdf(bytes: Uint8Array): Promise<PDFDocument> {
  try {
    return await PDFDocument.load(bytes, { updateMetadata: false, throwOnInvalidObject: true });
  } catch (error) {
    throw new PdfReadError(`not a readable PDF (${error instanceof Error ? error.message.split('\n')[0] : String(error)})`);
  }
}

/** The bytes of the embedded file `name` (EmbeddedFiles name tree, flat or one level of Kids); undefined if absent. */
export function readAttachment(doc: PDFDocument, name: string): Uint8Array | undefined {
  const tree = lookupDict(lookupDict(doc.catalog, 'Names'), 'EmbeddedFiles');
  const nodes: PDFDict[] = tree ? [tree] : [];
  const kids = tree?.lookup(PDFName.of('Kids'));
  if (kids instanceof PDFArray) for (let i = 0; i < kids.size(); i++) nodes.push(kids.lookup(i, PDFDict));
  for (const node of nodes) {
    const names = node.lookup(PDFName.of('Names'));
    if (!(names instanceof PDFArray)) continue;
    for (let i = 0; i + 1 < names.size(); i += 2) {
      if (nameText(names.lookup(i)) !== name) continue;
      const spec = names.lookup(i + 1);
      const file = spec instanceof PDFDict ? lookupDict(spec, 'EF')?.lookup(PDFName.of('F')) : undefined;
      try {
        return streamBytes(file);
      } catch (error) {
        throw new PdfReadError(`the attachment ${name} cannot be decoded (${error instanceof Error ? error.message : String(error)})`);
      }
    }
  }
  return undefined;
}

// pdf-lib writes text in a standard font as `<hex> Tj` (WinAnsi bytes); literal strings are read too.
const SHOWN = /<([0-9A-Fa-f\s]*)>\s*Tj|\(((?:\\.|[^\\)])*)\)\s*Tj/g;

function unescapeLiteral(text: string): string {
  return text.replace(/\\([0-7]{1,3}|.)/g, (_, esc: string) => {
    if (/^[0-7]+$/.test(esc)) return String.fromCharCode(parseInt(esc, 8));
    return ({ n: '\n', r: '\r', t: '\t', b: '\b', f: '\f' } as Record<string, string>)[esc] ?? esc;
  });
}

/** Every string each page's content streams show with `Tj`, decoded as single-byte text. */
export function shownStrings(doc: PDFDocument): string[] {
  const shown: string[] = [];
  for (const page of doc.getPages()) {
    const contents = page.node.Contents();
    const streams: PDFObject[] = [];
    if (contents instanceof PDFArray) {
      for (let i = 0; i < contents.size(); i++) {
        const item = contents.lookup(i);
        if (item) streams.push(item);
      }
    } else if (contents) streams.push(contents);
    for (const stream of streams) {
      const text = Buffer.from(streamBytes(stream)).toString('latin1');
      for (const match of text.matchAll(SHOWN)) {
        if (match[1] !== undefined) shown.push(Buffer.from(match[1].replace(/\s/g, ''), 'hex').toString('latin1'));
        else shown.push(unescapeLiteral(match[2] ?? ''));
      }
    }
  }
  return shown;
}
