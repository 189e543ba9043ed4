/**
 * Turns captured terminal output into clean lines while keeping the original line numbers, so that
 * every conclusion can cite `file:line`. Nothing that may matter is dropped: a line redrawn with bare
 * CRs keeps every rewrite that could be a milestone or an outcome, not only the last one the terminal
 * shows; timestamps, log levels and syslog prefixes that capture tools add are taken off before
 * recognition. Single pass, precompiled expressions, no backtracking-prone patterns: transcripts can be
 * very large.
 */

/** One cleaned line of a transcript; `line` is the 1-based line number in the original file. */
export interface SourceLine {
  line: number;
  text: string;
}

// CSI (colours, cursor moves, bracketed paste), OSC (window titles, ended by BEL or ST), charset
// selection and other two-character escapes. The one ANSI expression of the app: the journal scrubber
// strips with it too (recognise.ts re-exports it).
// eslint-disable-next-line no-control-regex -- matching terminal control codes is the point here
export const ANSI = /\x1b(?:\[[0-?]*[ -/]*[@-~]|\][^\x07\x1b]*(?:\x07|\x1b\\)?|[()*+][0-9A-Za-z]|[@-Z\\-_=>78])/g;
// Any control character other than TAB and CR; tested once per line before any slower clean-up.
// eslint-disable-next-line no-control-regex -- matching terminal control codes is the point here
const CONTROL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/;
// eslint-disable-next-line no-control-regex -- matching terminal control codes is the point here
const CONTROL_ALL = /[\x00-\x08\x0b\x0c\x0e-\x1f\x7f]/g;
// Anything `cleanLine` has to act on: control characters (CR, ESC, BS included) and odd spaces.
// eslint-disable-next-line no-control-regex -- matching terminal control codes is the point here
const NEEDS_CLEANING = /[\x00-\x08\x0b-\x1f\x7f\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/;
// No-break and other Unicode spaces that documentation pages and terminals put in text.
const ODD_SPACE = /[\u00a0\u1680\u2000-\u200b\u202f\u205f\u3000\ufeff]/g;
// A rewrite (between bare CRs) that could be a milestone, an outcome, an error or a prompt: kept even
// when a later rewrite covers it on screen.
const MAY_MATTER =
  /encrypt|delay|second|server|discover|master|values|rewrap|success|waiting|rotation|crk|setimm|\bok\b|fail|error|status code|unauthori|token|return code|reason code|return value|instance|enter |\(y\/n\)|cloudtkefiles|imprint|threshold|administrator|verification pattern/i;
// A prompt question (ending `:` or `(y/N)` or `?`) followed by the prompt mark; what follows is the
// answer or the next output (non-TTY stdin does not echo a newline after the answer). Anchored and
// lazy: it stops at the first mark, so each segment of a line is scanned once.
const PROMPT_HEAD = /^(.*?(?::|\)|\?))\s*> ?/;

// Prefixes capture tools put before each line: ISO or plain timestamps (`ts`, loggers), syslog
// (`Nov 30 09:14:03 host prog[42]:`), bracketed times, and a log level. At most a few, anchored.
const TIMESTAMP =
  /^\s*\[?(?:\d{4}-\d{2}-\d{2}[T ]\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?(?:Z|[+-]\d{2}:?\d{2})?|\d{4}\/\d{2}\/\d{2} \d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?|\d{1,2}:\d{2}:\d{2}(?:[.,]\d{1,9})?)\]?(?:\s*[|-]\s*|\s+|$)/;
const SYSLOG =
  /^\s*(?:Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec) {1,2}\d{1,2} \d{2}:\d{2}:\d{2}(?: [\w.-]+(?: [\w./-]+(?:\[\d+\])?:)?)?\s+/;
const LEVEL = /^\s*[[<]?(?:TRACE|DEBUG|INFO|NOTICE|WARN|WARNING|ERROR|FATAL|CRITICAL|CRIT)[\]>]?(?:\s*[:|-])?\s+/;
// The first three letters of a month or a log level: only such lines can carry those prefixes.
const PREFIX_WORD = /Jan|Feb|Mar|Apr|May|Jun|Jul|Aug|Sep|Oct|Nov|Dec|TRA|DEB|INF|NOT|WAR|ERR|FAT|CRI/y;

/** Take off timestamp, syslog and log-level prefixes that capture tools add before a line. */
export function stripPrefix(text: string): string {
  let rest = text;
  for (let i = 0; i < 3; i++) {
    const at = rest.length > 0 && rest.charCodeAt(0) <= 0x20 ? rest.search(/\S/) : 0;
    const c = at < 0 ? 0 : rest.charCodeAt(at);
    const before = rest;
    let word = false;
    if (c >= 0x41 && c <= 0x5a) {
      PREFIX_WORD.lastIndex = at;
      word = PREFIX_WORD.test(rest);
    }
    if ((c >= 0x30 && c <= 0x39) || c === 0x5b /* [ */) rest = rest.replace(TIMESTAMP, '');
    else if (word) rest = rest.replace(SYSLOG, '');
    if (c === 0x5b || c === 0x3c /* < */ || word) rest = rest.replace(LEVEL, '');
    if (rest === before) break;
  }
  return rest;
}

function applyBackspaces(text: string): string {
  const out: string[] = [];
  for (const ch of text) {
    if (ch === '\b') out.pop();
    else out.push(ch);
  }
  return out.join('');
}

/** The rewrites of a line redrawn with bare CRs that must be kept: the first, those that may matter, the last. */
function keptRewrites(text: string): string {
  const parts = text.split('\r');
  let last = -1;
  for (let i = parts.length - 1; i >= 0; i--) {
    if ((parts[i] ?? '').trim() !== '') {
      last = i;
      break;
    }
  }
  if (last < 0) return '';
  const kept: string[] = [];
  const keep = (part: string): void => {
    // A run of redraws of one progress line (same length, same start) keeps its last one.
    const prev = kept[kept.length - 1];
    if (prev !== undefined && prev.length === part.length && prev.startsWith(part.slice(0, 12)))
      kept[kept.length - 1] = part;
    else kept.push(part);
  };
  for (let i = 0; i < last; i++) {
    const part = parts[i] ?? '';
    // The first write continues the line before it (a wrapped message); the others only if they may matter.
    if (part.trim() !== '' && (i === 0 || MAY_MATTER.test(part))) keep(part.trimEnd());
  }
  keep(parts[last] ?? '');
  return kept.join('\r');
}

/**
 * Clean one physical line: escapes, backspaces, stray controls and odd spaces go; a line redrawn with
 * bare CRs keeps, CR-separated, every rewrite that may matter and the last (see `lineSegments`).
 */
export function cleanLine(raw: string): string {
  // One test decides whether anything needs cleaning: most lines of a capture need none.
  if (!NEEDS_CLEANING.test(raw)) return raw.trimEnd();
  let text = raw;
  if (text.includes('\x1b')) text = text.replace(ANSI, '');
  if (text.includes('\b')) text = applyBackspaces(text);
  if (CONTROL.test(text)) text = text.replace(CONTROL_ALL, '');
  if (text.includes('\r')) text = keptRewrites(text);
  ODD_SPACE.lastIndex = 0;
  if (ODD_SPACE.test(text)) text = text.replace(ODD_SPACE, ' ');
  return text.trimEnd();
}

/** The segments of a cleaned line (several when bare-CR rewrites were kept), as shown, in order. */
export function lineSegments(cleaned: string): string[] {
  return cleaned.includes('\r') ? cleaned.split('\r') : [cleaned];
}

/**
 * Push one cleaned segment, split at prompt marks. A loop, not recursion: a hostile line of thousands
 * of `> ` would otherwise exhaust the stack, and each step only moves forward through the line.
 */
function pushSplit(visit: LineVisitor, line: number, text: string): void {
  let rest = text;
  for (;;) {
    if (!rest.includes('>')) {
      visit(line, rest);
      return;
    }
    const trimmed = rest.trimStart();
    if (trimmed.startsWith('>')) {
      // The prompt mark alone, or the mark followed by whatever came next on the same line.
      rest = trimmed.slice(1).trimStart();
      if (rest === '') {
        visit(line, '>');
        return;
      }
      continue;
    }
    const m = PROMPT_HEAD.exec(rest);
    if (m === null || m[1] === undefined || !isQuestion(m[1])) {
      visit(line, rest);
      return;
    }
    visit(line, m[1].trimEnd());
    rest = rest.slice(m[0].length).trim();
    if (rest === '') return;
  }
}

function isQuestion(text: string): boolean {
  return (
    /\(y\/n\)$/i.test(text) ||
    /^\s*(?:Enter|Do you|Are you|Continue|Please|Would you)\b/i.test(text) ||
    // The key identity line under a password prompt: `admin1 (3c0f...)`.
    /^\s*\S+ \([0-9A-Fa-f.]+\)$/.test(text)
  );
}

/** Called for each cleaned line (or segment) in order; `line` is the 1-based physical line. */
export type LineVisitor = (line: number, text: string) => void;

/**
 * Visit text as cleaned lines for recognition, without building them all: CRLF and bare CR handled
 * (every rewrite that may matter kept, same line number), ANSI/OSC removed, capture-tool prefixes taken
 * off, trailing blanks trimmed, a prompt and its answer on one line visited as two entries with the
 * same line number.
 */
export function forEachSourceLine(text: string, visit: LineVisitor): void {
  const start = text.charCodeAt(0) === 0xfeff ? 1 : 0;
  const end = text.length;
  let at = start;
  let line = 0;
  while (at <= end) {
    let nl = text.indexOf('\n', at);
    if (nl < 0) nl = end;
    line++;
    // A file ending with a newline has no line after that newline.
    if (at === end && nl === end && line > 1) break;
    const cleaned = cleanLine(text.slice(at, nl));
    if (cleaned.includes('\r')) {
      for (const segment of cleaned.split('\r')) pushSplit(visit, line, stripPrefix(segment));
    } else {
      pushSplit(visit, line, stripPrefix(cleaned));
    }
    at = nl + 1;
  }
}

/** The cleaned lines of a text as an array (see `forEachSourceLine`), for the table parsers. */
export function normaliseText(text: string): SourceLine[] {
  const out: SourceLine[] = [];
  forEachSourceLine(text, (line, t) => out.push({ line, text: t }));
  return out;
}
