/**
 * The TKE plug-in's API endpoints [hs-crypto: secure-connection.md]: `TKE_PRIVATE_ADDR` set to the
 * private endpoint of a region targets it; unset (or the public endpoint) targets the public one.
 */
export const PRIVATE_ADDR_ENV = 'TKE_PRIVATE_ADDR';

/** The TKE private endpoint of a region, as IBM's page writes it. */
export function privateEndpoint(region: string): string {
  return `https://tke.private.${region}.hs-crypto.cloud.ibm.com`;
}
