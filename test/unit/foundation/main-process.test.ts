import { EventEmitter } from 'node:events';
import { mkdtempSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';

// The real Electron binary cannot run here: the main process is exercised against a faithful fake
// of the parts of the electron module it uses, to check the wiring (not Electron itself).
const created: { options: Record<string, unknown>; loaded: string[] }[] = [];
const handled: string[] = [];
const sessionCalls: string[] = [];
const app = Object.assign(new EventEmitter(), {
  enableSandbox: vi.fn(),
  requestSingleInstanceLock: () => true,
  whenReady: () => Promise.resolve(),
  getPath: () => mkdtempSync(join(tmpdir(), 'mkra-main-')),
  isPackaged: true,
  quit: vi.fn(),
});

vi.mock('electron', () => ({
  app,
  ipcMain: { handle: (channel: string) => handled.push(channel) },
  protocol: { registerSchemesAsPrivileged: vi.fn(), handle: vi.fn() },
  safeStorage: { isEncryptionAvailable: () => false, encryptString: vi.fn(), decryptString: vi.fn() },
  session: {
    defaultSession: {
      setPermissionRequestHandler: () => sessionCalls.push('request'),
      setPermissionCheckHandler: () => sessionCalls.push('check'),
      setDevicePermissionHandler: () => sessionCalls.push('device'),
    },
  },
  BrowserWindow: class {
    webContents = { send: vi.fn() };
    constructor(options: Record<string, unknown>) {
      created.push({ options, loaded: [] });
    }
    once() {}
    on() {}
    isDestroyed() {
      return false;
    }
    async loadURL(url: string) {
      created.at(-1)?.loaded.push(url);
    }
  },
}));

describe('main process wiring', () => {
  it('opens one sandboxed window on app://, locks the session and registers the IPC channels', async () => {
    await import('../../../electron/main/index.js');
    await vi.waitFor(() => expect(created[0]?.loaded).toEqual(['app://mkra/index.html']), { timeout: 60_000 });
    expect(created).toHaveLength(1);
    expect(created[0]?.options.webPreferences).toEqual({
      preload: expect.stringMatching(/dist[\\/]preload[\\/]index\.cjs$/),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      disableBlinkFeatures: 'Auxclick',
      webviewTag: false,
      navigateOnDragDrop: false,
      spellcheck: false,
      devTools: false,
      safeDialogs: true,
    });
    expect(app.enableSandbox).toHaveBeenCalled();
    expect(sessionCalls.sort()).toEqual(['check', 'device', 'request']);
    expect(handled).toContain('mkra:app:get-info');
    expect(app.listenerCount('web-contents-created')).toBe(1);
  });
});
