/**
 * Runs the read-only listings a rotation depends on and evaluates the seven pre-checks of
 * docs/domain.md (section 4) from them, before anything is touched.
 */
import { parseCryptoUnits } from '../../../shared/parse/cryptounits.js';
import { parseAdmins, parseSigKeys, parseThresholds } from '../../../shared/parse/listings.js';
import { parseRegisterListing } from '../../../shared/parse/registers.js';
import { recogniseLine } from '../../../shared/parse/recognise.js';
import { evaluatePrechecks, type PrecheckFlow } from '../../../shared/precheck/index.js';
import { estimateRotation, type PrecheckReport, type ReadResult } from '../../../shared/precheck/report.js';
import { PRECHECK_READS } from '../../../shared/precheck/reads.js';
import type { SigningService } from '../../../shared/tke/signing-service.js';

export interface PrecheckDeps {
  read(argv: string[]): Promise<{ exitCode: number; lines: string[] }>;
  token(): Promise<PrecheckReport['token']>;
  keyCount(): Promise<number | null>;
  now(): number;
  /** The signing service's key list when the CLI signs through one (`TKE_SIGNSERV_URL`); undefined otherwise. */
  signingService?: () => SigningService | undefined;
}

const READS = PRECHECK_READS;

function problemLines(lines: string[]): string[] {
  const start = lines.findIndex((l) => recogniseLine(l).event?.kind === 'failed');
  return start < 0 ? [] : lines.slice(start, start + 6).filter((l) => l.trim() !== '');
}

/** Run the listings and evaluate every pre-check for the chosen flow. */
export async function runPrechecks(flow: PrecheckFlow, deps: PrecheckDeps): Promise<PrecheckReport> {
  const text: Partial<Record<keyof typeof READS, string>> = {};
  const reads: ReadResult[] = [];
  let unauthorised = false;
  for (const [name, argv] of Object.entries(READS) as [keyof typeof READS, readonly string[]][]) {
    const { exitCode, lines } = await deps.read([...argv]);
    reads.push({ command: `ibmcloud ${argv.join(' ')}`, exitCode, problem: exitCode === 0 ? [] : problemLines(lines) });
    if (lines.some((l) => recogniseLine(l).event?.kind === 'auth-error')) unauthorised = true;
    if (exitCode === 0) text[name] = lines.join('\n');
    if (unauthorised) break; // every further read would fail the same way
  }
  const now = deps.now();
  const token = unauthorised ? { expiresAt: now - 1, source: 'unknown' as const } : await deps.token();
  const instances = text.cryptounits ? parseCryptoUnits(text.cryptounits) : [];
  const registers = text.registers
    ? parseRegisterListing(text.registers).map(({ num, type, current, new: next }) => ({
        num,
        type,
        current,
        new: next,
      }))
    : [];
  const thresholds = text.thresholds ? parseThresholds(text.thresholds) : [];
  const admins = text.admins ? parseAdmins(text.admins) : [];
  const sigkeys = text.sigkeys ? parseSigKeys(text.sigkeys) : { keys: [], selected: [] };
  const signingService = deps.signingService?.();
  const results = evaluatePrechecks({
    flow,
    ...(text.cryptounits ? { instances } : {}),
    ...(text.thresholds ? { thresholds } : {}),
    ...(text.admins ? { admins } : {}),
    ...(text.registers ? { registers } : {}),
    ...(text.sigkeys ? { selectedSigKeys: sigkeys.selected } : {}),
    ...(signingService ? { signingService } : {}),
    ...(token.expiresAt !== null ? { token: { expiresAt: token.expiresAt, now } } : {}),
  });
  const keyCount = unauthorised ? null : await deps.keyCount();
  return {
    flow,
    ranAt: now,
    results,
    instances,
    registers,
    thresholds,
    admins,
    sigkeys,
    token,
    estimate: estimateRotation(keyCount, token.expiresAt, now),
    reads,
    ...(signingService ? { signingService } : {}),
  };
}
