/**
 * The twin file (`mkra-twin/1`): what `mkra twin capture` read from the TKE CLI, as names, SKIs,
 * settings and verification patterns. Strict: a field the format does not name is refused, so
 * nothing else (a key file's contents, a password) can ride along in a file that validates.
 */
import { z } from 'zod';
import { REGISTER_STATES, UNIT_TYPES } from '../tke/types.js';

export const TWIN_FORMAT = 'mkra-twin/1';
/** Largest twin file read or written: a real one is a few KiB; this bounds a wrong file. */
export const MAX_TWIN_BYTES = 1024 * 1024;

/** What must be unique in a twin: instance ids, unit numbers and each kind of key file's KEYNUMs. */
interface UniqueFields {
  instances: { id: string; units: { num: number }[] }[];
  keyFiles: { sigkeys: { keynum: number }[]; mkparts: { keynum: number }[] };
}

function refineUnique(t: UniqueFields, ctx: z.RefinementCtx): void {
  const dup = <T>(values: readonly T[]): T | undefined => values.find((v, i) => values.indexOf(v) !== i);
  const checks: [unknown, string][] = [
    [dup(t.instances.map((i) => i.id)), 'instance id'],
    [dup(t.instances.flatMap((i) => i.units.map((u) => u.num))), 'crypto unit number'],
    [dup(t.keyFiles.sigkeys.map((k) => k.keynum)), 'signature key KEYNUM'],
    [dup(t.keyFiles.mkparts.map((k) => k.keynum)), 'master key part KEYNUM'],
  ];
  for (const [value, what] of checks) {
    if (value === undefined) continue;
    ctx.addIssue({ code: 'custom', message: `${what} ${String(value)} appears twice`, path: [] });
  }
}

/**
 * The schema, built on first use: zod builds a schema's parser as it is declared, a few milliseconds
 * the simulator would otherwise spend on every start, while only `sim reset --twin` reads a twin.
 */
function buildTwinSchema() {
  // Printable text on one line: names and locations as the CLI prints them.
  const hasControl = (s: string): boolean => [...s].some((c) => c.charCodeAt(0) < 0x20 || c.charCodeAt(0) === 0x7f);
  const text = (max: number, min = 0) =>
    z
      .string()
      .min(min)
      .max(max)
      .refine((s) => !hasControl(s), 'control characters are not allowed');
  const vpHex = z.string().regex(/^[0-9a-f]{16,128}$/, 'a VP is 16 to 128 lower-case hex digits');
  const vp = z.union([z.literal(''), vpHex]);
  const ski = z.string().regex(/^[0-9a-f]{8,128}$/, 'an SKI is 8 to 128 lower-case hex digits');
  const keynum = z.number().int().min(1).max(9999);
  const threshold = z.number().int().min(0).max(8);

  const register = z
    .strictObject({ state: z.enum(REGISTER_STATES), vp })
    .refine((r) => (r.state === 'Empty') === (r.vp === ''), 'an Empty register has no VP and only an Empty one');

  const unit = z.strictObject({
    num: z.number().int().min(1).max(999),
    type: z.enum(UNIT_TYPES),
    location: text(200),
    selected: z.boolean(),
    // null: the unit was not selected at capture, so the CLI did not show these.
    thresholds: z.strictObject({ signature: threshold, revocation: threshold }).nullable(),
    admins: z
      .array(z.strictObject({ name: text(200, 1), ski }))
      .max(8)
      .nullable(),
    registers: z.strictObject({ current: register, new: register }).nullable(),
  });

  return z
    .strictObject({
      format: z.literal(TWIN_FORMAT),
      capturedAt: z.iso.datetime(),
      cli: z.strictObject({ ibmcloud: text(200).nullable(), tke: text(200).nullable() }),
      instances: z
        .array(z.strictObject({ id: text(200, 1), units: z.array(unit).min(1).max(64) }))
        .min(1)
        .max(64),
      keyFiles: z.strictObject({
        sigkeys: z.array(z.strictObject({ keynum, description: text(200), ski, selected: z.boolean() })).max(256),
        mkparts: z.array(z.strictObject({ keynum, description: text(200), vp })).max(256),
      }),
    })
    .superRefine(refineUnique);
}

let builtTwinSchema: ReturnType<typeof buildTwinSchema> | undefined;
const twinSchema = (): ReturnType<typeof buildTwinSchema> => (builtTwinSchema ??= buildTwinSchema());

export type Twin = z.infer<ReturnType<typeof twinSchema>>;
export type TwinUnit = Twin['instances'][number]['units'][number];
export type TwinRegister = NonNullable<TwinUnit['registers']>['current'];

export type TwinProblem =
  'oversized' | 'empty' | 'truncated' | 'not-json' | 'future-version' | 'not-a-twin' | 'malformed';
export type TwinParse = { ok: true; twin: Twin } | { ok: false; problem: TwinProblem; message: string };

const LIMIT_TEXT = `${MAX_TWIN_BYTES} bytes (1 MiB)`;

/** UTF-8 length of a string without allocating it. */
export function utf8Length(s: string): number {
  let n = 0;
  for (let i = 0; i < s.length; i++) {
    const c = s.charCodeAt(i);
    if (c < 0x80) n += 1;
    else if (c < 0x800) n += 2;
    else if (c >= 0xd800 && c <= 0xdbff) {
      n += 4;
      i++;
    } else n += 3;
  }
  return n;
}

/** Whether JSON text ends inside a string or with objects or arrays still open (cut short). */
export function endsEarly(json: string): boolean {
  let depth = 0;
  let inString = false;
  for (let i = 0; i < json.length; i++) {
    const c = json[i];
    if (inString) {
      if (c === '\\') i++;
      else if (c === '"') inString = false;
    } else if (c === '"') inString = true;
    else if (c === '{' || c === '[') depth++;
    else if (c === '}' || c === ']') depth--;
  }
  return inString || depth > 0;
}

function fail(problem: TwinProblem, message: string): TwinParse {
  return { ok: false, problem, message };
}

function versionProblem(json: unknown): TwinParse | undefined {
  const isObject = typeof json === 'object' && json !== null && !Array.isArray(json);
  const format = isObject ? (json as { format?: unknown }).format : undefined;
  if (format === TWIN_FORMAT) return undefined;
  const future = typeof format === 'string' ? /^mkra-twin\/(\d+)$/.exec(format) : null;
  if (future && Number(future[1]) > 1) {
    return fail(
      'future-version',
      `The twin file has format ${format}, made by a newer MK Rotation Assistant; ` +
        `this version reads ${TWIN_FORMAT} only. ` +
        'Update, or capture the twin again with this version.',
    );
  }
  const message = `This is not a twin file: it has no "format": "${TWIN_FORMAT}" field. Make one with mkra twin capture.`;
  return fail('not-a-twin', message);
}

/** Read and validate a twin file's text; a refusal says what is wrong in one sentence or two. */
export function parseTwin(textIn: string): TwinParse {
  const size = utf8Length(textIn);
  if (size > MAX_TWIN_BYTES) {
    return fail(
      'oversized',
      `The twin file is ${size} bytes, over the limit of ${LIMIT_TEXT}. ` +
        'A twin holds names, SKIs and settings only and is a few KiB: this is not one.',
    );
  }
  const body = textIn.replace(/^\uFEFF/, '');
  if (body.trim() === '') return fail('empty', 'The twin file is empty.');
  let json: unknown;
  try {
    json = JSON.parse(body);
  } catch (e) {
    if (endsEarly(body)) {
      const message = 'The twin file is truncated: it ends before its JSON does. Copy it again or capture it again.';
      return fail('truncated', message);
    }
    return fail('not-json', `The twin file is not JSON (${e instanceof Error ? e.message : String(e)}).`);
  }
  const version = versionProblem(json);
  if (version) return version;
  const r = twinSchema().safeParse(json);
  if (r.success) return { ok: true, twin: r.data };
  const issue = r.error.issues[0];
  const where = issue?.path.length ? issue.path.join('.') : 'the top level';
  const unknown = issue?.code === 'unrecognized_keys' ? `unknown field ${issue.keys.join(', ')}` : undefined;
  const detail = unknown ?? issue?.message ?? 'invalid';
  return fail('malformed', `The twin file is malformed at ${where}: ${detail}.`);
}

/** The file text of a twin: validated, two-space JSON; throws when the twin breaks the format. */
export function serialiseTwin(twin: Twin): string {
  const out = `${JSON.stringify(twinSchema().parse(twin), null, 2)}\n`;
  if (utf8Length(out) > MAX_TWIN_BYTES) throw new Error(`the twin would be over ${LIMIT_TEXT}`);
  return out;
}
