/**
 * The content of a recovery report (docs/reports.md): what the signature covers. Every field is
 * named here on purpose: reports are built from an allowlist, so a field that is not declared
 * (a password, an output line, a token) cannot reach a report by accident.
 */
import { z } from 'zod';
import { REGISTER_STATES, UNIT_TYPES } from '../tke/types.js';

/**
 * Identifies the content schema; bump the number on an incompatible change. Version 2 added the
 * signed `signing` block (report key, expected co-signer, PDF renderer); version 1 reports cannot
 * be checked for a stripped co-signature or forged pages, so they are refused.
 */
export const REPORT_CONTENT_FORMAT = 'mkra-report-content/2';
/** Identifies the signed file (`.json`, and the PDF's `report.json` attachment). */
export const SIGNED_REPORT_FORMAT = 'mkra-report/1';

export const REPORT_MODES = ['live', 'demo', 'training'] as const;
export type ReportMode = (typeof REPORT_MODES)[number];

const time = z.string().min(1);
const seq = z.number().int().positive();

const register = z.strictObject({ state: z.enum(REGISTER_STATES), vp: z.string() });
const unit = z.strictObject({ num: z.number().int(), type: z.enum(UNIT_TYPES), current: register, new: register });
const advice = z.strictObject({ command: z.string(), why: z.string() });
const evidence = z.strictObject({ file: z.string(), line: z.number().int(), text: z.string() });

export const reportContentSchema = z.strictObject({
  format: z.literal(REPORT_CONTENT_FORMAT),
  generatedAt: time,
  generator: z.strictObject({ name: z.string(), version: z.string() }),
  rotationId: z.string().min(1),
  instanceId: z.string().nullable(),
  flow: z.string(),
  mode: z.enum(REPORT_MODES),
  /** Files of an imported journal part, by name and SHA-256; null when nothing was imported. */
  imported: z.strictObject({ files: z.array(z.strictObject({ name: z.string(), sha256: z.string() })) }).nullable(),
  workstation: z.strictObject({ host: z.string(), user: z.string() }),
  operator: z.string().nullable(),
  startedAt: time,
  endedAt: time.nullable(),
  /** Pre-check results as far as the journal holds them (the classifier's failed checks). */
  prechecks: z.array(z.strictObject({ seq, time, phase: z.string(), failedChecks: z.array(z.string()) })),
  commands: z.array(
    z.strictObject({
      seq,
      time,
      command: z.string(),
      mode: z.enum(REPORT_MODES),
      finishedAt: time.nullable(),
      exitCode: z.number().int().nullable(),
      signal: z.string().nullable(),
    }),
  ),
  prompts: z.array(z.strictObject({ seq, time, kind: z.string(), answer: z.string() })),
  milestones: z.array(z.strictObject({ seq, time, id: z.string(), text: z.string() })),
  registers: z.array(z.strictObject({ seq, time, units: z.array(unit) })),
  classifications: z.array(
    z.strictObject({
      seq,
      time,
      phase: z.string(),
      flow: z.string().nullable(),
      reason: z.string().nullable(),
      next: z.array(advice),
      forbidden: z.array(advice),
      evidence: z.array(evidence),
      unitsToDeselect: z.array(z.number().int()),
      failedChecks: z.array(z.string()),
    }),
  ),
  decisions: z.array(z.strictObject({ seq, time, what: z.string(), override: z.boolean() })),
  recoveries: z.array(z.strictObject({ seq, time, line: z.number().int(), bytes: z.number().int() })),
  outcome: z.string().nullable(),
  journal: z.strictObject({
    entryCount: z.number().int().nonnegative(),
    finalHash: z.string(),
    status: z.string(),
    verified: z.boolean(),
    reason: z.string(),
  }),
});

/** What a signed report states; see reportContentSchema for the meaning of each field. */
export type ReportContent = z.infer<typeof reportContentSchema>;

const hex64 = z.string().regex(/^[0-9a-f]{64}$/);

/**
 * What the signers declare about the signatures and the PDF, inside the signed payload so that
 * none of it can be changed or stripped without breaking the workstation signature.
 */
export const reportSigningSchema = z.strictObject({
  /** Fingerprint of the report key that makes the first signature. */
  reportKey: hex64,
  /** The administrator whose co-signature must follow; null when the report is not co-signed. */
  coSigner: z.strictObject({ ski: hex64, name: z.string() }).nullable(),
  /** The PDF renderer whose output is the only PDF form of this report (docs/reports.md). */
  pdfRenderer: z.string().min(1),
});
export type ReportSigning = z.infer<typeof reportSigningSchema>;

/** The signed payload: the content plus the signers' declarations. */
export const signedPayloadSchema = reportContentSchema.extend({ signing: reportSigningSchema });
export type SignedPayload = z.infer<typeof signedPayloadSchema>;
