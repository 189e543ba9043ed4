/** Short descriptions of VPs and register readings, for reasons and evidence. */
import type { Register } from '../tke/types.js';
import type { RegisterReading } from './types.js';

/** Shorten a VP for messages. */
export function shortVp(vp: string): string {
  return vp === '' ? '(empty)' : vp.length > 12 ? `${vp.slice(0, 12)}…` : vp;
}

/** One-line description of a unit's registers, used as evidence text. */
export function describeUnit(u: RegisterReading): string {
  const reg = (r: Register): string => `${r.state}${r.vp === '' ? '' : ` ${shortVp(r.vp)}`}`;
  return `crypto unit ${u.num} (${u.type}): current ${reg(u.current)}, new ${reg(u.new)}`;
}
