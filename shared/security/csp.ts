/**
 * The Content-Security-Policy of every renderer page, Electron window and browser host alike.
 * See docs/security.md: no remote origin, no inline script or style, no eval, no plugins, no
 * framing, no form posts. `connect-src 'self'` allows only the browser host's own socket.
 */
export const CONTENT_SECURITY_POLICY = [
  "default-src 'none'",
  "script-src 'self'",
  "style-src 'self'",
  "img-src 'self' data:",
  "font-src 'self'",
  "connect-src 'self'",
  "base-uri 'none'",
  "form-action 'none'",
  "frame-ancestors 'none'",
  "object-src 'none'",
].join('; ');
