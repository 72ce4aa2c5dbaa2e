import { useEffect, useRef, useState } from 'react';

/** What to fetch: `key` names the subject (group type, store...), `revision` the editor state it shows. */
export interface Ask {
  key: string;
  revision: number;
}

/** The newest answer, and which ask it answers. */
export interface LatestCall<T> {
  /** The newest value, with the ask it answers (kept while a newer ask fails, so check `valueKey`). */
  value?: T;
  valueKey?: string;
  /** Revision of the ask `value` answers; -1 before the first. */
  revision: number;
  /** The newest call's error, cleared by the next success. */
  error?: unknown;
  /** True while an answer for a newer ask is still coming. */
  loading: boolean;
}

/**
 * Runs `call` for the newest ask with at most one call in flight: an ask made while one runs is
 * remembered, and when it ends only the newest ask is run next. A single change shows after
 * `delay` ms plus one call; fast typing never queues up stale work on the server.
 */
export function useLatestCall<T>(ask: Ask | undefined, call: (ask: Ask) => Promise<T>, delay: number): LatestCall<T> {
  const [state, setState] = useState<LatestCall<T>>({ loading: false, revision: -1 });
  const callRef = useRef(call);
  callRef.current = call;
  const inFlight = useRef(false);
  const pending = useRef<Ask | undefined>(undefined);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  const key = ask?.key;
  const revision = ask?.revision;
  useEffect(() => {
    if (key === undefined || revision === undefined) {
      // Nothing to show any more: forget a waiting ask and stop the spinner.
      pending.current = undefined;
      setState((s) => (s.loading ? { ...s, loading: false } : s));
      return;
    }
    pending.current = { key, revision };
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    if (inFlight.current) return;
    const run = () => {
      const next = pending.current;
      pending.current = undefined;
      if (!next || !live.current) return;
      inFlight.current = true;
      callRef
        .current(next)
        .then((value) => live.current && setState({ value, valueKey: next.key, revision: next.revision, loading: !!pending.current }))
        .catch((error: unknown) => live.current && setState((s) => ({ ...s, error, loading: !!pending.current })))
        .finally(() => {
          inFlight.current = false;
          if (pending.current) run();
        });
    };
    const timer = setTimeout(run, delay);
    return () => clearTimeout(timer);
  }, [key, revision, delay]);
  return state;
}

/** A number that goes up each time `value` changes (an ask's revision for values that are not an editor's). */
export function useChangeCount(value: unknown): number {
  const last = useRef(value);
  const count = useRef(0);
  if (!Object.is(last.current, value)) {
    last.current = value;
    count.current++;
  }
  return count.current;
}
