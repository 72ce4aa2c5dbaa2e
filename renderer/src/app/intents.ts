import { useEffect, useRef } from 'react';

/** Things asked of a screen from outside it (the native menu): open the import dialog, choose an export folder. */
export type Intent = 'import-stores' | 'export-folder';

const pending = new Set<Intent>();
const listeners = new Map<Intent, Set<() => void>>();

/** Asks for `intent`: a mounted screen handling it runs now, otherwise the next one to mount does. */
export function emitIntent(intent: Intent): void {
  const ls = listeners.get(intent);
  if (ls?.size) ls.forEach((l) => l());
  else pending.add(intent);
}

/** Runs `handler` for `intent` while mounted, including one asked for just before this screen mounted. */
export function useIntent(intent: Intent, handler: () => void): void {
  const ref = useRef(handler);
  ref.current = handler;
  useEffect(() => {
    const run = () => ref.current();
    let set = listeners.get(intent);
    if (!set) listeners.set(intent, (set = new Set()));
    set.add(run);
    if (pending.delete(intent)) run();
    return () => void set.delete(run);
  }, [intent]);
}
