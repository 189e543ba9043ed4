/**
 * The response schemas against what the real backend answers: a demo backend (simulator) driven
 * through `dispatch` over nearly every channel, a rotation, a report, training, an analysis and a
 * twin included. Each handler's own answer is recorded before `dispatch` checks it: it must pass its
 * channel's schema unchanged (a schema too strict fails here, one that drops a field too), and
 * `dispatch` must send exactly that.
 */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import { createBackend, type Backend } from '../../../electron/backend/backend.js';
import { CHANNELS, contract, type Channel } from '../../../shared/ipc/contract.js';
import { dispatch, type Handlers } from '../../../shared/ipc/dispatch.js';
import { CHECKLIST_IDS } from '../../../shared/precheck/checklist.js';
import type { RotationSnapshot } from '../../../shared/rotation/types.js';
import { TransportDriver, type Transport } from '../interlocks/transport-driver.js';
import { ensureBuilt } from '../sim/harness.js';

const KEY_PASSWORD = 'report-key-Pa55word';

interface Answer {
  channel: Channel;
  raw: unknown;
}

/** A transport straight into `dispatch`, over handlers that record what they answered. */
function recordingTransport(backend: Backend, answers: Answer[]): Transport {
  const recording = Object.fromEntries(
    CHANNELS.map((channel) => {
      const handler = backend.handlers[channel] as (request: unknown) => Promise<unknown>;
      return [
        channel,
        async (request: unknown) => {
          const raw = await handler(request);
          answers.push({ channel, raw: structuredClone(raw) });
          return raw;
        },
      ];
    }),
  ) as unknown as Handlers;
  const events: { event: string; payload: unknown }[] = [];
  let wake: (() => void)[] = [];
  backend.subscribe((event, payload) => {
    events.push({ event, payload });
    wake.splice(0).forEach((w) => w());
  });
  return {
    events,
    invoke: (channel, payload) => dispatch(recording, channel, payload),
    nextEvent: (seen) => (events.length > seen ? Promise.resolve() : new Promise<void>((r) => wake.push(r))),
    close: async () => {
      wake = [];
      await backend.rotations.shutdown();
    },
  };
}

async function rotationAndReport(d: TransportDriver): Promise<void> {
  await d.call('demo:reset', { scenario: 'default', keys: 30 });
  await d.call('demo:set-fault', { fault: null });
  await d.call('keyfiles:scan', {});
  await d.call('keyfiles:verify-password', { fileName: '1.sigkey', password: 'passw0rd' });
  await d.call('precheck:run', { flow: 'auto' });
  await d.runToExit(['tke', 'cryptounits']);
  await cancelled(d, ['tke', 'sigkey-sel']);
  const started = await d.call<RotationSnapshot>('rotation:start', {
    flow: 'auto',
    operator: 'Schema test',
    confirmed: [...CHECKLIST_IDS],
  });
  await d.runToExit(['tke', 'auto-mk-rotate']);
  await d.call('rotation:get-lines', { from: 0, count: 100 });
  await d.call('rotation:record-decision', { what: 'schema test decision', override: false });
  await d.call('rotation:get-state', {});
  const done = await d.call<RotationSnapshot>('rotation:finish', { outcome: 'completed' });
  await d.call('rotation:open', { rotationId: started.rotationId, readOnly: true });
  await d.call('rotation:list', {});
  await d.call('report:get-key-status', {});
  const exported = await d.call<{ fingerprint: string }>('report:export', {
    rotationId: done.rotationId,
    language: 'en',
    keyPassword: KEY_PASSWORD,
  });
  await d.call('report:get-public-key', { keyPassword: KEY_PASSWORD });
  const pdf = await d.call<{ name: string; base64: string }>('report:read-file', {
    rotationId: done.rotationId,
    kind: 'pdf',
  });
  await d.call('report:verify', { file: pdf, pinnedFingerprint: exported.fingerprint });
  await d.call('report:verify', { file: { name: 'not-a-report.json', base64: Buffer.from('{}').toString('base64') } });
}

/** Start a command that waits at its prompt, cancel it, and wait for its exit. */
async function cancelled(d: TransportDriver, argv: string[]): Promise<void> {
  const { runId } = await d.call<{ runId: string }>('rotation:run-command', { argv });
  await d.call('rotation:cancel-command', { runId });
  const events = d.transport.events;
  while (!events.some((e) => e.event === 'rotation:exit' && (e.payload as { runId: string }).runId === runId))
    await d.transport.nextEvent(events.length);
}

async function training(d: TransportDriver): Promise<void> {
  await d.call('training:list-scenarios', {});
  await d.call('training:get-state', {});
  await d.call('training:start-scenario', { scenarioId: 'm1-not-m2', mode: 'guided' });
  await d.call('training:pause', { paused: true });
  await d.call('training:pause', { paused: false });
  await d.call('training:inject-fault', { fault: null });
  await d.call('training:choose', { choice: 'cryptounit-mk-rotate' });
  await d.call('training:end-scenario', {});
  await d.call('training:export-summary', { language: 'en', keyPassword: KEY_PASSWORD });
  await d.call('training:reset-session', {});
}

async function analysisAndTwin(d: TransportDriver): Promise<void> {
  const paste = ['$ ibmcloud tke auto-mk-rotate', 'FAILED', 'Error while rotating master key.'].join('\n');
  const analysed = await d.call<{ status: string; analysisId: string }>('analysis:classify', {
    inputs: [{ name: 'run.txt', base64: Buffer.from(paste).toString('base64') }],
    command: 'auto-mk-rotate',
  });
  await d.call('analysis:classify', { inputs: [{ name: 'empty.txt', base64: '' }], command: 'other' });
  const read = await d.call<{ analysisId: string; classification: { phase: string } }>('analysis:read-registers', {
    analysisId: analysed.analysisId,
  });
  const adopted = await d.call<{ review: { rotationId: string; phase: string } }>('analysis:adopt', {
    analysisId: read.analysisId,
    reviewedPhase: read.classification.phase,
  });
  await d.call('analysis:confirm-review', { rotationId: adopted.review.rotationId, phase: adopted.review.phase });
  await d.call('analysis:get-review', {});
  await d.call('rotation:finish', { outcome: 'abandoned' });
  const twin = await d.call<{ name: string; text: string }>('twin:capture', {});
  const file = { name: twin.name, base64: Buffer.from(twin.text).toString('base64') };
  await d.call('twin:rehearse', {
    twin: file,
    instanceId: instanceOf(twin.text),
    faults: ['none', 'mid-rewrap:crash'],
  });
  await d.call('twin:get-rehearsal', {});
  await d.call('demo:load-twin', { twin: file, keys: 20 });
  await d.call('demo:get-status', {});
  await d.call('app:get-info', {});
  await d.call('app:get-bootstrap', {});
}

function instanceOf(twinText: string): string {
  const parsed = JSON.parse(twinText) as { instances?: { id: string }[] };
  const id = parsed.instances?.[0]?.id;
  if (!id) throw new Error('the captured twin names no instance');
  return id;
}

describe('real answers against the response schemas', () => {
  beforeAll(ensureBuilt);

  it('every answer the demo backend gives passes its schema unchanged', { timeout: 300_000 }, async () => {
    const dataDir = mkdtempSync(join(tmpdir(), 'mkra-answers-'));
    const env = { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', MKRA_SIM_TIME_SCALE: '0' };
    const backend = createBackend({ host: 'browser', env, dataDir, forceDemo: true, name: 'mkra', version: 'schemas' });
    const answers: Answer[] = [];
    const transport = recordingTransport(backend, answers);
    const d = new TransportDriver(transport);
    try {
      await rotationAndReport(d);
      await training(d);
      await analysisAndTwin(d);
    } finally {
      await transport.close();
      rmSync(dataDir, { recursive: true, force: true });
    }
    for (const { channel, raw } of answers) {
      const parsed = contract[channel].response.safeParse(raw);
      expect(parsed.error, channel).toBeUndefined();
      expect(parsed.data, channel).toEqual(raw);
    }
    const covered = new Set(answers.map((a) => a.channel));
    expect(CHANNELS.filter((c) => !covered.has(c))).toEqual([]);
  });
});
