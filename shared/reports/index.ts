/** Pure parts of signed recovery reports: content schema, key facts, summaries, wording. */
export {
  REPORT_CONTENT_FORMAT,
  REPORT_MODES,
  SIGNED_REPORT_FORMAT,
  reportContentSchema,
  reportSigningSchema,
  signedPayloadSchema,
  type ReportContent,
  type ReportMode,
  type ReportSigning,
  type SignedPayload,
} from './content-schema.js';
export { KEY_FACT_WIDTH, asciiOnly, keyFactLines, modeBanner } from './key-facts.js';
export { summaryLines, tallyReport, type ReportTally } from './summary.js';
export { REPORT_LANGUAGES, reportLabels, type ReportLabels, type ReportLanguage } from './labels.js';
