import { useEffect, useRef, useState, type RefObject } from 'react';
import type { MethodOutput } from '../../../../../src/api/contract';
import { api } from '../../../client';
import { isUnknownMethod } from '../../../app/useApi';

type Post = MethodOutput<'posts.get'>;

/** The poster of the variant being previewed, and the editor revision it shows. */
export interface PosterState {
  available: boolean;
  url?: string;
  revision: number;
  loading: boolean;
  error?: unknown;
  /** What the renderer had to adapt (text shortened, characters the font lacks). */
  notes: string[];
  ms?: number;
  /** The store and group type the shown poster is of. */
  store?: string;
  group?: string;
}

/** What one render asks for; a change of any of these asks for a new poster. */
interface Ask {
  revision: number;
  group: string;
  store: string;
  watermark: boolean;
}

/**
 * Renders the unsaved post's poster for one group type and store (watermarked when its template
 * version is not approved). At most one render is in flight: a change while one runs is
 * remembered, and when it ends the newest state of the post is rendered next. So a single edit
 * shows after `delay` ms plus one render, and fast typing never queues up stale renders.
 */
export function usePosterPreview(draft: RefObject<Post>, revision: number, group: string | undefined, store: string | undefined, watermark: boolean, delay = 40): PosterState {
  const [state, setState] = useState<PosterState>({ available: true, revision: -1, loading: false, notes: [] });
  const inFlight = useRef(false);
  const pending = useRef<Ask | undefined>(undefined);
  const live = useRef(true);
  useEffect(() => {
    live.current = true;
    return () => {
      live.current = false;
    };
  }, []);

  useEffect(() => {
    if (!state.available || !group || !store) return;
    const ask: Ask = { revision, group, store, watermark };
    pending.current = ask;
    setState((s) => (s.loading ? s : { ...s, loading: true }));
    if (inFlight.current) return;
    const run = () => {
      const next = pending.current;
      pending.current = undefined;
      if (!next || !live.current) return;
      inFlight.current = true;
      api('render.poster', { post: draft.current, group: next.group, store: next.store, size: '9x16', width: 480, draft: next.watermark })
        .then((img) => live.current && setState({ available: true, url: `data:${img.mime};base64,${img.base64}`, revision: next.revision, loading: !!pending.current, notes: img.notes, ms: img.ms, store: next.store, group: next.group }))
        .catch((error) => live.current && setState((s) => ({ ...s, available: !isUnknownMethod(error), error, revision: next.revision, loading: !!pending.current })))
        .finally(() => {
          inFlight.current = false;
          if (pending.current) run();
        });
    };
    const timer = setTimeout(run, delay);
    return () => clearTimeout(timer);
  }, [state.available, draft, revision, group, store, watermark, delay]);
  return state;
}
