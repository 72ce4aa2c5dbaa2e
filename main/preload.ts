import { contextBridge, ipcRenderer } from 'electron';
import { methodNames } from '../src/api/contract';

const allowed = new Set<string>(methodNames);

// The one object the renderer sees: `window.studio`: contract calls, plus the shell's dialogs.
contextBridge.exposeInMainWorld('studio', {
  /** Calls a contract method; `userKey` is the personal key of the user the call acts as (`as`), if any. */
  call(method: string, input: unknown, userKey?: string) {
    if (typeof method !== 'string' || !allowed.has(method)) {
      return Promise.resolve({ error: { code: 'not_found', message: `unknown method "${String(method)}"` } });
    }
    return ipcRenderer.invoke(`studio:${method}`, input, typeof userKey === 'string' ? userKey : undefined);
  },
  shell: {
    /** The picked table as a one-time grant for stores.import, and its name to show. */
    pickImportFile: (): Promise<{ grant: string; name: string } | null> => ipcRenderer.invoke('studio-shell:pick-import-file'),
    /** The picked export folder as a one-time grant for export.start { folder }, and its path to show. */
    pickFolder: (): Promise<{ grant: string; path: string } | null> => ipcRenderer.invoke('studio-shell:pick-folder'),
    showPacks: (folder?: string): Promise<boolean> => ipcRenderer.invoke('studio-shell:show-packs', typeof folder === 'string' ? folder : undefined),
    /** Menu commands for the window ("import-stores", "export-folder"); returns the unsubscribe. */
    onMenu(listener: (command: string) => void): () => void {
      const wrapped = (_e: unknown, command: unknown) => {
        if (typeof command === 'string') listener(command);
      };
      ipcRenderer.on('studio-shell:menu', wrapped);
      return () => ipcRenderer.removeListener('studio-shell:menu', wrapped);
    },
  },
});
