import { z } from 'zod';
import { REGISTER_STATES, UNIT_TYPES } from '../../../shared/tke/types.js';

/** Run modes: the real CLI, the simulator for a demonstration, or the simulator in a training room. */
export const JOURNAL_MODES = ['live', 'demo', 'training'] as const;
export type JournalMode = (typeof JOURNAL_MODES)[number];

const hex64 = z.string().regex(/^[0-9a-f]{64}$/, 'expected 64 lower-case hex digits');

const registerSchema = z.object({ state: z.enum(REGISTER_STATES), vp: z.string() });
const unitRegistersSchema = z.object({
  num: z.number().int(),
  type: z.enum(UNIT_TYPES),
  current: registerSchema,
  new: registerSchema,
});

const rotationStarted = z.object({
  rotationId: z.string().min(1),
  instanceId: z.string().optional(),
  flow: z.string().min(1),
  mode: z.enum(JOURNAL_MODES),
  imported: z.object({ files: z.array(z.object({ name: z.string(), sha256: hex64 })) }).optional(),
  operator: z.string().optional(),
  host: z.string(),
  user: z.string(),
});

/** Data schema per entry kind; the kind names are part of the on-disk format (docs/journal.md). */
export const ENTRY_DATA_SCHEMAS = {
  'rotation-started': rotationStarted,
  'command-started': z.object({ argv: z.array(z.string()), mode: z.enum(JOURNAL_MODES) }),
  output: z.object({ line: z.string(), stream: z.enum(['stdout', 'stderr', 'pty']).optional() }),
  'prompt-answered': z.object({ promptKind: z.string().min(1), fact: z.string() }),
  milestone: z.object({ id: z.string().regex(/^M\d+$/), text: z.string() }),
  'command-finished': z.object({ exitCode: z.number().int().nullable(), signal: z.string().optional() }),
  registers: z.object({ units: z.array(unitRegistersSchema) }),
  // The classifier's output is kept as the classifier wrote it, so later versions can add fields.
  classification: z.looseObject({ phase: z.string(), next: z.array(z.json()), forbidden: z.array(z.json()) }),
  decision: z.object({ what: z.string().min(1), override: z.boolean().optional() }),
  'recovered-torn-tail': z.object({
    line: z.number().int().positive(),
    bytes: z.number().int().nonnegative(),
    sha256: hex64,
  }),
  'rotation-finished': z.object({ outcome: z.string().min(1) }),
  // The pre-check panel's results the rotation was started on (the seven checks of docs/domain.md, section 4).
  prechecks: z.object({
    flow: z.string().min(1),
    ranAt: z.iso.datetime(),
    results: z.array(
      z.object({ id: z.string().min(1), status: z.enum(['pass', 'fail', 'unknown']), summary: z.string() }),
    ),
  }),
  // A file of a manual terminal run adopted into this rotation (docs/analysis.md); its cleaned
  // lines follow in `imported-output` entries. `commandLine` is the command the administrator
  // stated because the output did not show it (cited as line 0).
  'imported-file': z.object({
    name: z.string().min(1).max(255),
    sha256: hex64,
    bytes: z.number().int().nonnegative(),
    encoding: z.string().min(1),
    format: z.string().min(1),
    lineCount: z.number().int().nonnegative(),
    commandLine: z.string().optional(),
  }),
  // Lines of the last `imported-file`, in chunks (one fsync per chunk, not per line).
  'imported-output': z.object({ firstLine: z.number().int().positive(), lines: z.array(z.string()).min(1).max(2000) }),
} as const;

export type EntryKind = keyof typeof ENTRY_DATA_SCHEMAS;
export type EntryData<K extends EntryKind> = z.infer<(typeof ENTRY_DATA_SCHEMAS)[K]>;
export type RotationStartedData = EntryData<'rotation-started'>;

/** What a caller appends: the kind and its data; seq, time, prev and hash are the journal's job. */
export type JournalEntryInput = { [K in EntryKind]: { kind: K; data: EntryData<K> } }[EntryKind];

/** One stored line, as validated on read. */
export type JournalEntry = JournalEntryInput & { seq: number; time: string; prev: string; hash: string };

const envelope = { seq: z.number().int().positive(), time: z.iso.datetime(), prev: hex64, hash: hex64 };

const entryVariants = (Object.keys(ENTRY_DATA_SCHEMAS) as EntryKind[]).map((kind) =>
  z.object({ ...envelope, kind: z.literal(kind), data: ENTRY_DATA_SCHEMAS[kind] }),
);

/** Validates one parsed journal line. */
export const journalEntrySchema = z.discriminatedUnion(
  'kind',
  entryVariants as unknown as [(typeof entryVariants)[number], ...(typeof entryVariants)[number][]],
);

/** Validates an entry's data before it is written, so a bad append fails instead of a later read. */
export function validateEntryInput(input: JournalEntryInput): JournalEntryInput {
  const schema = ENTRY_DATA_SCHEMAS[input.kind] as z.ZodType;
  const result = schema.safeParse(input.data);
  if (!result.success) throw new TypeError(`invalid ${input.kind} entry: ${z.prettifyError(result.error)}`);
  // Unknown keys are dropped here, so what is hashed and stored is exactly what a reader validates.
  return { kind: input.kind, data: result.data } as JournalEntryInput;
}
