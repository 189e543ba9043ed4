/** Output layouts of docs/tke-output.md: context header, tables, error blocks. */
import type { Ep11Code } from '../tke/ep11-codes.js';
import { AUTH_FAILED_LINES, HEADER_LABELS, HSM_ERROR_LINE } from '../tke/messages.js';
import type { SigkeyInfo } from './context.js';
import type { SimSession } from './state.js';

const HEADER_WIDTH = 18;

/** The context header every TKE command prints, followed by a blank line. */
export function headerLines(s: SimSession): string[] {
  const values = [s.apiEndpoint, s.region, s.user, s.account, s.resourceGroup];
  return [...HEADER_LABELS.map((label, i) => label.padEnd(HEADER_WIDTH) + (values[i] ?? '')), ''];
}

/** A table row whose cells start at the same columns as the header's words (at least two spaces apart). */
export function row(widths: readonly number[], cells: readonly string[]): string {
  return cells
    .map((c, i) => {
      const w = widths[i];
      if (w === undefined || i === cells.length - 1) return c;
      return c.length + 2 > w ? `${c}  ` : c.padEnd(w);
    })
    .join('');
}

/** Column start offsets of a fixed header, used as widths for `row`. */
export function widthsOf(header: string): number[] {
  const starts: number[] = [];
  const re = /\S+(?: \S+)*/g;
  let m: RegExpExecArray | null;
  while ((m = re.exec(header)) !== null) starts.push(m.index);
  return starts.slice(1).map((s, i) => s - (starts[i] ?? 0));
}

/** Upper-case VP, or 64 zeros for an empty register. */
export function displayVp(vp: string): string {
  return vp === '' ? '0'.repeat(64) : vp.toUpperCase();
}

/** Lines of the expired-token error (after `FAILED`). */
export function authFailedLines(): string[] {
  return [...AUTH_FAILED_LINES];
}

/**
 * Lines of a crypto unit's refusal (after `FAILED`), as IBM's SDK frames them: an empty reason code
 * when the unit returns none, then the SDK's message for the code [tke-sdk: ep11cmds/ep11cprb.go:685-711].
 */
export function ep11ErrorLines(code: Ep11Code): string[] {
  return [
    HSM_ERROR_LINE,
    `Return code: ${code.returnCode}`,
    `Reason code: ${code.reasonCode ?? ''}`,
    `Error message: ${code.text}`,
  ];
}

/** A signature key as the password prompt names it: `admin1 (665527ed7e97c2a083dab035f40c65...)`. */
export function sigkeyLabel(key: SigkeyInfo): string {
  return `${key.description} (${shortSki(key.ski)})`;
}

/** An SKI cut to 30 hex digits and `...`, as auto-init lists signature keys. */
export function shortSki(ski: string): string {
  return ski.length > 30 ? `${ski.slice(0, 30)}...` : ski;
}

/** Replace `{name}` placeholders in a catalogue template. */
export function fill(template: string, values: Record<string, string | number>): string {
  return template.replace(/\{(\w+)\}/g, (m, k: string) => (k in values ? String(values[k]) : m));
}
