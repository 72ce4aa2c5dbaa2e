import { useCallback, useEffect, useRef, useState } from 'react';

/** Where the saving of an edited item stands. */
export type SaveState = { kind: 'saved'; at?: Date } | { kind: 'dirty' } | { kind: 'saving' } | { kind: 'error'; error: unknown };

/**
 * Debounced autosave with one save in flight at a time: every `touch()` schedules a save
 * `delay` ms later; `flush()` saves at once (Ctrl+S, leaving). A change made while a save is
 * in flight is saved right after it, so the last edit always wins.
 */
export function useAutosave<T>(save: (value: T) => Promise<unknown>, read: () => T, delay = 800) {
  const [state, setState] = useState<SaveState>({ kind: 'saved' });
  const revision = useRef(0);
  const savedRevision = useRef(0);
  const inFlight = useRef<Promise<boolean> | null>(null);
  const timer = useRef<ReturnType<typeof setTimeout> | undefined>(undefined);
  const saveRef = useRef(save);
  saveRef.current = save;
  const readRef = useRef(read);
  readRef.current = read;

  const flush = useCallback(async (): Promise<boolean> => {
    clearTimeout(timer.current);
    if (inFlight.current) await inFlight.current;
    if (savedRevision.current === revision.current) return true;
    const target = revision.current;
    setState({ kind: 'saving' });
    const run = (async () => {
      try {
        await saveRef.current(readRef.current());
        savedRevision.current = target;
        setState(revision.current === target ? { kind: 'saved', at: new Date() } : { kind: 'dirty' });
        return true;
      } catch (error) {
        setState({ kind: 'error', error });
        return false;
      }
    })();
    inFlight.current = run;
    const ok = await run;
    inFlight.current = null;
    if (ok && savedRevision.current !== revision.current) return flush();
    return ok;
  }, []);

  const touch = useCallback(() => {
    revision.current++;
    setState((s) => (s.kind === 'saving' ? s : { kind: 'dirty' }));
    clearTimeout(timer.current);
    timer.current = setTimeout(() => void flush(), delay);
  }, [flush, delay]);

  useEffect(() => () => clearTimeout(timer.current), []);
  const dirty = state.kind !== 'saved';
  return { state, dirty, touch, flush };
}
