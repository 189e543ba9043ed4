/**
 * Security-sensitive: the one IPC handler. Every channel of the contract is registered here; a
 * request is answered only when it comes from our own page in the main frame (not a subframe, not
 * another origin), and its payload is validated before the backend sees it.
 */
import type { IpcMain, IpcMainInvokeEvent, WebContents } from 'electron';
import { CHANNEL_PREFIX, CHANNELS, type Result } from '../../shared/ipc/contract.js';
import { dispatch, type Handlers } from '../../shared/ipc/dispatch.js';
import { isAppUrl } from './app-protocol.js';

/** True when the invoking frame is the main frame of our window showing our own origin. */
export function isTrustedSender(
  event: Pick<IpcMainInvokeEvent, 'senderFrame' | 'sender'>,
  window: { webContents: WebContents } | null,
): boolean {
  const frame = event.senderFrame;
  if (!frame || !window || event.sender !== window.webContents) return false;
  if (frame !== event.sender.mainFrame) return false;
  return isAppUrl(frame.url);
}

/** Register every contract channel on ipcMain with the sender check and payload validation. */
export function registerIpc(
  ipcMain: Pick<IpcMain, 'handle'>,
  handlers: Handlers,
  getWindow: () => { webContents: WebContents } | null,
): void {
  for (const channel of CHANNELS) {
    ipcMain.handle(CHANNEL_PREFIX + channel, async (event, payload: unknown): Promise<Result<unknown>> => {
      if (!isTrustedSender(event, getWindow())) {
        return {
          ok: false,
          error: { code: 'refused', message: 'Refused: the request did not come from the app window.' },
        };
      }
      return dispatch(handlers, channel, payload);
    });
  }
}
