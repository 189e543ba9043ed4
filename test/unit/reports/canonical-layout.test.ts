/**
 * A signed report file whose payload holds an object with a `toJSON` member (which canonical JSON
 * refuses, docs/journal.md "Canonical serialisation") is reported as edited, never a crash of the
 * verifier, even laid out exactly as the json-canonicalize library alone would write it.
 */
import { canonicalize } from 'json-canonicalize';
import { describe, expect, it } from 'vitest';
import { HOW_TO_VERIFY, verifySignedReportText } from '../../../electron/backend/reports/index.js';
import { SIGNED_REPORT_FORMAT } from '../../../shared/reports/index.js';

describe('signed report layout with a value canonical JSON refuses', () => {
  it('is invalid (edited after signing), not an exception', async () => {
    const signed = { format: SIGNED_REPORT_FORMAT, howToVerify: HOW_TO_VERIFY, payload: { content: { toJSON: 'x', b: 1, a: 2 } }, signatures: [{ protected: 'eyJhbGciOiJFZERTQSJ9', signature: 'AAAA' }] };
    const text = `${JSON.stringify(JSON.parse(canonicalize(signed)), null, 2)}\n`;
    expect(await verifySignedReportText(text)).toMatchObject({ status: 'invalid', reason: expect.stringMatching(/edited after signing/) });
  });
});
