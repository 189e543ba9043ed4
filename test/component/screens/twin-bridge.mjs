// Node side of the rehearsal component test; typed by twin-bridge.d.mts (the component tests are
// type-checked as renderer code, so they see this helper through those declarations only).
import { twinHandlers } from '../../../electron/backend/handlers/twin.ts';
import { contract } from '../../../shared/ipc/contract.ts';
import { RefusedError } from '../../../shared/ipc/dispatch.ts';
import { createMemorySim, runInProcess } from '../../../shared/sim/index.ts';
import { buildTwin, CAPTURE_COMMANDS } from '../../../shared/twin/capture.ts';
import { serialiseTwin } from '../../../shared/twin/schema.ts';

export async function captureTwin(scenario) {
  const now = () => 1_700_000_000_000;
  const sim = await createMemorySim(scenario, { now });
  const readings = { ibmcloudVersion: null, tkeVersion: null };
  for (const [key, argv] of Object.entries(CAPTURE_COMMANDS)) {
    readings[key] = (await runInProcess(sim, argv)).transcript;
  }
  return { text: serialiseTwin(buildTwin(readings, new Date(now())).twin), instanceId: sim.state.instances[0].id };
}

/** The twin handlers; `twin:capture` reads a memory simulator of `scenario` (what the app's runner would run). */
export function twinBackend(scenario = 'default') {
  const calls = [];
  const store = { last: null };
  let sim;
  const read = async (argv) => {
    sim ??= await createMemorySim(scenario, { now: () => 1_700_000_000_000 });
    const r = await runInProcess(sim, argv);
    return { exitCode: r.exitCode, lines: r.transcript.split('\n') };
  };
  const handlers = twinHandlers(store, read);
  const invoke = async (channel, request) => {
    calls.push({ channel, request });
    if (!(channel in handlers)) return { ok: false, error: { code: 'unknown-channel', message: channel } };
    try {
      return { ok: true, value: await handlers[channel](contract[channel].request.parse(request)) };
    } catch (error) {
      const code = error instanceof RefusedError ? 'refused' : 'failed';
      return { ok: false, error: { code, message: error instanceof Error ? error.message : String(error) } };
    }
  };
  return { api: { invoke, on: () => () => undefined }, calls, store };
}
