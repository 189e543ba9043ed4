import type { MkPartInfo, SigKeyInfo, WorkspaceScan } from '../../../shared/keyfiles/workspace-types.js';

export type KeyPartSelection =
  { ok: true; parts: MkPartInfo[]; sigkeys: SigKeyInfo[] } | { ok: false; errors: string[] };

function duplicates(names: readonly string[]): string[] {
  return [...new Set(names.filter((name, index) => names.indexOf(name) !== index))];
}

function resolve<T extends { fileName: string }>(
  names: readonly string[],
  available: readonly T[],
  what: string,
  errors: string[],
): T[] {
  const found: T[] = [];
  for (const name of names) {
    const file = available.find((candidate) => candidate.fileName === name);
    if (file) {
      found.push(file);
      continue;
    }
    const near = available.find((candidate) => candidate.fileName.toLowerCase() === name.toLowerCase());
    errors.push(
      near
        ? `There is no ${what} named ${name}; did you mean ${near.fileName}?`
        : `There is no usable ${what} named ${name} in the workspace.`,
    );
  }
  return found;
}

/**
 * Checks a choice of master key parts and signature keys for the key-part flow against a workspace
 * scan: two or three distinct parts, at least one signature key, every file present and usable.
 */
export function planKeyPartSelection(
  workspace: Pick<WorkspaceScan, 'mkparts' | 'sigkeys'>,
  choice: { parts: readonly string[]; sigkeys: readonly string[] },
): KeyPartSelection {
  const errors: string[] = [];
  if (choice.parts.length < 2 || choice.parts.length > 3) {
    errors.push(
      `A master key is made of 2 or 3 parts; ${choice.parts.length} ${choice.parts.length === 1 ? 'was' : 'were'} chosen.`,
    );
  }
  for (const name of duplicates(choice.parts)) errors.push(`The part ${name} was chosen more than once.`);
  if (choice.sigkeys.length === 0) errors.push('Choose at least one signature key to sign the commands.');
  for (const name of duplicates(choice.sigkeys)) errors.push(`The signature key ${name} was chosen more than once.`);
  const parts = resolve([...new Set(choice.parts)], workspace.mkparts, 'master key part file', errors);
  const sigkeys = resolve([...new Set(choice.sigkeys)], workspace.sigkeys, 'signature key file', errors);
  const byVp = new Map<string, string[]>();
  for (const part of parts) byVp.set(part.vp, [...(byVp.get(part.vp) ?? []), part.fileName]);
  for (const same of byVp.values()) {
    if (same.length > 1) errors.push(`${same.join(' and ')} are copies of the same part (same verification pattern).`);
  }
  return errors.length > 0 ? { ok: false, errors } : { ok: true, parts, sigkeys };
}
