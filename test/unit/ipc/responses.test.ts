/**
 * Every channel's answer is checked against its schema before it leaves the backend: for each
 * channel a well-formed answer passes (unchanged: the schema drops nothing) and one with a wrong type
 * deep inside is refused, by the schema and by `dispatch`, with a message naming the field.
 */
import { describe, expect, it } from 'vitest';
import { z } from 'zod';
import { CHANNELS, contract, type Channel } from '../../../shared/ipc/contract.js';
import { checkEvent, dispatch, MAX_ANSWER_ERROR, type Handlers } from '../../../shared/ipc/dispatch.js';
import { exact } from '../../../shared/ipc/schema-kit.js';
import { MALFORMED, WELL_FORMED } from './response-fixtures.js';

/** A copy of `value` (as JSON: no shared objects) with the field at `path` replaced (the whole value for an empty path). */
function broken(value: unknown, path: (string | number)[], replacement: unknown): unknown {
  if (path.length === 0) return replacement;
  const copy = JSON.parse(JSON.stringify(value)) as Record<string | number, unknown>;
  let node = copy;
  for (const key of path.slice(0, -1)) node = node[key] as Record<string | number, unknown>;
  const last = path[path.length - 1] as string | number;
  expect(node, `${path.join('.')} must exist in the fixture`).toHaveProperty(String(last));
  node[last] = replacement;
  return copy;
}

/** A backend whose handler for `channel` answers `value`. */
function answering(channel: Channel, value: unknown): Handlers {
  return { [channel]: async () => value } as unknown as Handlers;
}

/** A request each channel accepts (an empty object for the rest). */
const REQUESTS: Partial<Record<Channel, unknown>> = {
  'rotation:start': { flow: 'auto' },
  'rotation:open': { rotationId: 'r-1' },
  'rotation:get-lines': { from: 0, count: 10 },
  'rotation:run-command': { argv: ['tke', 'cryptounits'] },
  'rotation:answer-prompt': { runId: 'run-1', text: 'y', secret: false },
  'rotation:cancel-command': { runId: 'run-1' },
  'rotation:record-decision': { what: 'go on', override: false },
  'rotation:finish': { outcome: 'done' },
  'precheck:run': { flow: 'auto' },
  'keyfiles:verify-password': { fileName: '1.sigkey', password: 'pw' },
  'demo:set-fault': { fault: null },
  'demo:reset': { scenario: 'healthy' },
  'report:export': { rotationId: 'r-1', language: 'en' },
  'report:verify': { file: { name: 'r.json', base64: '' } },
  'report:read-file': { rotationId: 'r-1', kind: 'pdf' },
  'training:start-scenario': { scenarioId: 'basic', mode: 'guided' },
  'training:choose': { choice: 'cryptounits' },
  'training:pause': { paused: true },
  'training:inject-fault': { fault: null },
  'training:export-summary': { language: 'en' },
  'analysis:classify': { inputs: [{ name: 'a.txt', base64: 'YQ==' }], command: 'other' },
  'analysis:read-registers': { analysisId: 'analysis-1' },
  'analysis:adopt': { analysisId: 'analysis-1', reviewedPhase: 'completed' },
  'analysis:confirm-review': { rotationId: 'r-1', phase: 'completed' },
  'twin:rehearse': { twin: { name: 't.json', base64: 'e30=' }, instanceId: 'inst-1', faults: ['none'] },
  'demo:load-twin': { twin: { name: 't.json', base64: 'e30=' } },
};

describe('response schemas, channel by channel', () => {
  it('has a well-formed and a malformed answer for every channel', () => {
    expect(Object.keys(WELL_FORMED).sort()).toEqual([...CHANNELS].sort());
    expect(Object.keys(MALFORMED).sort()).toEqual([...CHANNELS].sort());
    for (const channel of CHANNELS)
      expect(contract[channel].request.safeParse(REQUESTS[channel] ?? {}).success, channel).toBe(true);
  });

  describe.each(CHANNELS.map((channel) => [channel]))('%s', (channel) => {
    const good = WELL_FORMED[channel];
    const { path, value } = MALFORMED[channel];
    const bad = broken(good, path, value);

    it('accepts a well-formed answer and keeps every field of it', () => {
      const parsed = contract[channel].response.safeParse(good);
      expect(parsed.error).toBeUndefined();
      expect(parsed.data).toEqual(good);
    });

    it('refuses a wrong type deep inside, naming the field', () => {
      const parsed = contract[channel].response.safeParse(bad);
      expect(parsed.success).toBe(false);
      expect(parsed.error?.issues[0]?.path).toEqual(path.slice(0, parsed.error?.issues[0]?.path.length));
    });

    it('dispatch sends the well-formed answer and never the malformed one', async () => {
      const request = REQUESTS[channel] ?? {};
      expect(await dispatch(answering(channel, good), channel, request)).toEqual({ ok: true, value: good });
      const refused = await dispatch(answering(channel, bad), channel, request);
      expect(refused).toMatchObject({ ok: false, error: { code: 'failed' } });
      const message = refused.ok ? '' : refused.error.message;
      expect(message).toContain(`The answer to ${channel} is outside the contract`);
      if (path.length > 0) expect(message).toContain(String(path[0]));
    });
  });
});

describe('the compile-time proof that a schema is its type', () => {
  it('refuses a field the type lacks, a required field made optional and a changed value type', () => {
    const sameAsType = exact<{ a: string; b?: number }>()(z.object({ a: z.string(), b: z.number().optional() }));
    // @ts-expect-error the schema has a field the type lacks (even an optional one)
    exact<{ a: string }>()(z.object({ a: z.string(), extra: z.string().optional() }));
    // @ts-expect-error the schema leaves out a field of the type (even an optional one)
    exact<{ a: string; b?: number }>()(z.object({ a: z.string() }));
    // @ts-expect-error a required field made optional
    exact<{ a: string }>()(z.object({ a: z.string().optional() }));
    // @ts-expect-error a nested value of another type
    exact<{ a: { b: string[] } }>()(z.object({ a: z.object({ b: z.array(z.number()) }) }));
    expect(sameAsType.parse({ a: 'x', b: 1 })).toEqual({ a: 'x', b: 1 });
  });
});

describe('a refused answer', () => {
  it('says what is wrong in a message of bounded length, however many fields are', async () => {
    const lines = Array.from({ length: 5000 }, () => ({ seq: 'x', text: 1 }));
    const refused = await dispatch(answering('rotation:get-lines', { from: 0, lines }), 'rotation:get-lines', {
      from: 0,
      count: 5000,
    });
    expect(refused).toMatchObject({
      ok: false,
      error: {
        code: 'failed',
        message: expect.stringMatching(/^The answer to rotation:get-lines is outside the contract: .*lines\[0\]\.seq/),
      },
    });
    expect(refused.ok ? 0 : refused.error.message.length).toBe(MAX_ANSWER_ERROR);
  });
});

describe('events', () => {
  it('a well-formed event passes; a malformed one is a problem naming the field, never its value, and never a throw', () => {
    const line = { runId: 'r1', seq: 4, index: 3, text: 'Re-encrypted 150 of 300 keys' };
    expect(checkEvent('rotation:line', line)).toEqual({ ok: true, payload: line });
    const bad = { ...line, index: 'SECRET-VALUE-42' } as never;
    const checked = checkEvent('rotation:line', bad);
    expect(checked.ok).toBe(false);
    if (checked.ok) return;
    expect(checked.problem).toContain('The rotation:line event is outside the contract');
    expect(checked.problem).toContain('index');
    expect(checked.problem).not.toContain('SECRET-VALUE-42');
  });
});
