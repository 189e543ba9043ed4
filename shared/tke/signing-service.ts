/**
 * A third-party signing service for signature keys [hs-crypto: signing-service.md]: with
 * `TKE_SIGNSERV_URL` set, the TKE CLI plug-in signs through the service, "the TKE `sigkey` commands
 * don't perform any actions", and the keys it may use are listed in the `SIGNSERVKEYS` file in
 * CLOUDTKEFILES, a JSON array whose entries hold a `key` and optionally a `token`.
 *
 * The app reads only what it needs from that file: how many keys it lists and their identifiers. A
 * token is a secret (it authorises use of a key): it is never returned, kept, logged or shown.
 */
import { z } from 'zod';

export const SIGNSERV_ENV = 'TKE_SIGNSERV_URL';
export const SIGNSERVKEYS_FILE = 'SIGNSERVKEYS';
/** A signing service's key list is small; a larger file is not one. */
export const SIGNSERVKEYS_MAX_BYTES = 64 * 1024;

/** What the app knows about the signing service of this workstation. */
export type SigningService =
  /** The file lists these key identifiers (tokens dropped); `withToken`: how many carry their token in the file. */
  | { keys: string[]; withToken: number }
  /** The file is missing or not what IBM describes. */
  | { problem: string };

const Entry = z
  .object({ key: z.string().trim().min(1).max(512), token: z.string().max(4096).optional() })
  .passthrough();
const File = z.array(z.unknown()).max(256);

/** Whether the environment the CLI runs in names a signing service (any non-blank value). */
export function signingServiceSet(env: Readonly<Record<string, string | undefined>>): boolean {
  return (env[SIGNSERV_ENV] ?? '').trim() !== '';
}

/**
 * Read `SIGNSERVKEYS` (its text, or null when the file does not exist). Never returns a token, and a
 * problem message never quotes the file.
 */
export function parseSignServKeys(text: string | null): SigningService {
  if (text === null) {
    return {
      problem: `${SIGNSERV_ENV} is set, but there is no ${SIGNSERVKEYS_FILE} file in CLOUDTKEFILES listing the signature keys of the signing service.`,
    };
  }
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return {
      problem: `${SIGNSERVKEYS_FILE} is not JSON: it must be an array of entries with a "key" field (and optionally a "token" field).`,
    };
  }
  const list = File.safeParse(json);
  if (!list.success)
    return { problem: `${SIGNSERVKEYS_FILE} must be a JSON array of at most 256 entries, each with a "key" field.` };
  const keys: string[] = [];
  let withToken = 0;
  for (const [i, item] of list.data.entries()) {
    const entry = Entry.safeParse(item);
    if (!entry.success)
      return {
        problem: `${SIGNSERVKEYS_FILE}: entry ${i + 1} needs a "key" field (text), and "token", when given, must be text.`,
      };
    keys.push(entry.data.key);
    if (entry.data.token !== undefined) withToken += 1;
  }
  if (keys.length === 0) return { problem: `${SIGNSERVKEYS_FILE} lists no signature key.` };
  return { keys: [...new Set(keys)], withToken };
}
