/**
 * The `--registers` input: captured `cryptounit-mk`/`cryptounit-mks` text, or JSON
 * `{"units":[{num,type,current:{state,vp},new:{state,vp}}]}` (extra keys allowed, so the
 * simulator's `sim status --json` output can be passed as is).
 */
import { z } from 'zod';
import { parseUnitType } from '../parse/cryptounits.js';
import { parseRegisterListing } from '../parse/registers.js';
import { normaliseVp } from '../parse/table.js';
import { normaliseRegisterState } from '../tke/types.js';
import type { RegisterReading } from './types.js';

export type RegistersInputResult =
  { ok: true; units: RegisterReading[]; source: 'json' | 'text' } | { ok: false; reason: string };

const registerSchema = z.object({
  state: z.string().refine((s) => normaliseRegisterState(s) !== undefined, 'unknown register state'),
  vp: z
    .string()
    .regex(/^[0-9a-fA-F\s]*$/, 'verification pattern must be hex')
    .default(''),
});

const unitSchema = z.object({
  num: z.number().int().nonnegative(),
  type: z.string().refine((t) => parseUnitType(t) !== undefined, 'unknown crypto unit type'),
  current: registerSchema,
  new: registerSchema,
});

const documentSchema = z.union([z.object({ units: z.array(unitSchema).min(1) }), z.array(unitSchema).min(1)]);

type UnitJson = z.infer<typeof unitSchema>;

function toReading(u: UnitJson): RegisterReading {
  const reg = (r: UnitJson['current']): RegisterReading['current'] => ({
    // Both refined above; the fallbacks only satisfy the type checker.
    state: normaliseRegisterState(r.state) ?? 'Empty',
    vp: normaliseVp(r.vp),
  });
  return { num: u.num, type: parseUnitType(u.type) ?? 'OPERATIONAL', current: reg(u.current), new: reg(u.new) };
}

function describeIssue(error: z.ZodError): string {
  const issue = error.issues[0];
  if (issue === undefined) return 'does not match {"units":[...]}';
  const path = issue.path.length > 0 ? issue.path.join('.') : 'document';
  return `${path}: ${issue.message}`;
}

/** Parse a register reading given as JSON or as captured listing text. */
export function parseRegistersInput(text: string): RegistersInputResult {
  const trimmed = text.replace(/^\uFEFF/, '').trim();
  if (trimmed.startsWith('{') || trimmed.startsWith('[')) {
    let data: unknown;
    try {
      data = JSON.parse(trimmed);
    } catch (e) {
      return { ok: false, reason: `malformed registers JSON (${e instanceof Error ? e.message : String(e)})` };
    }
    const parsed = documentSchema.safeParse(data);
    if (!parsed.success) return { ok: false, reason: `malformed registers JSON: ${describeIssue(parsed.error)}` };
    const units = Array.isArray(parsed.data) ? parsed.data : parsed.data.units;
    return { ok: true, units: units.map(toReading), source: 'json' };
  }
  const units = parseRegisterListing(text);
  if (units.length === 0) {
    return { ok: false, reason: 'no register reading found (expected cryptounit-mks output or {"units":[...]} JSON)' };
  }
  return { ok: true, units, source: 'text' };
}
