/**
 * Lines the TKE CLI is known to print, by the start of the line: part of the one recogniser
 * (recognise.ts re-exports it). The journal scrubber ends its redaction window after a password
 * prompt at such a line, so these are strict (anchored) where recognition elsewhere is lenient.
 */
import * as tke from '../tke/messages.js';
import { startsWithMilestone } from './milestones.js';

/** A catalogue string as an anchored expression; `{placeholders}` match anything. */
function template(text: string): RegExp {
  const escaped = text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&').replace(/\\\{\w+\\\}/g, '.*');
  return new RegExp(`^${escaped}`);
}

const KNOWN: readonly RegExp[] = [
  ...[
    tke.HSM_ERROR_LINE,
    tke.NO_INSTANCES,
    tke.MULTIPLE_INSTANCES,
    tke.INSTANCE_TABLE_HEADER,
    tke.SERVICE_INSTANCE_PREFIX,
    tke.CRYPTOUNITS_TABLE_HEADER,
    tke.SIGKEYS_TABLE_HEADER,
    tke.REGISTER_TABLE_HEADER,
    tke.SETIMM_WARNING,
    tke.PRECHECK_FAILED_PREFIX,
    tke.STEP_GENERATE,
    tke.STEP_COPY,
    tke.STEP_COMMIT,
    tke.STEP_REWRAP,
    tke.STEP_REWRAP_PROGRESS,
    tke.STEP_PROMOTE,
    ...tke.HEADER_LABELS,
    ...tke.AUTH_FAILED_LINES,
  ].map(template),
  /^(OK|FAILED)$/,
  /^(Status code|Message|Return code|Reason code|Error message|CRYPTO UNIT NUM):/,
  /^(Error|Warning)\b/,
];

/**
 * True when a cleaned, trimmed line is one the TKE CLI prints: it begins with a milestone (by the
 * milestone recogniser) or with another known message, table header or status line.
 */
export function isKnownTkeLine(plain: string): boolean {
  return startsWithMilestone(plain) || KNOWN.some((re) => re.test(plain));
}
