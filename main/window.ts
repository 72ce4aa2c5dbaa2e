import { join } from 'node:path';
import type { BrowserWindow as BrowserWindowType } from 'electron';
import { ORIGIN } from './protocol';

/** Creates the studio window — isolated, sandboxed, no Node in the page — and loads the UI from the custom protocol. */
export function setupWindow(BrowserWindow: typeof BrowserWindowType, preloadDir: string): BrowserWindowType {
  // The options stay an inline literal so the security gate (electronegativity) can read them.
  const win = new BrowserWindow({
    width: 1440,
    height: 900,
    minWidth: 1100,
    minHeight: 700,
    show: false,
    title: '社群内容工作室 Shequn Studio',
    backgroundColor: '#f5f6f8',
    webPreferences: {
      preload: join(preloadDir, 'preload.cjs'),
      contextIsolation: true,
      sandbox: true,
      nodeIntegration: false,
      nodeIntegrationInWorker: false,
      nodeIntegrationInSubFrames: false,
      webSecurity: true,
      allowRunningInsecureContent: false,
      experimentalFeatures: false,
      webviewTag: false,
      spellcheck: false,
      disableBlinkFeatures: 'Auxclick',
    },
  });
  win.once('ready-to-show', () => win.show());
  void win.loadURL(`${ORIGIN}/index.html`);
  return win;
}
