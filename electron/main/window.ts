/**
 * Security-sensitive: the app's single window. The options are written out literally here, so
 * both reviewers and the static analyser (Electronegativity) see them; docs/security.md explains
 * each one, and test/unit/foundation/window-security.test.ts asserts them.
 */
import { BrowserWindow } from 'electron';

/** Create the main window with the hardened options. */
export function createMainWindow(preloadPath: string, isDevelopment: boolean): BrowserWindow {
  return new BrowserWindow({
    width: 1280,
    height: 800,
    minWidth: 960,
    minHeight: 640,
    show: false,
    title: 'MK Rotation Assistant',
    backgroundColor: '#f6f7f9',
    webPreferences: {
      preload: preloadPath,
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
      devTools: isDevelopment,
      safeDialogs: true,
    },
  });
}
