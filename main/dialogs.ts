import type { BrowserWindow, Dialog, IpcMain, Shell } from 'electron';
import { dispatch } from '../src/api/dispatcher';
import type { Workspace } from '../src/workspace/types';

/** File dialogs for import and export, and "show pack in folder" — each a narrow IPC channel. */
export function setupDialogs(ipcMain: IpcMain, deps: { dialog: Dialog; shell: Shell; win: () => BrowserWindow | undefined; ws: () => Workspace; trusted: (e: Electron.IpcMainInvokeEvent) => boolean }) {
  const importStores = async () => {
    const win = deps.win();
    if (!win) return null;
    const picked = await deps.dialog.showOpenDialog(win, { title: '导入门店', properties: ['openFile'], filters: [{ name: 'CSV / Excel', extensions: ['csv', 'xlsx'] }] });
    return picked.canceled ? null : picked.filePaths[0] ?? null;
  };
  const chooseFolder = async () => {
    const win = deps.win();
    if (!win) return null;
    const picked = await deps.dialog.showOpenDialog(win, { title: '选择导出文件夹', properties: ['openDirectory', 'createDirectory'] });
    return picked.canceled ? null : picked.filePaths[0] ?? null;
  };
  ipcMain.handle('studio-shell:pick-import-file', (e) => (deps.trusted(e) ? importStores() : null));
  ipcMain.handle('studio-shell:pick-folder', (e) => (deps.trusted(e) ? chooseFolder() : null));
  ipcMain.handle('studio-shell:show-packs', async (e) => {
    if (!deps.trusted(e)) return false;
    await deps.shell.openPath(deps.ws().paths.packs);
    return true;
  });
  return {
    importStores: async () => {
      const file = await importStores();
      if (file) await dispatch('stores.import' as never, { file } as never, { ws: deps.ws() }).catch((err: Error) => deps.dialog.showErrorBox('导入失败', err.message));
      deps.win()?.webContents.send('studio-shell:changed');
    },
    exportFolder: async () => void (await chooseFolder()),
    showPacks: () => void deps.shell.openPath(deps.ws().paths.packs),
  };
}
