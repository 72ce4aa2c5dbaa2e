/** The desktop shell's extras (file dialogs, "show in folder"); absent in web mode. */
export interface StudioShell {
  /** The native file picker: a one-time grant of the picked table (the window never holds its path) and its name. */
  pickImportFile(): Promise<{ grant: string; name: string } | null>;
  /** The native folder picker: a one-time grant of the export folder made inside the pick, and its path to show. */
  pickFolder(): Promise<{ grant: string; path: string } | null>;
  /** Opens a pack folder in the file manager (the workspace's packs/ when none is given). */
  showPacks(folder?: string): Promise<boolean>;
  /** Menu commands from the native menu ("import-stores", "export-folder"); returns the unsubscribe. */
  onMenu?(listener: (command: string) => void): () => void;
}

/** The Electron preload's shell object, or undefined in a browser. */
export function shell(): StudioShell | undefined {
  return (window as unknown as { studio?: { shell?: StudioShell } }).studio?.shell;
}
