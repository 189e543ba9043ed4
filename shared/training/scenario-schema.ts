/** The training scenario file format (docs/training.md): one JSON object per `.json` file. */
import { z } from 'zod';
import { parseFault } from '../sim/faults.js';
import { isScenarioName } from '../sim/scenarios.js';
import { CHOICE_ALIASES, CHOICE_IDS, choiceOf } from './choices.js';

export const SCENARIO_FORMAT = 'mkra-training-scenario/1';

const text = (max: number) => z.string().trim().min(1, 'must not be empty').max(max, `must be at most ${max} characters`);
const bilingual = (max: number) => z.strictObject({ en: text(max), ja: text(max) });

const fault = z
  .string()
  .nullable()
  .refine((value) => value === null || typeof parseFault(value) !== 'string', {
    message: 'is not a simulator fault point (use a name from `ibmcloud-sim sim faults`, optionally with :crash, or null)',
  });

const choice = z.preprocess(
  (v) => (typeof v === 'string' ? (CHOICE_ALIASES[v] ?? v) : v),
  z.enum(CHOICE_IDS, { message: `must be one of: ${CHOICE_IDS.join(', ')}` }),
);

const step = z.strictObject({
  command: choice.refine((id) => choiceOf(id).argv !== null, { message: 'must be a command the simulator runs' }),
  fault: fault.default(null),
  units: z.array(z.number().int().min(1).max(99)).max(8).optional(),
});

export const scenarioSchema = z
  .strictObject({
    format: z.literal(SCENARIO_FORMAT, { message: `must be "${SCENARIO_FORMAT}"` }),
    id: z.string().regex(/^[a-z0-9][a-z0-9-]{0,59}$/, 'must be lower-case letters, digits and dashes (at most 60)'),
    title: bilingual(120),
    briefing: bilingual(1200),
    simScenario: z.string().refine(isScenarioName, { message: 'is not a simulator scenario (see `ibmcloud-sim sim scenarios`)' }),
    keys: z.number().int().min(1).max(100_000).default(300),
    flow: z.enum(['auto', 'keyparts', 'smartcard']),
    /** False leaves the scenario's token as it is (e.g. expired) instead of logging in first. */
    loggedIn: z.boolean().default(true),
    /** What happened before the trainee takes over: commands run in order, each maybe with a fault. */
    steps: z.array(step).max(8),
    /** True: the last step's crash took the workstation down and the app was restarted (journal resumed). */
    restart: z.boolean().default(false),
    /** The one correct first action. */
    expected: choice,
    /**
     * For goal `first-action`: the choice that fixes the failure and ends the scenario, when the
     * correct first action only confirms it (IBM: compare the units before fixing a failed initial
     * condition). Defaults to `expected`.
     */
    fix: choice.optional(),
    /** The destructive choice an exam run makes on purpose in the tests (and the instructor's notes). */
    destructive: choice,
    /** Whether the destructive choice, made first, loses keys in this scenario (the tests check it both ways). */
    destructiveLosesKeys: z.boolean(),
    /** `complete`: the rotation must reach completion; `first-action`: the fix lies outside the simulator. */
    goal: z.enum(['complete', 'first-action']),
    maxSteps: z.number().int().min(1).max(30).default(10),
    tags: z.array(z.string().regex(/^[a-z0-9-]{1,30}$/)).max(10).default([]),
  })
  .superRefine((s, ctx) => {
    if (s.restart && !s.steps.at(-1)?.fault?.endsWith(':crash')) {
      ctx.addIssue({ code: 'custom', path: ['restart'], message: 'needs the last step to end in a :crash fault (the restart follows a crash)' });
    }
  });

/** A validated scenario. */
export type TrainingScenario = z.output<typeof scenarioSchema>;
