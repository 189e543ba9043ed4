/** Electron main process: window, protocol, security hooks and IPC wiring. Thin by design. */
import { app, ipcMain, protocol, safeStorage, session, type BrowserWindow } from 'electron';
import { join } from 'node:path';
import { createBackend } from '../backend/backend.js';
import { packageInfo, projectRoot } from '../backend/package-info.js';
import { CHANNEL_PREFIX } from '../../shared/ipc/contract.js';
import { APP_SCHEME, APP_URL, serveAppRequest } from './app-protocol.js';
import { registerIpc } from './ipc.js';
import { hardenWebContents, lockDownSession } from './security.js';
import { createMainWindow } from './window.js';

protocol.registerSchemesAsPrivileged([
  { scheme: APP_SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: false } },
]);
app.enableSandbox();
hardenWebContents(app);

let mainWindow: BrowserWindow | null = null;

async function start(): Promise<void> {
  const rendererDir = join(projectRoot, 'dist', 'renderer');
  lockDownSession(session.defaultSession);
  protocol.handle(APP_SCHEME, (request) => serveAppRequest(rendererDir, request.url));

  const { name, version } = packageInfo();
  const backend = createBackend({
    host: 'electron',
    env: process.env,
    dataDir: app.getPath('userData'),
    forceDemo: process.argv.includes('--demo') || process.env.MKRA_DEMO === '1',
    name,
    version,
    // The OS keystore protects the report signing key (Keychain, DPAPI, libsecret).
    secretBox: {
      available: () => safeStorage.isEncryptionAvailable(),
      encrypt: (plain) => safeStorage.encryptString(plain.toString('base64')),
      decrypt: (sealed) => Buffer.from(safeStorage.decryptString(sealed), 'base64'),
    },
  });
  registerIpc(ipcMain, backend.handlers, () => mainWindow);

  mainWindow = createMainWindow(join(projectRoot, 'dist', 'preload', 'index.cjs'), !app.isPackaged);
  const window = mainWindow;
  backend.subscribe((event, payload) => {
    if (!window.isDestroyed()) window.webContents.send(CHANNEL_PREFIX + event, payload);
  });
  window.once('ready-to-show', () => window.show());
  window.on('closed', () => (mainWindow = null));
  await window.loadURL(APP_URL);
}

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  app.on('second-instance', () => mainWindow?.focus());
  app.on('window-all-closed', () => app.quit());
  void app.whenReady().then(start);
}
