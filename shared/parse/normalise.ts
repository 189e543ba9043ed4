/**
 * Turns captured terminal output into clean lines while keeping the original line numbers, so that
 * every conclusion can cite `file:line`. Single pass, precompiled expressions, no backtracking-prone
 * patterns: transcripts can be very large.
 */

/** One cleaned line of a transcript; `line` is the 1-based line number in the original file. */
export interface SourceLine {
  line: number;
  text: string;
}

// CSI (colours, cursor moves, bracketed paste), OSC (window titles, ended by BEL or ST), charset
// selection and other two-character escapes.
// eslint-disable-next-line no-control-regex -- matching terminal control codes is the point here
const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[()*+][0-9A-Za-z]|[@-Z\\-_=>78])/g;
// Any control character other than TAB; tested once per line before any slower clean-up.
// eslint-disable-next-line no-control-regex -- matching terminal control codes is the point here
const CONTROL = /[\x00-\x08\x0b-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- matching terminal control codes is the point here
const CONTROL_ALL = /[\x00-\x08\x0b-\x1f\x7f]/g;
// A prompt question (ending `:` or `(y/N)` or `?`) followed by the prompt mark; what follows is the
// answer or the next output (non-TTY stdin does not echo a newline after the answer). Anchored and
// lazy: it stops at the first mark, so each segment of a line is scanned once.
const PROMPT_HEAD = /^(.*?(?::|\)|\?))\s*> ?/;

function applyBackspaces(text: string): string {
  const out: string[] = [];
  for (const ch of text) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}

/** Clean one physical line: escapes, carriage-return rewrites, backspaces, stray controls. */
export function cleanLine(raw: string): string {
  let text = raw;
  if (text.includes('\x1b')) text = text.replace(ANSI, '');
  if (text.includes('\r')) {
    // Progress output rewrites the line with bare CRs: the terminal shows the last rewrite.
    const parts = text.split('\r');
    let last = '';
    for (let i = parts.length - 1; i >= 0; i--) {
      const part = parts[i] ?? '';
      if (part.trim() !== '') {
        last = part;
        break;
      }
    }
    text = last;
  }
  if (CONTROL.test(text)) {
    if (text.includes('\b')) text = applyBackspaces(text);
    text = text.replace(CONTROL_ALL, '');
  }
  return text.trimEnd();
}

/**
 * Push one cleaned line, split at prompt marks. A loop, not recursion: a hostile line of thousands
 * of `> ` would otherwise exhaust the stack, and each step only moves forward through the line.
 */
function pushSplit(out: SourceLine[], line: number, text: string): void {
  let rest = text;
  for (;;) {
    if (!rest.includes('>')) {
      out.push({ line, text: rest });
      return;
    }
    const trimmed = rest.trimStart();
    if (trimmed.startsWith('>')) {
      // The prompt mark alone, or the mark followed by whatever came next on the same line.
      rest = trimmed.slice(1).trimStart();
      if (rest === '') {
        out.push({ line, text: '>' });
        return;
      }
      continue;
    }
    const m = PROMPT_HEAD.exec(rest);
    if (m === null || m[1] === undefined || !isQuestion(m[1])) {
      out.push({ line, text: rest });
      return;
    }
    out.push({ line, text: m[1].trimEnd() });
    rest = rest.slice(m[0].length).trim();
    if (rest === '') return;
  }
}

function isQuestion(text: string): boolean {
  return (
    /\(y\/n\)$/i.test(text) ||
    /^\s*(?:Enter|Do you|Are you|Continue|Please)\b/i.test(text) ||
    // The key identity line under a password prompt: `admin1 (3c0f...)`.
    /^\s*\S+ \([0-9A-Fa-f.]+\)$/.test(text)
  );
}

/**
 * Split text into cleaned lines: CRLF and bare CR handled, ANSI/OSC removed, trailing blanks
 * trimmed, a prompt and its answer on one line split into two entries with the same line number.
 */
export function normaliseText(text: string): SourceLine[] {
  const body = text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
  const raw = body.split('\n');
  const out: SourceLine[] = [];
  for (let i = 0; i < raw.length; i++) {
    const cleaned = cleanLine(raw[i] ?? '');
    pushSplit(out, i + 1, cleaned);
  }
  // A file ending with a newline yields one empty trailing entry that is not a line of its own.
  if (raw.length > 1 && raw[raw.length - 1] === '') out.pop();
  return out;
}
