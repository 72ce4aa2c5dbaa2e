import { describe, expect, it, vi } from 'vitest';

// Only main/ tests mock electron: the shell is wiring, tested here without the binary.
vi.mock('electron', () => ({}));

import { setupIpc, isTrustedSender, channelFor } from '../../main/ipc';
import { setupWindow } from '../../main/window';
import { resolveInside, ORIGIN } from '../../main/protocol';
import { setupNavigationGuards, STUDIO_CSP } from '../../main/security';
import { buildMenuTemplate } from '../../main/menu';
import { MENU_CHANNEL, PACKS_FOLDER, setupDialogs } from '../../main/dialogs';
import { FileGrants } from '../../src/api/grants';
import { mkdirSync, mkdtempSync, symlinkSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { methodNames } from '../../src/api/contract';
import { memoryWorkspace, tinyStudio } from '../helpers/memory-workspace';
import { sessionOf } from '../helpers/session.js';

type Handler = (event: unknown, input: unknown) => Promise<{ result?: unknown; error?: { code: string } }>;

function fakeIpc() {
  const handlers = new Map<string, Handler>();
  return { handlers, ipcMain: { handle: (ch: string, fn: Handler) => handlers.set(ch, fn) } };
}

const mainFrame = { url: `${ORIGIN}/index.html` };
const ownContents = { mainFrame };

describe('main process wiring', () => {
  it('generates one IPC handler per contract method', () => {
    const { handlers, ipcMain } = fakeIpc();
    const channels = setupIpc(ipcMain as never, { getSession: () => sessionOf(memoryWorkspace(tinyStudio())), ownWindow: () => ownContents as never, origin: ORIGIN });
    expect(channels.sort()).toEqual(methodNames.map(channelFor).sort());
    expect(handlers.size).toBe(methodNames.length);
  });

  it('answers calls from its own window and refuses foreign senders and frames', async () => {
    const { handlers, ipcMain } = fakeIpc();
    setupIpc(ipcMain as never, { getSession: () => sessionOf(memoryWorkspace(tinyStudio())), ownWindow: () => ownContents as never, origin: ORIGIN });
    const list = handlers.get('studio:stores.list')!;
    expect((await list({ sender: ownContents, senderFrame: mainFrame }, {})).result).toHaveLength(2);
    expect((await list({ sender: {}, senderFrame: mainFrame }, {})).error?.code).toBe('forbidden');
    expect((await list({ sender: ownContents, senderFrame: { url: `${ORIGIN}/x` } }, {})).error?.code).toBe('forbidden');
    const foreignOrigin = { url: 'https://evil.example/' };
    expect(isTrustedSender({ sender: { mainFrame: foreignOrigin }, senderFrame: foreignOrigin } as never, () => ({ mainFrame: foreignOrigin }) as never, ORIGIN)).toBe(false);
  });

  it('validates IPC input through the dispatcher (wrong types, extra fields)', async () => {
    const { handlers, ipcMain } = fakeIpc();
    setupIpc(ipcMain as never, { getSession: () => sessionOf(memoryWorkspace(tinyStudio())), ownWindow: () => ownContents as never, origin: ORIGIN });
    const get = handlers.get('studio:stores.get')!;
    expect((await get({ sender: ownContents, senderFrame: mainFrame }, { id: 1 })).error?.code).toBe('bad_input');
    expect((await get({ sender: ownContents, senderFrame: mainFrame }, { id: 's001', x: 1 })).error?.code).toBe('bad_input');
  });

  it('creates the window isolated and sandboxed, without Node, loaded from the custom protocol', () => {
    const made: { opts?: Electron.BrowserWindowConstructorOptions; url?: string } = {};
    class FakeWindow {
      constructor(opts: Electron.BrowserWindowConstructorOptions) {
        made.opts = opts;
      }
      once() {}
      loadURL(url: string) {
        made.url = url;
        return Promise.resolve();
      }
    }
    setupWindow(FakeWindow as never, '/app/out/preload');
    const prefs = made.opts!.webPreferences!;
    expect(prefs).toMatchObject({ contextIsolation: true, sandbox: true, nodeIntegration: false, webSecurity: true, webviewTag: false });
    expect(prefs.preload).toMatch(/preload\.cjs$/);
    expect(made.url).toBe(`${ORIGIN}/index.html`);
    expect(STUDIO_CSP).toContain("script-src 'self'");
    expect(STUDIO_CSP).not.toContain('unsafe-eval');
  });

  it('serves only files inside the renderer folder from the custom protocol', () => {
    expect(resolveInside('/app/out/renderer', `${ORIGIN}/index.html`)).toBe('/app/out/renderer/index.html');
    expect(resolveInside('/app/out/renderer', `${ORIGIN}/`)).toBe('/app/out/renderer/index.html');
    expect(resolveInside('/app/out/renderer', `${ORIGIN}/..%2f..%2fetc%2fpasswd`)).toBeNull();
  });

  it('denies navigation away and new windows, opening http links in the system browser', () => {
    const listeners: Record<string, (...a: unknown[]) => void> = {};
    const app = { on: (_e: string, fn: (...a: unknown[]) => void) => (listeners.created = fn) };
    const shell = { openExternal: vi.fn() };
    setupNavigationGuards(app as never, shell as never, ORIGIN);
    const contentsListeners: Record<string, (...a: unknown[]) => void> = {};
    let openHandler: ((d: { url: string }) => { action: string }) | undefined;
    const contents = { on: (e: string, fn: (...a: unknown[]) => void) => (contentsListeners[e] = fn), setWindowOpenHandler: (fn: typeof openHandler) => (openHandler = fn) };
    listeners.created!({}, contents);
    const ev = { preventDefault: vi.fn() };
    contentsListeners['will-navigate']!(ev, 'https://evil.example/');
    expect(ev.preventDefault).toHaveBeenCalled();
    const ok = { preventDefault: vi.fn() };
    contentsListeners['will-navigate']!(ok, `${ORIGIN}/index.html`);
    expect(ok.preventDefault).not.toHaveBeenCalled();
    expect(openHandler!({ url: 'https://brand.example/' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledWith('https://brand.example/');
    expect(openHandler!({ url: 'file:///etc/passwd' })).toEqual({ action: 'deny' });
    expect(shell.openExternal).toHaveBeenCalledTimes(1);
  });

  it('builds native menus with the usual edit roles and shortcuts', () => {
    const menu = buildMenuTemplate({ isMac: false, onImportStores: () => {}, onExportFolder: () => {}, onShowPacks: () => {} });
    const roles = JSON.stringify(menu);
    for (const role of ['undo', 'redo', 'cut', 'copy', 'paste', 'selectAll']) expect(roles).toContain(`"role":"${role}"`);
    expect(roles).toContain('CmdOrCtrl+I');
  });
});

describe('file dialogs and menu commands', () => {
  function setup(opts: { trusted?: boolean; picked?: string[] } = {}) {
    const handlers = new Map<string, (e: unknown, ...args: unknown[]) => Promise<unknown>>();
    const sent: unknown[][] = [];
    const opened: string[] = [];
    const win = { isMinimized: () => false, restore: vi.fn(), focus: vi.fn(), webContents: { send: (...a: unknown[]) => sent.push(a) } };
    const dialog = { showOpenDialog: vi.fn(async () => ({ canceled: !opts.picked, filePaths: opts.picked ?? [] })) };
    const shell = { openPath: vi.fn(async (p: string) => (opened.push(p), '')) };
    const packs = mkdtempSync(join(tmpdir(), 'shequn-packs-'));
    const grants = new FileGrants();
    const actions = setupDialogs({ handle: (ch: string, fn: never) => handlers.set(ch, fn) } as never, {
      dialog: dialog as never,
      shell: shell as never,
      win: () => win as never,
      ws: () => ({ paths: { packs } }) as never,
      grants: () => grants,
      trusted: () => opts.trusted ?? true,
    });
    return { handlers, sent, opened, dialog, actions, packs, grants };
  }

  it('menu import and export ask the window (which previews the import before saving) instead of acting behind its back', () => {
    const s = setup();
    s.actions.importStores();
    s.actions.exportFolder();
    expect(s.sent).toEqual([
      [MENU_CHANNEL, 'import-stores'],
      [MENU_CHANNEL, 'export-folder'],
    ]);
    expect(s.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('native pickers answer the app\'s own window only', async () => {
    const s = setup({ picked: ['/home/me/stores.csv'] });
    // The window gets a one-time grant and the name, never the path; only the core resolves the grant.
    const picked = (await s.handlers.get('studio-shell:pick-import-file')!({})) as { grant: string; name: string };
    expect(picked).toEqual({ grant: expect.stringMatching(/^g_/), name: 'stores.csv' });
    expect(JSON.stringify(picked)).not.toContain('/home/me');
    expect(s.grants.peek(picked.grant, 'import-file')).toBe('/home/me/stores.csv');
    expect(() => s.grants.peek(picked.grant, 'export-folder')).toThrow(/not a live folder grant/);
    const foreign = setup({ trusted: false, picked: ['/x'] });
    expect(await foreign.handlers.get('studio-shell:pick-import-file')!({})).toBeNull();
    expect(await foreign.handlers.get('studio-shell:pick-folder')!({})).toBeNull();
    expect(foreign.dialog.showOpenDialog).not.toHaveBeenCalled();
  });

  it('"show in folder" opens only the packs folder and folders the user picked (and inside them), never a file, an app bundle or a link out', async () => {
    const s = setup();
    const show = s.handlers.get('studio-shell:show-packs')!;
    expect(await show({})).toBe(true);
    const mine = mkdtempSync(join(tmpdir(), 'shequn-out-'));
    mkdirSync(join(mine, 'packs-2027'));
    // Not picked yet: refused.
    expect(await show({}, mine)).toBe(false);
    s.dialog.showOpenDialog.mockResolvedValueOnce({ canceled: false, filePaths: [mine] });
    const folder = (await s.handlers.get('studio-shell:pick-folder')!({})) as { grant: string; path: string };
    expect(folder.path).toBe(join(mine, PACKS_FOLDER));
    expect(s.grants.take(folder.grant, 'export-folder')).toBe(join(mine, PACKS_FOLDER));
    expect(() => s.grants.take(folder.grant, 'export-folder')).toThrow(/pick the folder again/);
    expect(await show({}, mine)).toBe(true);
    expect(await show({}, join(mine, 'packs-2027'))).toBe(true);
    const file = join(mine, 'run.sh');
    writeFileSync(file, 'echo hi');
    expect(await show({}, file)).toBe(false);
    mkdirSync(join(mine, 'Evil.app'));
    expect(await show({}, join(mine, 'Evil.app'))).toBe(false);
    const elsewhere = mkdtempSync(join(tmpdir(), 'shequn-elsewhere-'));
    symlinkSync(elsewhere, join(mine, 'link'));
    expect(await show({}, join(mine, 'link'))).toBe(false);
    expect(await show({}, 'packs-2027')).toBe(false);
    expect(await show({}, join(mine, 'missing'))).toBe(false);
    expect(s.opened).toEqual([s.packs, mine, join(mine, 'packs-2027')]);
    expect(await setup({ trusted: false }).handlers.get('studio-shell:show-packs')!({}, mine)).toBe(false);
  });
});
