/**
 * The renderer's view of its link to the backend, fed by the transport's status reports. Lost means
 * nothing the page shows can be trusted to be current and nothing may be asked of the backend: the
 * shell shows a banner and disables every action until the link is back, then reloads its state.
 */
import type { RendererApi } from '../../../../shared/ipc/contract.js';
import type { LinkStatus, SocketApi } from './socket-client.js';

function reportsLink(api: RendererApi): api is SocketApi {
  return typeof (api as Partial<SocketApi>).onStatus === 'function';
}

export class Connection {
  status = $state.raw<LinkStatus>({ state: 'open' });
  readonly lost = $derived(this.status.state === 'lost');
  #retry: () => void = () => undefined;

  /**
   * Follow the transport's link (the Electron preload's IPC never drops, so it reports nothing);
   * `onChange` runs each time the link is lost or back.
   */
  watch(api: RendererApi, onChange: (lost: boolean) => void): void {
    if (!reportsLink(api)) return;
    this.#retry = () => api.retryNow();
    api.onStatus((status) => {
      const wasLost = this.lost;
      this.status = status;
      if (wasLost !== this.lost) onChange(this.lost);
    });
  }

  /** Reconnect now instead of at the next scheduled attempt. */
  retryNow(): void {
    this.#retry();
  }
}
