/**
 * A small JSON reader that remembers where every value starts, so a scenario file's problems can
 * be reported with the line they are on (JSON.parse gives neither the line nor value positions).
 */

export type JsonValue = null | boolean | number | string | JsonValue[] | { [key: string]: JsonValue };

/** A syntax error at a 1-based line. */
export class JsonPositionError extends Error {
  readonly line: number;
  constructor(message: string, line: number) {
    super(message);
    this.name = 'JsonPositionError';
    this.line = line;
  }
}

export interface PositionedJson {
  value: JsonValue;
  /** 1-based line where the value at each path starts; paths are joined with `\u0000`. */
  lines: Map<string, number>;
}

/** The key used in `lines` for a path such as `['steps', 0, 'fault']`. */
export function pathKey(path: readonly PropertyKey[]): string {
  return path.map(String).join('\u0000');
}

/** Reads one JSON text from the start, recording where each value begins. */
class PositionReader {
  readonly lines = new Map<string, number>();
  #i = 0;

  constructor(readonly text: string) {}

  /** The whole text as one value, nothing but blanks after it. */
  document(): JsonValue {
    const result = this.#value([]);
    this.#skip();
    if (this.#i < this.text.length) this.#fail('the end of the file');
    return result;
  }

  #lineAt(offset: number): number {
    let line = 1;
    for (let k = 0; k < offset && k < this.text.length; k++) if (this.text.charCodeAt(k) === 10) line++;
    return line;
  }

  // A missing separator is reported on the line of the value it should follow, where it is missing.
  #fail(what: string, at = this.#i): never {
    const found = this.#i >= this.text.length ? 'the end of the file' : `'${this.text[this.#i]}'`;
    throw new JsonPositionError(`JSON syntax: expected ${what}, found ${found}`, this.#lineAt(at));
  }

  #skip(): void {
    while (this.#i < this.text.length && ' \t\r\n'.includes(this.text[this.#i] ?? '')) this.#i++;
  }

  #string(): string {
    const { text } = this;
    if (text[this.#i] !== '"') this.#fail('a string');
    const start = this.#i;
    this.#i++;
    while (this.#i < text.length && text[this.#i] !== '"') {
      if (text[this.#i] === '\\') this.#i++;
      else if (text[this.#i] === '\n') this.#fail('a closing quote before the end of the line');
      this.#i++;
    }
    if (this.#i >= text.length) this.#fail('a closing quote');
    this.#i++;
    return JSON.parse(text.slice(start, this.#i)) as string;
  }

  #value(path: PropertyKey[]): JsonValue {
    this.#skip();
    this.lines.set(pathKey(path), this.#lineAt(this.#i));
    const c = this.text[this.#i];
    if (c === '{') return this.#object(path);
    if (c === '[') return this.#array(path);
    if (c === '"') return this.#string();
    const word = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(this.text.slice(this.#i, this.#i + 40));
    if (!word) return this.#fail('a value');
    this.#i += word[0].length;
    return JSON.parse(word[0]) as JsonValue;
  }

  /** After a member: `,` goes on (true), `close` ends (false), anything else is an error. */
  #next(close: '}' | ']', end: number): boolean {
    this.#skip();
    const c = this.text[this.#i];
    if (c !== ',' && c !== close) this.#fail(`',' or '${close}'`, end);
    this.#i++;
    return c === ',';
  }

  #object(path: PropertyKey[]): JsonValue {
    this.#i++;
    const out: { [key: string]: JsonValue } = {};
    this.#skip();
    if (this.text[this.#i] === '}') return (this.#i++, out);
    do {
      this.#skip();
      const keyLine = this.#lineAt(this.#i);
      const key = this.#string();
      if (Object.hasOwn(out, key)) throw new JsonPositionError(`the key "${key}" appears twice`, keyLine);
      this.#skip();
      if (this.text[this.#i] !== ':') this.#fail("':' after a key");
      this.#i++;
      out[key] = this.#value([...path, key]);
      this.lines.set(pathKey([...path, key]), keyLine);
    } while (this.#next('}', this.#i));
    return out;
  }

  #array(path: PropertyKey[]): JsonValue {
    this.#i++;
    const out: JsonValue[] = [];
    this.#skip();
    if (this.text[this.#i] === ']') return (this.#i++, out);
    do out.push(this.#value([...path, out.length]));
    while (this.#next(']', this.#i));
    return out;
  }
}

/** Parse JSON text, recording the line of every value; throws JsonPositionError on bad syntax. */
export function parseJsonWithPositions(text: string): PositionedJson {
  const reader = new PositionReader(text);
  const value = reader.document();
  return { value, lines: reader.lines };
}

/** The line of the deepest recorded prefix of `path` (a missing key points at its object). */
export function lineOf(lines: ReadonlyMap<string, number>, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const line = lines.get(pathKey(path.slice(0, n)));
    if (line !== undefined) return line;
  }
  return 1;
}
