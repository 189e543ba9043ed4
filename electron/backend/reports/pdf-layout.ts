import { rgb, type PDFDocument, type PDFFont, type PDFPage, type RGB } from 'pdf-lib';
import type { BodyFont } from './pdf-font.js';

const PAGE: [number, number] = [595.28, 841.89]; // A4 in points
const MARGIN = 48;
const FOOTER = 28;

export const INK = rgb(0.1, 0.1, 0.12);
export const MUTED = rgb(0.38, 0.38, 0.42);
export const ALERT = rgb(0.72, 0.05, 0.05);

export interface TextStyle {
  size?: number;
  color?: RGB;
  indent?: number;
}

/** A top-to-bottom text flow over A4 pages; wraps lines and starts pages as needed. */
export class PdfFlow {
  readonly pages: PDFPage[] = [];
  readonly width = PAGE[0] - 2 * MARGIN;
  #page!: PDFPage;
  #y = 0;

  constructor(
    readonly doc: PDFDocument,
    readonly body: BodyFont,
    readonly mono: PDFFont,
    readonly onNewPage: (page: PDFPage) => void = () => undefined,
  ) {
    this.newPage();
  }

  /** Starts a new page. */
  newPage(): void {
    this.#page = this.doc.addPage(PAGE);
    this.pages.push(this.#page);
    this.#y = PAGE[1] - MARGIN;
    this.onNewPage(this.#page);
  }

  get page(): PDFPage {
    return this.#page;
  }

  /** Makes room for `height` points, starting a page when the current one is full. */
  need(height: number): void {
    if (this.#y - height < MARGIN + FOOTER) this.newPage();
  }

  /** Leaves vertical space. */
  gap(points: number): void {
    this.#y -= points;
  }

  /** Text the body font can draw: unknown characters become `?`, control characters spaces. */
  drawable(text: string): string {
    let out = '';
    for (const char of text) {
      const code = char.codePointAt(0) ?? 0;
      if (code < 0x20 || code === 0x7f) out += ' ';
      else out += this.body.covers(code) ? char : '?';
    }
    return out;
  }

  /** Splits text into lines no wider than `width`, at spaces where possible and anywhere in CJK runs. */
  wrap(text: string, size: number, width: number, font: PDFFont = this.body.font): string[] {
    const lines: string[] = [];
    let line = '';
    for (const token of text.split(/(?<= )/)) {
      if (font.widthOfTextAtSize(line + token, size) <= width) {
        line += token;
        continue;
      }
      if (line !== '') lines.push(line.trimEnd());
      line = '';
      for (const char of token) {
        if (line !== '' && font.widthOfTextAtSize(line + char, size) > width) {
          lines.push(line);
          line = '';
        }
        line += char;
      }
    }
    if (line.trimEnd() !== '' || lines.length === 0) lines.push(line.trimEnd());
    return lines;
  }

  /** Draws a wrapped paragraph in the body font. */
  text(text: string, style: TextStyle = {}): void {
    const size = style.size ?? 9;
    const indent = style.indent ?? 0;
    for (const line of this.wrap(this.drawable(text), size, this.width - indent)) {
      this.need(size * 1.4);
      this.#y -= size * 1.4;
      this.#page.drawText(line, { x: MARGIN + indent, y: this.#y, size, font: this.body.font, color: style.color ?? INK });
    }
  }

  /** Draws one line in the standard monospaced font, exactly as given (one text operation). */
  monoLine(text: string, size = 8): void {
    this.need(size * 1.5);
    this.#y -= size * 1.5;
    this.#page.drawText(text, { x: MARGIN + 6, y: this.#y, size, font: this.mono, color: INK });
  }

  /** Draws a section heading with a rule under it. */
  heading(text: string, size = 12): void {
    this.need(size * 3);
    this.#y -= size * 1.8;
    this.#page.drawText(this.drawable(text), { x: MARGIN, y: this.#y, size, font: this.body.font, color: INK });
    this.#y -= 4;
    this.#page.drawLine({ start: { x: MARGIN, y: this.#y }, end: { x: MARGIN + this.width, y: this.#y }, thickness: 0.5, color: MUTED });
    this.#y -= 2;
  }

  /** Draws a full-width coloured band with white text (used for the DEMO / TRAINING warning). */
  band(text: string, color: RGB, size = 11): void {
    const lines = this.wrap(this.drawable(text), size, this.width - 16);
    const height = lines.length * size * 1.4 + 10;
    this.need(height + 6);
    this.#y -= height;
    this.#page.drawRectangle({ x: MARGIN, y: this.#y, width: this.width, height, color });
    lines.forEach((line, index) => {
      const y = this.#y + height - 5 - (index + 1) * size * 1.4 + size * 0.3;
      this.#page.drawText(line, { x: MARGIN + 8, y, size, font: this.body.font, color: rgb(1, 1, 1) });
    });
    this.#y -= 6;
  }

  /** Draws table rows with fixed column widths (fractions of the text width), wrapping each cell. */
  table(columns: number[], rows: string[][], header?: string[]): void {
    const size = 8;
    const widths = columns.map((fraction) => fraction * this.width);
    const drawRow = (cells: string[], color: RGB) => {
      const wrapped = cells.map((cell, index) => this.wrap(this.drawable(cell), size, (widths[index] ?? 0) - 6));
      const height = Math.max(...wrapped.map((lines) => lines.length)) * size * 1.35 + 3;
      this.need(height);
      let x = MARGIN;
      wrapped.forEach((lines, index) => {
        lines.forEach((line, row) => {
          this.#page.drawText(line, { x, y: this.#y - (row + 1) * size * 1.35, size, font: this.body.font, color });
        });
        x += widths[index] ?? 0;
      });
      this.#y -= height;
    };
    if (header) drawRow(header, MUTED);
    for (const row of rows) drawRow(row, INK);
  }

  /** Writes `page N / M` and a label in every page's footer, once all pages exist. */
  footers(label: string): void {
    this.pages.forEach((page, index) => {
      const text = this.drawable(`${label} - ${index + 1} / ${this.pages.length}`);
      page.drawText(text, { x: MARGIN, y: MARGIN - 12, size: 7, font: this.body.font, color: MUTED });
    });
  }
}
