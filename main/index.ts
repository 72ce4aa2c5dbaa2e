import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, session, shell } from 'electron';
import { openOrCreateDemo } from '../src/setup/demo-workspace';
import { demoWorkspaceDir } from '../src/setup/user-data';
import { stopShare } from '../src/server/share';
import { openWorkspace } from '../src/workspace/index';
import type { Workspace } from '../src/workspace/types';
import { setupDialogs } from './dialogs';
import { isTrustedSender, setupIpc } from './ipc';
import { setupMenu } from './menu';
import { ORIGIN, SCHEME, setupProtocol } from './protocol';
import { setupNavigationGuards, setupPermissions } from './security';
import { setupWindow } from './window';

// The desktop shell: every feature is a setupX() over the core in src/; no domain logic here.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let ws: Workspace | undefined;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  setupNavigationGuards(app, shell, ORIGIN);
  app.whenReady().then(async () => {
    const arg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
    ws = arg ? await openWorkspace(arg) : await openOrCreateDemo(demoWorkspaceDir());
    setupPermissions(session.defaultSession);
    setupProtocol(protocol, join(__dirname, '../renderer'));
    const ownWindow = () => win?.webContents;
    setupIpc(ipcMain, { getWorkspace: () => ws!, ownWindow, origin: ORIGIN });
    const actions = setupDialogs(ipcMain, { dialog, shell, win: () => win, ws: () => ws!, trusted: (e) => isTrustedSender(e, ownWindow, ORIGIN) });
    setupMenu(Menu, () => win, actions);
    win = setupWindow(BrowserWindow, join(__dirname, '../preload'));
  });
  app.on('window-all-closed', async () => {
    if (ws) await stopShare(ws);
    await ws?.close();
    app.quit();
  });
}
