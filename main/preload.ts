import { contextBridge, ipcRenderer } from 'electron';
import { methodNames } from '../src/api/contract';

const allowed = new Set<string>(methodNames);

// The one object the renderer sees: `window.studio`: contract calls, plus the shell's dialogs.
contextBridge.exposeInMainWorld('studio', {
  call(method: string, input: unknown) {
    if (typeof method !== 'string' || !allowed.has(method)) {
      return Promise.resolve({ error: { code: 'not_found', message: `unknown method "${String(method)}"` } });
    }
    return ipcRenderer.invoke(`studio:${method}`, input);
  },
  shell: {
    pickImportFile: (): Promise<string | null> => ipcRenderer.invoke('studio-shell:pick-import-file'),
    pickFolder: (): Promise<string | null> => ipcRenderer.invoke('studio-shell:pick-folder'),
    showPacks: (): Promise<boolean> => ipcRenderer.invoke('studio-shell:show-packs'),
  },
});
