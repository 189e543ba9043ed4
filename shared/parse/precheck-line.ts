import { PRECHECK_FAILED_PREFIX, PRECHECK_MESSAGES, type PrecheckId } from '../tke/messages.js';

/** A parsed `Initial state check failed:` line. */
export interface PrecheckFailure {
  check: PrecheckId | undefined;
  /** Unit numbers named by the message (`crypto units 2, 3 ...`), when any. */
  units: number[];
  detail: string;
}

type CheckWithMessage = keyof typeof PRECHECK_MESSAGES;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

const EXACT: { id: CheckWithMessage; re: RegExp }[] = (Object.keys(PRECHECK_MESSAGES) as CheckWithMessage[]).map(
  (id) => {
    const body = escapeRegExp(PRECHECK_MESSAGES[id].replace(/\.$/, '')).replace('\\{units\\}', '([\\d,\\s and]*?)');
    return { id, re: new RegExp(`^${body}\\.?$`, 'i') };
  },
);

// Wording drifts between releases; these keep the check recognisable when the text is not exact.
const FUZZY: { id: CheckWithMessage; re: RegExp }[] = [
  { id: 'imprint', re: /imprint/i },
  { id: 'thresholds', re: /threshold.*not (?:the )?same|not (?:the )?same.*threshold/i },
  { id: 'admins', re: /administrators?|sigkey-sel/i },
  { id: 'current-mk', re: /current master key/i },
  { id: 'new-mk', re: /new master key/i },
  { id: 'selection', re: /selected crypto units|service instance/i },
];

function unitNumbers(text: string | undefined): number[] {
  if (text === undefined) return [];
  return (text.match(/\d+/g) ?? []).map(Number);
}

/** Parse the text after `Initial state check failed:` into a pre-check id (or undefined). */
export function parsePrecheckFailure(line: string): PrecheckFailure | undefined {
  const trimmed = line.trim();
  if (trimmed.slice(0, PRECHECK_FAILED_PREFIX.length).toLowerCase() !== PRECHECK_FAILED_PREFIX.toLowerCase()) {
    return undefined;
  }
  const detail = trimmed.slice(PRECHECK_FAILED_PREFIX.length).trim();
  for (const { id, re } of EXACT) {
    const m = re.exec(detail);
    if (m !== null) return { check: id, units: unitNumbers(m[1]), detail };
  }
  for (const { id, re } of FUZZY) {
    if (re.test(detail)) {
      const units = /crypto units? ([\d,\s and]+)/i.exec(detail);
      return { check: id, units: unitNumbers(units?.[1]), detail };
    }
  }
  return { check: undefined, units: [], detail };
}
