/**
 * Turns a pseudo-terminal's byte stream into complete, cleaned lines plus the unterminated tail
 * (where prompts sit). Cleaning (ANSI codes, bare-CR rewrites) is the parsers' `cleanLine`.
 */
import { cleanLine } from '../../../shared/parse/normalise.js';

export class LineSplitter {
  #pending = '';

  /** Feed a chunk; returns the lines it completed, cleaned. */
  push(chunk: string): string[] {
    this.#pending += chunk;
    const parts = this.#pending.split('\n');
    this.#pending = parts.pop() ?? '';
    return parts.map(cleanLine);
  }

  /** The unterminated tail as a terminal shows it now (a prompt such as `> `, trimmed). */
  get tail(): string {
    return cleanLine(this.#pending);
  }

  /** Take the tail as a final line (at process exit, or once a prompt was answered). */
  flush(): string[] {
    const tail = this.#pending;
    this.#pending = '';
    const line = cleanLine(tail);
    return line === '' ? [] : [line];
  }
}
