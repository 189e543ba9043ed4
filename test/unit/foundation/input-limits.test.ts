// The size limits at the boundary fit together: the browser host's message limit admits the
// largest request a channel accepts and little more, and report:verify refuses a file over the
// one report limit the Reports screen also applies.
import { describe, expect, it } from 'vitest';
import { MAX_MESSAGE_BYTES } from '../../../electron/backend/host/socket.js';
import { MAX_ANALYSIS_BYTES, MAX_ANALYSIS_FILES } from '../../../shared/analysis/types.js';
import { contract } from '../../../shared/ipc/contract.js';
import { base64DecodedBytes } from '../../../shared/ipc/schema-kit.js';
import { MAX_REPORT_BYTES } from '../../../shared/reports/limits.js';

const base64Of = (bytes: number) => Buffer.alloc(bytes).toString('base64');
// The longest name the schema takes, made of characters JSON escapes to six each.
const worstName = '\u0001'.repeat(255);
const frameBytes = (channel: string, payload: unknown) =>
  Buffer.byteLength(JSON.stringify({ type: 'invoke', id: Number.MAX_SAFE_INTEGER, channel, payload }));

describe('input limits', () => {
  it('the WebSocket message limit admits the largest analysis request', () => {
    const each = Math.floor(MAX_ANALYSIS_BYTES / MAX_ANALYSIS_FILES);
    const inputs = Array.from({ length: MAX_ANALYSIS_FILES }, () => ({ name: worstName, base64: base64Of(each + 2) }));
    const payload = { inputs, command: 'cryptounit-mk-setimm' };
    expect(contract['analysis:classify'].request.safeParse(payload).success).toBe(true);
    expect(frameBytes('analysis:classify', payload)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
  });

  it('the WebSocket message limit admits the largest report to verify, and stays under 48 MiB', () => {
    const payload = {
      file: { name: worstName, base64: base64Of(MAX_REPORT_BYTES) },
      pinnedFingerprint: 'f'.repeat(200),
    };
    expect(contract['report:verify'].request.safeParse(payload).success).toBe(true);
    expect(frameBytes('report:verify', payload)).toBeLessThanOrEqual(MAX_MESSAGE_BYTES);
    expect(MAX_MESSAGE_BYTES).toBeLessThan(48 * 1024 * 1024);
  });

  it('report:verify refuses a file one byte over the report limit, naming it', () => {
    const over = contract['report:verify'].request.safeParse({
      file: { name: 'big.pdf', base64: base64Of(MAX_REPORT_BYTES + 1) },
    });
    expect(over.success).toBe(false);
    expect(JSON.stringify(over.error?.issues)).toContain(`larger than ${MAX_REPORT_BYTES} bytes (16 MiB)`);
    expect(
      contract['report:verify'].request.safeParse({ file: { name: 'ok.pdf', base64: base64Of(MAX_REPORT_BYTES) } })
        .success,
    ).toBe(true);
  });

  it('counts decoded bytes from the base64 length and padding', () => {
    for (let n = 0; n < 40; n++) expect(base64DecodedBytes(Buffer.alloc(n, 7).toString('base64'))).toBe(n);
  });
});
