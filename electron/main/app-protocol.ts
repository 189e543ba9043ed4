/**
 * Security-sensitive: the renderer is served from `app://mkra/` (a privileged standard scheme)
 * rather than file://, so 'self' in the CSP means exactly the bundled files and nothing else on disk.
 * Path resolution and content types are the browser host's (one implementation for both hosts).
 */
import { CONTENT_SECURITY_POLICY } from '../../shared/security/csp.js';
import { loadStatic } from '../backend/host/static-files.js';

export const APP_SCHEME = 'app';
export const APP_HOST = 'mkra';
export const APP_ORIGIN = `${APP_SCHEME}://${APP_HOST}`;
export const APP_URL = `${APP_ORIGIN}/index.html`;

/**
 * True for a URL on our app:// host. Compares scheme and host rather than `origin`, which WHATWG
 * URL (outside Electron's registered standard schemes) reports as "null" for custom schemes.
 */
export function isAppUrl(url: string): boolean {
  try {
    const parsed = new URL(url);
    return parsed.protocol === `${APP_SCHEME}:` && parsed.host === APP_HOST;
  } catch {
    return false;
  }
}

/** Answer one app:// request from the renderer directory, with the CSP header; 404 outside it. */
export async function serveAppRequest(rendererDir: string, requestUrl: string): Promise<Response> {
  if (!isAppUrl(requestUrl)) return new Response('Not found', { status: 404 });
  const file = await loadStatic(rendererDir, new URL(requestUrl).pathname);
  if (!file) return new Response('Not found', { status: 404 });
  return new Response(new Uint8Array(file.body), {
    headers: {
      'Content-Type': file.type,
      'Content-Security-Policy': CONTENT_SECURITY_POLICY,
      'X-Content-Type-Options': 'nosniff',
    },
  });
}
