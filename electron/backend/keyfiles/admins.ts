import type { AdminMatchResult, InstalledAdmin, SigKeyInfo } from '../../../shared/keyfiles/workspace-types.js';

export type { AdminMatchResult, InstalledAdmin, SigKeyAdminMatch } from '../../../shared/keyfiles/workspace-types.js';

const normalise = (ski: string): string => ski.trim().toLowerCase();

/** Tells which signature key files belong to administrators installed in which units, by SKI. */
export function matchAdministrators(
  sigkeys: readonly Pick<SigKeyInfo, 'fileName' | 'description' | 'ski'>[],
  admins: readonly InstalledAdmin[],
): AdminMatchResult {
  // `cryptounit-admins` prints `-` for a unit without administrators; that is not an SKI.
  const real = admins.filter((admin) => /^[0-9a-f]+$/.test(normalise(admin.ski)));
  const keySkis = new Set(sigkeys.map((key) => normalise(key.ski)));
  return {
    sigkeys: sigkeys.map((key) => {
      const mine = real.filter((admin) => normalise(admin.ski) === normalise(key.ski));
      return {
        fileName: key.fileName,
        description: key.description,
        ski: normalise(key.ski),
        units: [...new Set(mine.map((admin) => admin.unit))].sort((a, b) => a - b),
        adminNames: [...new Set(mine.map((admin) => admin.name))],
      };
    }),
    unmatchedAdmins: real.filter((admin) => !keySkis.has(normalise(admin.ski))),
  };
}
