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

/** Parse JSON text, recording the line of every value; throws JsonPositionError on bad syntax. */
export function parseJsonWithPositions(text: string): PositionedJson {
  let i = 0;
  const lines = new Map<string, number>();
  const lineAt = (offset: number): number => {
    let line = 1;
    for (let k = 0; k < offset && k < text.length; k++) if (text.charCodeAt(k) === 10) line++;
    return line;
  };
  // A missing separator is reported on the line of the value it should follow, where it is missing.
  const fail = (what: string, at = i): never => {
    const found = i >= text.length ? 'the end of the file' : `'${text[i]}'`;
    throw new JsonPositionError(`JSON syntax: expected ${what}, found ${found}`, lineAt(at));
  };
  const skip = (): void => {
    while (i < text.length && ' \t\r\n'.includes(text[i] ?? '')) i++;
  };
  const str = (): string => {
    if (text[i] !== '"') fail('a string');
    const start = i;
    i++;
    while (i < text.length && text[i] !== '"') {
      if (text[i] === '\\') i++;
      else if (text[i] === '\n') fail('a closing quote before the end of the line');
      i++;
    }
    if (i >= text.length) fail('a closing quote');
    i++;
    return JSON.parse(text.slice(start, i)) as string;
  };
  const value = (path: PropertyKey[]): JsonValue => {
    skip();
    lines.set(pathKey(path), lineAt(i));
    const c = text[i];
    if (c === '{') {
      i++;
      const out: { [key: string]: JsonValue } = {};
      skip();
      if (text[i] === '}') return (i++, out);
      for (;;) {
        skip();
        const keyLine = lineAt(i);
        const key = str();
        if (Object.hasOwn(out, key)) throw new JsonPositionError(`the key "${key}" appears twice`, keyLine);
        skip();
        if (text[i] !== ':') fail("':' after a key");
        i++;
        out[key] = value([...path, key]);
        lines.set(pathKey([...path, key]), keyLine);
        const end = i;
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === '}') return (i++, out);
        else fail("',' or '}'", end);
      }
    }
    if (c === '[') {
      i++;
      const out: JsonValue[] = [];
      skip();
      if (text[i] === ']') return (i++, out);
      for (;;) {
        out.push(value([...path, out.length]));
        const end = i;
        skip();
        if (text[i] === ',') i++;
        else if (text[i] === ']') return (i++, out);
        else fail("',' or ']'", end);
      }
    }
    if (c === '"') return str();
    const word = /^(?:true|false|null|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?)/.exec(text.slice(i, i + 40));
    if (!word) return fail('a value');
    i += word[0].length;
    return JSON.parse(word[0]) as JsonValue;
  };
  const result = value([]);
  skip();
  if (i < text.length) fail('the end of the file');
  return { value: result, lines };
}

/** The line of the deepest recorded prefix of `path` (a missing key points at its object). */
export function lineOf(lines: ReadonlyMap<string, number>, path: readonly PropertyKey[]): number {
  for (let n = path.length; n >= 0; n--) {
    const line = lines.get(pathKey(path.slice(0, n)));
    if (line !== undefined) return line;
  }
  return 1;
}
