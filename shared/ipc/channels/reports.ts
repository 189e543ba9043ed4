/** Channels of signed recovery reports. */
import { z } from 'zod';
import { MAX_REPORT_BYTES } from '../../reports/limits.js';
import { ReportExportResult, ReportPublicKeyView, ReportVerificationView } from '../responses/reports.js';
import { fileBytesUpTo, RotationId } from '../schema-kit.js';

const Secret = z.string().min(1).max(1024);

export const reportChannels = {
  /** Sign and export the report of a rotation (PDF + JSON) into the app's reports folder. */
  'report:export': {
    request: z
      .object({
        rotationId: RotationId,
        language: z.enum(['en', 'ja']),
        operator: z.string().trim().max(120).optional(),
        /** Needed only where the OS keystore (Electron safeStorage) is not available. */
        keyPassword: Secret.optional(),
        admin: z
          .object({ fileName: z.string().min(1).max(255), password: Secret })
          .strict()
          .optional(),
      })
      .strict(),
    response: ReportExportResult,
  },
  /** Verify a report file the administrator picked (PDF or JSON), optionally pinned to a fingerprint. */
  'report:verify': {
    request: z
      .object({ file: fileBytesUpTo(MAX_REPORT_BYTES), pinnedFingerprint: z.string().max(200).optional() })
      .strict(),
    response: ReportVerificationView,
  },
  /** Whether the OS keystore protects the report key here, and whether the key exists yet. */
  'report:get-key-status': {
    request: z.object({}).strict(),
    response: z.object({ osKeystore: z.boolean(), exists: z.boolean() }),
  },
  /** The report key's public half and fingerprint, for auditors to pin. */
  'report:get-public-key': {
    request: z.object({ keyPassword: Secret.optional() }).strict(),
    response: ReportPublicKeyView,
  },
  /** The bytes of an exported file (the one named, as report:export returned it, else the latest), so a browser can save it. */
  'report:read-file': {
    request: z
      .object({ rotationId: RotationId, kind: z.enum(['pdf', 'json']), name: z.string().min(1).max(255).optional() })
      .strict(),
    response: z.object({ name: z.string(), base64: z.string() }),
  },
} as const;
