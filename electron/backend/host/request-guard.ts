/**
 * What every request to the browser host must pass before anything is served or upgraded
 * (docs/security.md, "Browser host"): our own Host and Origin (DNS rebinding, cross-site
 * requests), the per-start token, and a request target we can parse at all.
 */
import { timingSafeEqual } from 'node:crypto';
import type { IncomingMessage } from 'node:http';

export const TOKEN_COOKIE = 'mkra_token';

function sameToken(given: string | null | undefined, token: string): boolean {
  if (!given) return false;
  const a = Buffer.from(given);
  const b = Buffer.from(token);
  return a.length === b.length && timingSafeEqual(a, b);
}

function cookieToken(req: IncomingMessage): string | undefined {
  for (const part of (req.headers.cookie ?? '').split(';')) {
    const [name, ...rest] = part.trim().split('=');
    if (name === TOKEN_COOKIE) return rest.join('=');
  }
  return undefined;
}

/**
 * The request target as a URL, or null when it cannot be parsed (`GET http://[ HTTP/1.1` is a
 * valid request line to Node's parser but throws in `new URL`).
 */
export function requestUrl(req: IncomingMessage): URL | null {
  try {
    return new URL(req.url ?? '/', 'http://127.0.0.1');
  } catch {
    return null;
  }
}

/** Checks one request against the host's own port and token; the refusal message or null. */
export function makeRequestCheck(token: string, port: () => number): (req: IncomingMessage, url: URL) => string | null {
  return (req, url) => {
    const hosts = [`127.0.0.1:${port()}`, `localhost:${port()}`];
    if (!hosts.includes(req.headers.host ?? '')) return 'Refused: wrong Host header.';
    const origin = req.headers.origin;
    if (origin !== undefined && !hosts.some((h) => origin === `http://${h}`))
      return 'Refused: requests from other origins are not accepted.';
    const given = url.searchParams.get('token') ?? cookieToken(req);
    if (!sameToken(given, token)) return 'Refused: missing or wrong token. Open the exact URL printed by mkra serve.';
    return null;
  };
}

/**
 * Where to send the browser after trading the query token for the cookie: the same path on our
 * own origin. Runs of slashes and backslashes collapse to one, because a Location starting `//`
 * or `/\` is resolved by browsers as another host (an open redirect).
 */
export function sameOriginPath(pathname: string): string {
  const path =
    '/' +
    pathname
      .split(/[/\\]+/)
      .filter((s) => s !== '')
      .join('/');
  // Belt and braces: whatever the path, it must resolve to our own origin.
  const base = 'http://127.0.0.1';
  return new URL(path, base).origin === base ? path : '/';
}
