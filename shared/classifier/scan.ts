/**
 * One pass over every transcript: splits it into command attempts and records, per attempt, the
 * command, milestones, outcome and the lines that prove them (attempt.ts holds the model).
 */
import { forEachSourceLine } from '../parse/normalise.js';
import { MILESTONE_WORD, mayBeRecognised, milestoneAcross, recogniseLine, type LineEvent } from '../parse/recognise.js';
import { parseRegisterListing } from '../parse/registers.js';
import {
  failureOf,
  finishAttempt,
  inferRole,
  isEmpty,
  killed,
  newAttempt,
  roleOfCommand,
  type Attempt,
} from './attempt.js';
import type { Evidence, TranscriptInput } from './types.js';

export {
  changedNothing,
  failureOf,
  isRotationRole,
  type Attempt,
  type AttemptRole,
  type FailureKind,
} from './attempt.js';

const LISTING_COMMANDS = new Set(['cryptounit-mk', 'cryptounit-mks']);
const UNIT_LINE = /^\s*crypto unit num/i;
// A listing of every unit of a resource group is far shorter; the cap bounds memory on huge captures.
const MAX_LISTING_LINES = 5000;
const NO = /^(?:n|no)$/i;

/** Record one recognised event in the attempt it belongs to. */
function record(a: Attempt, e: LineEvent, ev: () => Evidence, text: string): void {
  switch (e.kind) {
    case 'ok':
      a.ok = ev();
      break;
    case 'failed':
      a.failed = ev();
      break;
    case 'auth-error':
      a.auth ??= ev();
      break;
    case 'signserv-error':
      // failureOf puts it before `auth`: a status 401 after this line is the service's, not IBM Cloud's.
      a.signserv ??= ev();
      break;
    case 'auto-unsupported':
      a.unsupported ??= { evidence: ev(), cause: e.cause };
      break;
    case 'target-error':
    case 'no-instances':
      a.target ??= ev();
      break;
    case 'workstation-error':
      a.workstation ??= ev();
      break;
    case 'outcome-unknown':
      a.unknown ??= ev();
      break;
    case 'password-error':
      a.refused ??= ev();
      break;
    case 'hsm-error':
      a.hsm ??= ev();
      break;
    case 'hsm-code':
      a.hsmCodes.push(text.trim());
      if (e.code === 'return') a.returnCode ??= e.value;
      else a.reasonCode ??= e.value;
      break;
    case 'precheck-failed':
      a.prechecks.push({ check: e.check, units: e.units, evidence: ev() });
      break;
    case 'step':
      a.steps.add(e.step);
      break;
    case 'progress':
      a.steps.add('rewrap');
      break;
    case 'command':
    case 'header':
    case 'multiple-instances':
    case 'setimm-warning':
    case 'prompt-mark':
      break;
  }
}

class TranscriptScan {
  a: Attempt;
  /** Lines of a register listing, kept only while the attempt prints one (bounded by its size). */
  listing: { line: number; text: string }[] | undefined;
  /** The last lines, for milestones wrapped over several lines. */
  recent: { line: number; text: string }[] = [];
  /** A `(y/N)` question was the last prompt: the next line is its answer. */
  confirming = false;
  /** The start and length of the last progress line, to pass over its redraws cheaply. */
  progressHead = '';
  progressLength = 0;

  constructor(
    readonly t: TranscriptInput,
    readonly attempts: Attempt[],
  ) {
    this.a = newAttempt(attempts.length, t.file, 1, '');
    attempts.push(this.a);
  }

  closeListing(): void {
    const listing = this.listing;
    if (listing !== undefined && listing.length > 0) {
      const units = parseRegisterListing(listing.map((l) => l.text).join('\n'));
      if (units.length > 0) {
        this.a.reading = units.map((u) => ({
          num: u.num,
          type: u.type,
          current: u.current,
          new: u.new,
          line: listing[u.line - 1]?.line ?? 0,
        }));
      }
    }
    this.listing = undefined;
  }

  begin(line: number, text: string): Attempt {
    this.closeListing();
    finishAttempt(this.a);
    if (isEmpty(this.a)) this.attempts.pop();
    this.a = newAttempt(this.attempts.length, this.t.file, line, text);
    this.attempts.push(this.a);
    this.recent = [];
    return this.a;
  }

  line(line: number, text: string): void {
    const a = this.a;
    if (this.listing !== undefined && this.listing.length < MAX_LISTING_LINES) this.listing.push({ line, text });
    else if (a.command === undefined ? UNIT_LINE.test(text) : LISTING_COMMANDS.has(a.command) && a.role === 'other')
      this.listing = [{ line, text }];
    if (this.confirming && text.trim() !== '') {
      if (NO.test(text.trim())) a.declined = true;
      this.confirming = false;
    }
    // Most lines of a large capture say nothing; they only matter as the tail of a wrapped milestone.
    if (!mayBeRecognised(text)) {
      if (this.recent.length > 0) this.follow(line, text);
      return;
    }
    // Another redraw of the progress line just seen (same length, same start): nothing new.
    if (
      this.progressHead !== '' &&
      text.length === this.progressLength &&
      text.startsWith(this.progressHead) &&
      this.recent.length === 0
    )
      return;
    const r = recogniseLine(text);
    if (r.event?.kind === 'progress') {
      this.progressHead = text.slice(0, 14);
      this.progressLength = text.length;
    } else this.progressHead = '';
    const ev = (): Evidence => ({ file: this.t.file, line, text: text.trim() });
    if (r.milestone !== undefined) {
      a.milestones.push({ milestone: r.milestone, evidence: ev() });
      this.recent = [];
      return;
    }
    if (r.prompt?.kind === 'confirm') this.confirming = true;
    this.follow(line, text);
    const e = r.event;
    if (e === undefined) return;
    if (e.kind === 'command') {
      const next = this.begin(line, text.trim());
      next.command = e.command.name;
      next.typed = e.command.typed;
      next.role = roleOfCommand(e.command.name, e.command.tke, e.command.app === true);
      next.app = e.command.app === true;
      return;
    }
    if (e.kind === 'header') {
      // A second context header without a command line between: another command's output.
      if (e.label === 'API endpoint:' && (a.headers > 0 || a.ok !== undefined || a.failed !== undefined))
        this.begin(line, text.trim());
      this.a.headers++;
      return;
    }
    record(a, e, ev, text);
  }

  /**
   * Keep the lines that may start or continue a milestone folded over two or three lines; when the
   * last lines join into one, it counts at its first line.
   */
  follow(line: number, text: string): void {
    if (this.recent.length === 0 && !MILESTONE_WORD.test(text)) return;
    this.recent.push({ line, text });
    if (this.recent.length > 3) this.recent.shift();
    // Only a line with a word of a milestone can start a folded one.
    while (this.recent.length > 0 && !MILESTONE_WORD.test(this.recent[0]?.text ?? '')) this.recent.shift();
    if (this.recent.length > 1) this.wrapped();
  }

  wrapped(): void {
    for (const n of [2, 3]) {
      const window = this.recent.slice(-n);
      if (window.length < n) continue;
      const m = milestoneAcross(window.map((w) => w.text));
      if (m === undefined) continue;
      const first = window[0];
      if (first === undefined) return;
      this.a.milestones.push({
        milestone: m,
        evidence: { file: this.t.file, line: first.line, text: window.map((w) => w.text.trim()).join(' ') },
      });
      this.recent = [];
      return;
    }
  }

  end(): void {
    this.closeListing();
    finishAttempt(this.a);
    if (isEmpty(this.a)) this.attempts.pop();
    else if (this.t.exit !== undefined) this.a.exit = { code: this.t.exit.code, signal: this.t.exit.signal ?? null };
  }
}

/** Split transcripts into attempts (a shell command line, a new file or a new context header starts one). */
export function scanTranscripts(transcripts: readonly TranscriptInput[]): Attempt[] {
  const attempts: Attempt[] = [];
  for (const t of transcripts) {
    const scan = new TranscriptScan(t, attempts);
    forEachSourceLine(t.text, (line, text) => scan.line(line, text));
    scan.end();
  }
  attempts.forEach((a, i) => {
    a.index = i;
    if (a.command === undefined) a.role = inferRole(a);
    // A listing whose end was not seen (no OK, no clean exit: the app or the capture died while it
    // printed) may stop before some units: it is no reading. Pasted listings without a command line
    // have no end to see and are taken as they are.
    if (a.reading !== undefined && a.command !== undefined && !listingEnded(a)) a.reading = undefined;
    // The TKE application shows no closing OK: an action followed by another, with no error, succeeded.
    const later = attempts[i + 1];
    if (a.app && later !== undefined && failureOf(a) === 'unfinished')
      a.ok = { ...a.start, text: `${a.start.text} (followed by another action)` };
  });
  return attempts;
}

/** True when a listing command was seen to end by itself: its closing OK, or a clean exit. */
function listingEnded(a: Attempt): boolean {
  return a.ok !== undefined || (a.exit?.code === 0 && !killed(a));
}
