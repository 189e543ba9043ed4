/**
 * Security-sensitive, see docs/security.md: app-wide hooks that block navigation, new windows,
 * webviews and every permission, whatever the page asks.
 */
import type { App, Session } from 'electron';
import { isAppUrl } from './app-protocol.js';

export { isAppUrl };

/** Deny every permission request and check (camera, notifications, clipboard, HID, ...). */
export function lockDownSession(
  session: Pick<Session, 'setPermissionRequestHandler' | 'setPermissionCheckHandler' | 'setDevicePermissionHandler'>,
): void {
  session.setPermissionRequestHandler((_contents, _permission, callback) => callback(false));
  session.setPermissionCheckHandler(() => false);
  session.setDevicePermissionHandler(() => false);
}

/** Block navigation away from the app, window.open and webview attachment in every web contents. */
export function hardenWebContents(app: Pick<App, 'on'>): void {
  app.on('web-contents-created', (_event, contents) => {
    contents.on('will-navigate', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-redirect', (event, url) => {
      if (!isAppUrl(url)) event.preventDefault();
    });
    contents.on('will-attach-webview', (event) => event.preventDefault());
    contents.setWindowOpenHandler(() => ({ action: 'deny' }));
  });
}
