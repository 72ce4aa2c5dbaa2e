import { useCallback, useEffect, useRef, useState } from 'react';
import type { MethodInput, MethodName, MethodOutput } from '@contract';
import { api, StudioError } from '../client';
import type { TFn } from '../i18n';
import { engineText } from '../i18n/engine';

const prefetched = new Map<string, Promise<unknown>>();

/** Starts a call before React renders (main.tsx), so the first screen's data loads while the UI is built. */
export function prefetch<M extends MethodName>(method: M, input: MethodInput<M>): void {
  const p = api(method, input);
  p.catch(() => undefined);
  prefetched.set(`${method} ${JSON.stringify(input)}`, p);
}

/** A prefetched result, used once (later loads call the studio again). */
function takePrefetched<T>(key: string): Promise<T | undefined> | undefined {
  const p = prefetched.get(key);
  if (!p) return undefined;
  prefetched.delete(key);
  return (p as Promise<T>).catch(() => undefined);
}

/** Loaded data of one contract call, with reload and a local setter for optimistic updates. */
export interface ApiData<T> {
  data: T | undefined;
  error: Error | undefined;
  loading: boolean;
  reload(): Promise<void>;
  setData(next: T): void;
}

/** Calls `method` with `input` on mount and whenever the input changes (compared as JSON). */
export function useApi<M extends MethodName>(method: M, input: MethodInput<M>, opts: { skip?: boolean } = {}): ApiData<MethodOutput<M>> {
  const [data, setData] = useState<MethodOutput<M>>();
  const [error, setError] = useState<Error>();
  const [loading, setLoading] = useState(!opts.skip);
  const key = JSON.stringify(input);
  const seq = useRef(0);
  const reload = useCallback(async () => {
    const mine = ++seq.current;
    setLoading(true);
    try {
      const out = (await takePrefetched<MethodOutput<M>>(`${method} ${key}`)) ?? (await api(method, JSON.parse(key) as MethodInput<M>));
      if (mine === seq.current) {
        setData(out);
        setError(undefined);
      }
    } catch (err) {
      if (mine === seq.current) setError(err as Error);
    } finally {
      if (mine === seq.current) setLoading(false);
    }
  }, [method, key]);
  useEffect(() => {
    if (!opts.skip) void reload();
  }, [reload, opts.skip]);
  return { data, error, loading, reload, setData };
}

/** True when an error says the method is not in the studio's contract (an older or partial core). */
export function isUnknownMethod(err: unknown): boolean {
  return err instanceof StudioError && err.code === 'not_found' && /unknown method/.test(err.message);
}

/** A message that says what went wrong and what to do, in the user's language. */
export function errorText(err: unknown, t: TFn): string {
  if (err instanceof StudioError) {
    const msg = engineText(t.lang ?? 'zh', { message: err.message, code: err.messageCode, params: err.params });
    switch (err.code) {
      case 'unauthorized':
        return t('error.unauthorized');
      case 'read_only':
        return t('error.read_only');
      case 'not_found':
        return t('error.not_found', { msg });
      case 'conflict':
        return t('error.conflict', { msg });
      case 'bad_input':
        return t('error.bad_input', { msg });
      case 'forbidden':
        return t('error.forbidden', { msg });
      default:
        return t('error.other', { msg });
    }
  }
  if (err instanceof TypeError) return t('error.network');
  return t('error.other', { msg: err instanceof Error ? err.message : String(err) });
}
