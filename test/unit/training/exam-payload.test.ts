/**
 * An exam must not send the answer to the page: before a scenario is answered, nothing the training
 * channels return to the renderer names a phase, a fault or the scenario (its id, title, starting
 * state). The UI hiding them is not enough: the payload is searched, as the renderer receives it.
 */
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, test } from 'vitest';
import type { BackendContext } from '../../../electron/backend/handlers/context.js';
import { trainingHandlers } from '../../../electron/backend/handlers/training.js';
import { loadScenarioLibrary } from '../../../electron/backend/training/library.js';
import { PHASES } from '../../../shared/classifier/types.js';
import { trainingChannels } from '../../../shared/ipc/channels/training.js';
import { FAULT_POINTS } from '../../../shared/sim/faults.js';

const dirs: string[] = [];
afterAll(() => dirs.forEach((d) => rmSync(d, { recursive: true, force: true })));

/** The training handlers of a fresh demo backend (one session each). */
function handlers() {
  const dataDir = mkdtempSync(join(tmpdir(), 'mkra-exam-payload-'));
  dirs.push(dataDir);
  return trainingHandlers({ info: { mode: 'demo' }, dataDir, env: {} } as unknown as BackendContext);
}

const { scenarios } = await loadScenarioLibrary();
const phaseNames = Object.values(
  (JSON.parse(readFileSync('renderer/src/lib/i18n/en/console.json', 'utf8')) as { phase: Record<string, string> })
    .phase,
);

/**
 * What an exam's payload must not hold before the answer: every fault point and phase (id and English
 * name), and every scenario's id, titles and simulator scenario (`default` names nothing). Whole words
 * only, as in the e2e test: `auth` is not found in "authentication".
 */
const giveaways: string[] = [
  ...FAULT_POINTS,
  ...PHASES,
  ...phaseNames,
  ...scenarios.flatMap(({ scenario: s }) => [s.id, s.title.en, s.title.ja]),
  ...scenarios.map(({ scenario: s }) => s.simScenario).filter((name) => name !== 'default'),
];
const escape = (w: string): string => w.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');

function found(payload: unknown): string[] {
  const text = JSON.stringify(payload);
  return giveaways.filter((w) => new RegExp('(^|[^\\w-])' + escape(w) + '($|[^\\w-])').test(text));
}

describe('exam payload', () => {
  test('the giveaways are there to be found: the guided list names them', async () => {
    expect(scenarios.length).toBeGreaterThan(10);
    const guided = await handlers()['training:list-scenarios']({ mode: 'guided' });
    const text = JSON.stringify(guided);
    for (const { scenario } of scenarios) expect(text).toContain(scenario.title.en);
    expect(found(guided)).toEqual(expect.arrayContaining(['mid-rewrap', 'after-m1', 'm1-not-m2']));
  });

  test.each(scenarios.map(({ scenario }, i) => [scenario.id, i + 1] as const))(
    'exam %s (exercise %i): no phase, fault or title before the answer; the answer reveals them',
    async (id, number) => {
      const h = handlers();
      const list = await h['training:list-scenarios']({ mode: 'exam' });
      expect(list.exercises[number - 1]?.number).toBe(number);
      expect(list.scenarios).toEqual([]);
      const request = trainingChannels['training:start-scenario'].request.parse({ exercise: number, mode: 'exam' });
      const started = await h['training:start-scenario'](request);
      const state = await h['training:get-state']({});
      // The response schemas accept what was sent (the renderer gets exactly this).
      trainingChannels['training:list-scenarios'].response.parse(list);
      trainingChannels['training:get-state'].response.parse(state);
      expect(state.run?.exercise?.number).toBe(number);
      expect(state.run?.status).toBe('deciding');
      for (const [what, payload] of [
        ['the exam list', list],
        ['the start', started],
        ['the state', state],
      ] as const) {
        expect(found(payload), `${what} of exercise ${number} names`).toEqual([]);
      }

      // The answer: the consequence names the phase, and the state the scenario once it is over.
      const consequence = await h['training:choose']({ choice: state.choices[0]!.id });
      expect(found(consequence)).toContain(consequence.adviceBefore.phase);
      const ended = await h['training:end-scenario']({});
      expect(ended.run?.scenario?.id).toBe(id);
      expect(ended.played.map((s) => s.id)).toEqual([id]);
      expect(found(ended)).toContain(id);
    },
  );

  test('guided mode is unchanged: the run names its scenario and the advisor its phase', async () => {
    const h = handlers();
    const started = await h['training:start-scenario']({ scenarioId: 'm1-not-m2', mode: 'guided' });
    expect(started.run?.scenario).toMatchObject({ id: 'm1-not-m2', faults: ['mid-rewrap'] });
    expect(started.run?.exercise).toBeNull();
    expect(started.run?.advice?.phase).toBe('rewrap-interrupted');
  });
});
