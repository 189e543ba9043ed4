/**
 * Schemas of the report channels' responses. Paths, fingerprints and the public key only: the report
 * key's private half and every password stay in the backend.
 */
import { z } from 'zod';
import type {
  ReportExportResult as ReportExportResultType,
  ReportPublicKeyView as ReportPublicKeyViewType,
  ReportVerificationView as ReportVerificationViewType,
} from '../views.js';
import { exact } from '../schema-kit.js';

const exportShape = {
  jsonPath: z.string(),
  pdfPath: z.string(),
  fingerprint: z.string(),
  adminSki: z.string().nullable(),
};

export const ReportExportResult = exact<ReportExportResultType>()(z.object(exportShape));

/** `training:export-summary`: a report export, and the session whose files report:read-file serves. */
export const SummaryExportResult = exact<ReportExportResultType & { sessionId: string }>()(
  z.object({ ...exportShape, sessionId: z.string() }),
);

export const ReportPublicKeyView = exact<ReportPublicKeyViewType>()(
  z.object({ pem: z.string(), fingerprint: z.string(), osProtected: z.boolean() }),
);

export const ReportVerificationView = exact<ReportVerificationViewType>()(
  z.discriminatedUnion('status', [
    z.object({
      status: z.literal('valid'),
      fingerprint: z.string(),
      pinned: z.boolean(),
      admin: z.object({ ski: z.string(), name: z.string() }).nullable(),
      summary: z.array(z.string()),
      pages: z.enum(['identical', 'not-checked', 'none']),
      renderer: z.object({ report: z.string(), here: z.string() }),
      facts: z.array(z.string()),
    }),
    z.object({
      status: z.literal('invalid'),
      reason: z.string(),
      problem: z.enum(['pages-differ', 'cosignature-missing']).optional(),
    }),
    z.object({ status: z.literal('unreadable'), reason: z.string() }),
  ]),
);
