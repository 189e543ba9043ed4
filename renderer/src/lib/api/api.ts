import type { RendererApi } from '../../../../shared/ipc/contract.js';
import { connectSocketApi } from './socket-client.js';

declare global {
  interface Window {
    /** Exposed by the Electron preload; absent in a plain browser. */
    mkra?: RendererApi;
  }
}

/** The typed backend API: the preload's object in Electron, the WebSocket client in a browser. */
export async function getApi(): Promise<RendererApi> {
  return window.mkra ?? connectSocketApi();
}
