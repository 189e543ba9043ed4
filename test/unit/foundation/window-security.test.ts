import { EventEmitter } from 'node:events';
import { mkdtempSync, mkdirSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { hardenWebContents, isAppUrl, lockDownSession } from '../../../electron/main/security.js';
import { serveAppRequest } from '../../../electron/main/app-protocol.js';
import { CONTENT_SECURITY_POLICY } from '../../../shared/security/csp.js';

describe('content security policy', () => {
  const directives = new Map(
    CONTENT_SECURITY_POLICY.split(';').map((d) => {
      const [name, ...values] = d.trim().split(/\s+/);
      return [name, values] as const;
    }),
  );

  it('allows nothing by default and only our own scripts, never inline or eval', () => {
    expect(directives.get('default-src')).toEqual(["'none'"]);
    expect(directives.get('script-src')).toEqual(["'self'"]);
    expect(directives.get('style-src')).toEqual(["'self'"]);
    expect(CONTENT_SECURITY_POLICY).not.toMatch(/unsafe-inline|unsafe-eval|https?:|\*/);
  });

  it('forbids base URIs, form posts, plugins and framing', () => {
    expect(directives.get('base-uri')).toEqual(["'none'"]);
    expect(directives.get('form-action')).toEqual(["'none'"]);
    expect(directives.get('object-src')).toEqual(["'none'"]);
    expect(directives.get('frame-ancestors')).toEqual(["'none'"]);
  });

  it('is also in the built index.html meta tag (same directives)', async () => {
    const { readFileSync } = await import('node:fs');
    const html = readFileSync('renderer/index.html', 'utf8');
    const meta = /http-equiv="Content-Security-Policy"\s+content="([^"]+)"/.exec(html)?.[1] ?? '';
    for (const directive of [
      "default-src 'none'",
      "script-src 'self'",
      "style-src 'self'",
      "base-uri 'none'",
      "form-action 'none'",
    ]) {
      expect(meta).toContain(directive);
    }
    expect(html).not.toMatch(/<script>(?!<)/);
  });
});

describe('app-wide hooks', () => {
  function fakeContents() {
    const contents = new EventEmitter() as EventEmitter & { setWindowOpenHandler: ReturnType<typeof vi.fn> };
    contents.setWindowOpenHandler = vi.fn();
    return contents;
  }

  it('block navigation to other origins and deny window.open', () => {
    const app = new EventEmitter();
    hardenWebContents(app as never);
    const contents = fakeContents();
    app.emit('web-contents-created', {}, contents);
    const outside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', outside, 'https://evil.example/');
    expect(outside.preventDefault).toHaveBeenCalled();
    const inside = { preventDefault: vi.fn() };
    contents.emit('will-navigate', inside, 'app://mkra/index.html');
    expect(inside.preventDefault).not.toHaveBeenCalled();
    const handler = contents.setWindowOpenHandler.mock.calls[0]?.[0] as () => { action: string };
    expect(handler()).toEqual({ action: 'deny' });
    const webview = { preventDefault: vi.fn() };
    contents.emit('will-attach-webview', webview);
    expect(webview.preventDefault).toHaveBeenCalled();
  });

  it('deny every permission request and check', () => {
    const session = {
      setPermissionRequestHandler: vi.fn(),
      setPermissionCheckHandler: vi.fn(),
      setDevicePermissionHandler: vi.fn(),
    };
    lockDownSession(session as never);
    const callback = vi.fn();
    (
      session.setPermissionRequestHandler.mock.calls[0]?.[0] as (
        c: unknown,
        p: string,
        cb: (ok: boolean) => void,
      ) => void
    )({}, 'media', callback);
    expect(callback).toHaveBeenCalledWith(false);
    expect((session.setPermissionCheckHandler.mock.calls[0]?.[0] as () => boolean)()).toBe(false);
    expect((session.setDevicePermissionHandler.mock.calls[0]?.[0] as () => boolean)()).toBe(false);
  });

  it('recognise only the app origin', () => {
    expect(isAppUrl('app://mkra/index.html')).toBe(true);
    expect(isAppUrl('app://other/index.html')).toBe(false);
    expect(isAppUrl('file:///etc/passwd')).toBe(false);
    expect(isAppUrl('not a url')).toBe(false);
  });
});

describe('app:// protocol', () => {
  const root = mkdtempSync(join(tmpdir(), 'mkra-proto-'));
  const rendererDir = join(root, 'renderer');
  mkdirSync(rendererDir);
  writeFileSync(join(rendererDir, 'index.html'), '<p>ok</p>');
  writeFileSync(join(root, 'secret.txt'), 'secret');

  it('serves the renderer with the CSP header', async () => {
    const response = await serveAppRequest(rendererDir, 'app://mkra/index.html');
    expect(response.status).toBe(200);
    expect(response.headers.get('Content-Security-Policy')).toBe(CONTENT_SECURITY_POLICY);
    expect(await response.text()).toBe('<p>ok</p>');
  });

  it('never serves a file outside the renderer directory', async () => {
    for (const url of [
      'app://mkra/../secret.txt',
      'app://mkra/%2e%2e/secret.txt',
      'app://mkra/..%2fsecret.txt',
      'app://other/index.html',
    ]) {
      expect((await serveAppRequest(rendererDir, url)).status).toBe(404);
    }
  });
});
