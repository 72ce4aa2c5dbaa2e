import { join } from 'node:path';
import { app, BrowserWindow, dialog, ipcMain, Menu, protocol, safeStorage, session, shell } from 'electron';
import { keyLines, openOrCreateDemo } from '../src/setup/demo-workspace';
import { demoWorkspaceDir } from '../src/setup/user-data';
import type { Session } from '../src/api/services';
import { serverServices } from '../src/server/app';
import { openWorkspace } from '../src/workspace/index';
import { setupDialogs } from './dialogs';
import { isTrustedSender, setupIpc } from './ipc';
import { setupMenu } from './menu';
import { setupSecrets } from './secrets';
import { ORIGIN, SCHEME, setupProtocol } from './protocol';
import { setupNavigationGuards, setupPermissions } from './security';
import { setupWindow } from './window';

// The desktop shell: every feature is a setupX() over the core in src/; no domain logic here.
protocol.registerSchemesAsPrivileged([{ scheme: SCHEME, privileges: { standard: true, secure: true, supportFetchAPI: true } }]);

if (!app.requestSingleInstanceLock()) {
  app.quit();
} else {
  let win: BrowserWindow | undefined;
  let studio: Session | undefined;
  app.on('second-instance', () => {
    if (win) {
      if (win.isMinimized()) win.restore();
      win.focus();
    }
  });
  setupNavigationGuards(app, shell, ORIGIN);
  app.whenReady().then(async () => {
    const arg = process.argv.slice(app.isPackaged ? 1 : 2).find((a) => !a.startsWith('-'));
    const { ws, keys } = arg ? { ws: await openWorkspace(arg), keys: [] } : await openOrCreateDemo(demoWorkspaceDir());
    // The demo's first start: its users' keys exist only now (the studio keeps their hashes).
    for (const line of keyLines(keys)) console.log(line);
    // Publish keys live in the OS keychain (safeStorage), never in the workspace.
    studio = { ws, services: serverServices(ws, { secrets: setupSecrets(safeStorage, app.getPath('userData')) }) };
    setupPermissions(session.defaultSession);
    setupProtocol(protocol, join(__dirname, '../renderer'));
    const ownWindow = () => win?.webContents;
    setupIpc(ipcMain, { getSession: () => studio!, ownWindow, origin: ORIGIN });
    const actions = setupDialogs(ipcMain, { dialog, shell, win: () => win, ws: () => studio!.ws, grants: () => studio!.services.grants, trusted: (e) => isTrustedSender(e, ownWindow, ORIGIN) });
    setupMenu(Menu, () => win, actions);
    win = setupWindow(BrowserWindow, join(__dirname, '../preload'));
  });
  app.on('window-all-closed', async () => {
    await studio?.services.close();
    await studio?.ws.close();
    app.quit();
  });
}
