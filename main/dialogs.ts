import { realpath, stat } from 'node:fs/promises';
import { basename, isAbsolute, join, resolve, sep } from 'node:path';
import type { BrowserWindow, Dialog, IpcMain, Shell } from 'electron';
import type { FileGrants } from '../src/api/grants';
import type { Workspace } from '../src/workspace/types';

/** The folder an export makes inside the folder the user picks. */
export const PACKS_FOLDER = '社群内容包';

/** Menu commands the window carries out itself (so an import still shows its preview and row errors first). */
export type MenuCommand = 'import-stores' | 'export-folder';

/** The channel menu commands reach the window on. */
export const MENU_CHANNEL = 'studio-shell:menu';

/**
 * File dialogs for import and export, and "show pack in folder": each a narrow IPC channel
 * answering only the app's own window. The menu's import and export items do not act here: they
 * ask the window, which opens its import dialog (native file picker, then the dry-run preview
 * with per-row errors, then save) or its export screen's folder picker.
 */
export function setupDialogs(
  ipcMain: IpcMain,
  deps: { dialog: Dialog; shell: Shell; win: () => BrowserWindow | undefined; ws: () => Workspace; grants: () => FileGrants; trusted: (e: Electron.IpcMainInvokeEvent) => boolean },
) {
  // The window never sees or sends a path: it gets a one-time grant of what the user picked here,
  // which only the core resolves (stores.import { grant }, export.start { folder }).
  const pickImportFile = async (): Promise<{ grant: string; name: string } | null> => {
    const win = deps.win();
    if (!win) return null;
    const picked = await deps.dialog.showOpenDialog(win, { title: '导入门店', properties: ['openFile'], filters: [{ name: 'CSV / Excel', extensions: ['csv', 'xlsx'] }] });
    const file = picked.canceled ? undefined : picked.filePaths[0];
    return file ? { grant: deps.grants().grant(file, 'import-file'), name: basename(file) } : null;
  };
  // Folders "open folder" may open: the workspace's packs/ and what the user picked in a folder
  // dialog (and folders inside those: an export writes into a subfolder of the pick). Nothing
  // the window names by itself is opened (on macOS an .app bundle is a folder: opening it runs it).
  const picked = new Set<string>();
  const pickFolder = async (): Promise<{ grant: string; path: string } | null> => {
    const win = deps.win();
    if (!win) return null;
    const r = await deps.dialog.showOpenDialog(win, { title: '选择导出文件夹', properties: ['openDirectory', 'createDirectory'] });
    const dir = r.canceled ? undefined : r.filePaths[0];
    if (!dir) return null;
    picked.add(resolve(dir));
    // Packs go into their own folder inside the pick: the exporter replaces pack folders and
    // clears its own leftovers there, which must never touch the user's other files.
    const out = join(resolve(dir), PACKS_FOLDER);
    return { grant: deps.grants().grant(out, 'export-folder'), path: out };
  };
  const allowed = async (dir: string) => {
    const roots = await Promise.all([deps.ws().paths.packs, ...picked].map((r) => realpath(r).catch(() => resolve(r))));
    return roots.some((root) => dir === root || dir.startsWith(root + sep));
  };
  ipcMain.handle('studio-shell:pick-import-file', (e) => (deps.trusted(e) ? pickImportFile() : null));
  ipcMain.handle('studio-shell:pick-folder', (e) => (deps.trusted(e) ? pickFolder() : null));
  ipcMain.handle('studio-shell:show-packs', async (e, folder?: unknown) => {
    if (!deps.trusted(e)) return false;
    return showPacks(typeof folder === 'string' ? folder : undefined);
  });
  // Only folders are opened (openPath on a file would run it): the packs folder, or an export's own folder.
  const showPacks = async (folder?: string) => {
    if (folder !== undefined && !isAbsolute(folder)) return false;
    // The real path (a symlink could point anywhere) must be an allowed folder, and not an app bundle.
    const dir = await realpath(folder ? resolve(folder) : deps.ws().paths.packs).catch(() => undefined);
    if (!dir || !(await allowed(dir)) || /\.app$/i.test(dir)) return false;
    const info = await stat(dir).catch(() => undefined);
    if (!info?.isDirectory()) return false;
    return (await deps.shell.openPath(dir)) === '';
  };
  const send = (command: MenuCommand) => {
    const win = deps.win();
    if (!win) return;
    if (win.isMinimized()) win.restore();
    win.focus();
    win.webContents.send(MENU_CHANNEL, command);
  };
  return {
    importStores: () => send('import-stores'),
    exportFolder: () => send('export-folder'),
    showPacks: () => void showPacks(),
  };
}
