/** The desktop shell's extras (file dialogs, "show in folder"); absent in web mode. */
export interface StudioShell {
  pickImportFile(): Promise<string | null>;
  pickFolder(): Promise<string | null>;
  showPacks(): Promise<boolean>;
}

/** The Electron preload's shell object, or undefined in a browser. */
export function shell(): StudioShell | undefined {
  return (window as unknown as { studio?: { shell?: StudioShell } }).studio?.shell;
}
