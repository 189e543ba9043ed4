/**
 * Signing through a signing service, as the TKE plug-in does when `TKE_SIGNSERV_URL` is set
 * [hs-crypto: signing-service.md]: the signature keys are the entries of the SIGNSERVKEYS file in
 * CLOUDTKEFILES, a missing token is prompted for, the service gives a key's public part
 * (GET /keys/:name) and signs (POST /sign/:name). The `sigkey` commands do nothing then.
 *
 * The service itself is part of the simulator's state (`SimState.signingService`); the errors are the
 * SDK's (tke-sdk: common/submit.go), the service's own messages are the HTTP reason phrases (inferred).
 */
import { CATALOGUE } from '../tke/catalogue.js';
import { INFERRED_LINES } from '../tke/catalogue-inferred.js';
import { ask, SimFailure, type SigkeyInfo, type SimContext } from './context.js';
import { fill } from './format.js';
import type { SimUnit } from './state.js';
import { hash64 } from './vp.js';

interface Entry {
  key: string;
  token: string | undefined;
}

/** The simulated service's check value of a token (the state never holds the token). */
export function tokenDigest(token: string): string {
  return hash64(`signserv-token:${token}`);
}

/** Whether this invocation signs through a signing service. */
export function usesSigningService(ctx: SimContext): boolean {
  return (ctx.signServUrl ?? '').trim() !== '';
}

function entriesOf(text: string | null): Entry[] {
  const bad = (): never => {
    throw new SimFailure([INFERRED_LINES.signServKeysMissing.text]);
  };
  if (text === null) return bad();
  let json: unknown;
  try {
    json = JSON.parse(text);
  } catch {
    return bad();
  }
  if (!Array.isArray(json) || json.length === 0) return bad();
  return json.map((item: unknown) => {
    const o = typeof item === 'object' && item !== null ? (item as Record<string, unknown>) : {};
    const token = o.token;
    if (typeof o.key !== 'string' || o.key.trim() === '' || (token !== undefined && typeof token !== 'string'))
      return bad();
    return { key: o.key, token };
  });
}

function serviceError(first: string, status: number | undefined, message: string): SimFailure {
  const tail = fill(INFERRED_LINES.signServMessage.text, { message });
  return new SimFailure(status === undefined ? [first, tail] : [first, `Status code: ${status}`, tail]);
}

/** The token of an entry: from the file, or asked (a secret) with the key's name shown. */
async function tokenOf(ctx: SimContext, entry: Entry): Promise<string> {
  return entry.token ?? ask(ctx, [INFERRED_LINES.signServTokenPrompt.text, entry.key], true);
}

/** GET /keys/:name: the SKI of the key's public part, or the SDK's error. */
function publicKeySki(ctx: SimContext, name: string, token: string): string {
  const service = ctx.state.signingService;
  const first = CATALOGUE.signServPublicKey.text;
  if (service === undefined || service.url !== ctx.signServUrl?.trim())
    throw serviceError(first, undefined, 'connection refused');
  const key = service.keys.find((k) => k.name === name);
  if (key === undefined) throw serviceError(first, 404, 'Not Found');
  if (key.tokenDigest !== tokenDigest(token)) throw serviceError(first, 401, 'Unauthorized');
  return key.ski;
}

/** Ask a key identifier and its token (cryptounit-admin-add with a signing service); returns the key's SKI. */
export async function askServiceKey(ctx: SimContext): Promise<{ name: string; ski: string }> {
  const name = await ask(ctx, [INFERRED_LINES.signServKeyPrompt.text]);
  const token = await ask(ctx, [INFERRED_LINES.signServTokenPrompt.text, name], true);
  return { name, ski: publicKeySki(ctx, name, token) };
}

/**
 * The signers for `count` signatures: SIGNSERVKEYS entries in file order whose key is an administrator
 * of one of the units, each token asked when the file has none. Fewer than `count` when the file does
 * not list enough (the crypto units then refuse, or the initial check of administrators fails).
 */
export async function serviceSigners(ctx: SimContext, units: readonly SimUnit[], count: number): Promise<SigkeyInfo[]> {
  const entries = entriesOf(await ctx.ws.readSignServKeys());
  const out: SigkeyInfo[] = [];
  for (const entry of entries) {
    if (out.length >= count) break;
    const ski = publicKeySki(ctx, entry.key, await tokenOf(ctx, entry));
    if (units.some((u) => u.admins.some((a) => a.ski === ski)) && !out.some((k) => k.ski === ski)) {
      out.push({ keynum: 0, description: entry.key, ski, fileName: '' });
    }
  }
  return out;
}
