/**
 * Which service instances the TKE plug-in reaches from this workstation. An instance whose network
 * access is `private-only` accepts requests through the private endpoint only, and over the public
 * network its crypto units are not listed [hs-crypto: initialize-hsm-cli.md]; the plug-in targets the
 * private endpoint when `TKE_PRIVATE_ADDR` names it, `https://tke.private.<region>.hs-crypto.cloud.ibm.com`
 * [hs-crypto: secure-connection.md]. What the plug-in prints then is not published: the simulator
 * lists no such instance, so a command that needs it finds none [inferred].
 */
import { privateEndpoint } from '../tke/endpoints.js';
import type { SimContext } from './context.js';
import { selectedUnits, type SimInstance, type SimUnit } from './state.js';

export { privateEndpoint };

/** True when the invocation targets the private endpoint of the session's region. */
export function usesPrivateEndpoint(ctx: SimContext): boolean {
  return (ctx.privateAddr ?? '').trim().replace(/\/+$/, '') === privateEndpoint(ctx.state.session.region);
}

/** The instances the plug-in reaches: all but private-only ones, unless it targets the private endpoint. */
export function reachableInstances(ctx: SimContext): SimInstance[] {
  const all = ctx.state.instances;
  return usesPrivateEndpoint(ctx) ? all : all.filter((i) => i.privateOnly !== true);
}

/** The selected crypto units the plug-in reaches. */
export function reachableSelected(ctx: SimContext): SimUnit[] {
  const reachable = new Set(reachableInstances(ctx).flatMap((i) => i.units));
  return selectedUnits(ctx.state).filter((u) => reachable.has(u));
}
