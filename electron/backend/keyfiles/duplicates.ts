import type {
  KeyFileInfo,
  MkPartInfo,
  SigKeyInfo,
  WorkspaceWarning,
} from '../../../shared/keyfiles/workspace-types.js';

function groups<T>(items: readonly T[], keyOf: (item: T) => string): T[][] {
  const byKey = new Map<string, T[]>();
  for (const item of items) byKey.set(keyOf(item), [...(byKey.get(keyOf(item)) ?? []), item]);
  return [...byKey.values()].filter((group) => group.length > 1);
}

/**
 * Warnings for files that would be confused: names equal but for letter case (they collide when
 * copied to a case-insensitive disk), two signature keys with one SKI, two parts with one VP.
 */
export function duplicateWarnings(
  allNames: readonly string[],
  sigkeys: readonly SigKeyInfo[],
  mkparts: readonly MkPartInfo[],
): WorkspaceWarning[] {
  const warnings: WorkspaceWarning[] = [];
  for (const names of groups(allNames, (name) => name.toLowerCase())) {
    warnings.push({
      code: 'duplicate-name-case',
      message: `${names.join(', ')} differ only in letter case and would overwrite each other on a case-insensitive disk.`,
      files: names,
    });
  }
  const names = (files: KeyFileInfo[]) => files.map((file) => file.fileName);
  for (const same of groups(sigkeys, (key) => key.ski)) {
    warnings.push({
      code: 'duplicate-ski',
      message: `${names(same).join(', ')} hold the same signature key (SKI ${same[0]?.ski.slice(0, 16)}...): copies of one administrator's key.`,
      files: names(same),
    });
  }
  for (const same of groups(mkparts, (part) => part.vp)) {
    warnings.push({
      code: 'duplicate-vp',
      message: `${names(same).join(', ')} hold the same master key part (VP ${same[0]?.vp.slice(0, 16)}...); a master key needs distinct parts.`,
      files: names(same),
    });
  }
  return warnings;
}
