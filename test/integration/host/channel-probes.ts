/**
 * Schema-violating payloads for every channel of the IPC contract, made from one valid request per
 * channel: not an object at all, an unknown key, each declared field missing or of a wrong type.
 * Only payloads the contract's own schema refuses are kept, so none can reach a handler.
 */
import { CHANNELS, contract, type Channel } from '../../../shared/ipc/contract.js';

/** One valid request per channel (checked against the contract by the campaign). */
export const VALID: Record<Channel, Record<string, unknown>> = {
  'app:get-info': {},
  'app:get-bootstrap': {},
  'rotation:start': { flow: 'auto', operator: 'Probe', instanceId: 'inst', confirmed: ['api-quiet'] },
  'rotation:open': { rotationId: 'r-1', readOnly: true },
  'rotation:get-state': {},
  'rotation:list': {},
  'rotation:get-lines': { from: 0, count: 10 },
  'rotation:run-command': { argv: ['tke', 'cryptounits'] },
  'rotation:answer-prompt': { runId: 'run-1', text: 'y', secret: false },
  'rotation:cancel-command': { runId: 'run-1', confirmation: 'CANCEL' },
  'rotation:record-decision': { what: 'probe', override: false },
  'rotation:finish': { outcome: 'completed' },
  'precheck:run': { flow: 'auto' },
  'keyfiles:scan': {},
  'keyfiles:verify-password': { fileName: 'a.json', password: 'p' },
  'demo:get-status': {},
  'demo:set-fault': { fault: null },
  'demo:reset': { scenario: 'default', keys: 10 },
  'report:export': {
    rotationId: 'r-1',
    language: 'en',
    operator: 'Probe',
    keyPassword: 'p',
    admin: { fileName: 'a.json', password: 'p' },
  },
  'report:verify': { file: { name: 'r.json', base64: 'e30=' }, pinnedFingerprint: 'ab' },
  'report:get-key-status': {},
  'report:get-public-key': { keyPassword: 'p' },
  'report:read-file': { rotationId: 'r-1', kind: 'pdf' },
  'training:list-scenarios': {},
  'training:get-state': {},
  'training:start-scenario': { scenarioId: 'm1-not-m2', mode: 'exam' },
  'training:choose': { choice: 'cryptounit-mk', units: [1] },
  'training:pause': { paused: true },
  'training:inject-fault': { fault: 'after-m1' },
  'training:end-scenario': {},
  'training:reset-session': {},
  'training:export-summary': { language: 'ja', operator: 'Probe', keyPassword: 'p' },
  'analysis:classify': { inputs: [{ name: 'a.txt', base64: 'YQ==' }], command: 'other' },
  'analysis:read-registers': { analysisId: 'analysis-1' },
  'analysis:adopt': { analysisId: 'analysis-1', reviewedPhase: 'no-rotation' },
  'analysis:confirm-review': { rotationId: 'r-1', phase: 'no-rotation' },
  'analysis:get-review': {},
  'twin:rehearse': { twin: { name: 'twin.json', base64: 'e30=' }, instanceId: 'inst', faults: ['after-m1', 'none'] },
  'twin:get-rehearsal': {},
  'twin:capture': {},
  'demo:load-twin': { twin: { name: 'twin.json', base64: 'e30=' }, keys: 10 },
};

// Wrong types for any field: at least one differs from whatever the field expects.
const WRONG_VALUES: unknown[] = [
  12345,
  -1.5,
  'not-what-is-expected',
  true,
  null,
  [],
  {},
  ['a', 1],
  { nested: { deeper: [] } },
  'x'.repeat(100_000),
];
// Whole payloads of the wrong shape.
const NOT_OBJECTS: unknown[] = ['text', 42, true, [], [{}], 'null'];

export interface PayloadProbe {
  channel: Channel;
  what: string;
  payload: unknown;
}

function fieldsOf(channel: Channel): string[] {
  const schema = contract[channel].request as unknown as { shape?: Record<string, unknown> };
  return Object.keys(schema.shape ?? {});
}

function refused(channel: Channel, payload: unknown): boolean {
  return !contract[channel].request.safeParse(payload).success;
}

/** Every violation for every channel. */
export function payloadProbes(): PayloadProbe[] {
  const probes: PayloadProbe[] = [];
  const add = (channel: Channel, what: string, payload: unknown) => {
    if (refused(channel, payload)) probes.push({ channel, what, payload });
  };
  for (const channel of CHANNELS) {
    const valid = VALID[channel];
    for (const payload of NOT_OBJECTS) add(channel, `payload ${JSON.stringify(payload)}`, payload);
    add(channel, 'an unknown key', { ...valid, unexpected: 1 });
    add(
      channel,
      'a __proto__ key',
      JSON.parse(`{"__proto__": {"polluted": true}, ${JSON.stringify(valid).slice(1, -1) || '"x": 1'}}`),
    );
    for (const field of fieldsOf(channel)) {
      const { [field]: _omitted, ...without } = valid;
      add(channel, `${field} missing`, without);
      WRONG_VALUES.forEach((value, i) => add(channel, `${field} wrong #${i}`, { ...valid, [field]: value }));
    }
  }
  return probes;
}
