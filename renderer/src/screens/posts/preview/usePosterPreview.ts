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
}

/** Renders the unsaved post's poster for one group type and store, `delay` ms after the last change. */
export function usePosterPreview(draft: RefObject<Post>, revision: number, group: string | undefined, store: string | undefined, delay = 300): PosterState {
  const [available, setAvailable] = useState(true);
  const [state, setState] = useState<PosterState>({ available, revision: -1, loading: false });
  const seq = useRef(0);
  useEffect(() => {
    if (!available || !group || !store) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      const call = api as unknown as (m: string, i: unknown) => Promise<{ mime: string; base64: string }>;
      call('render.poster', { post: draft.current, group, store, size: '9x16', width: 480 })
        .then((img) => mine === seq.current && setState({ available, url: `data:${img.mime};base64,${img.base64}`, revision, loading: false }))
        .catch((error) => {
          if (isUnknownMethod(error)) setAvailable(false);
          if (mine === seq.current) setState((s) => ({ ...s, available: !isUnknownMethod(error), error, revision, loading: false }));
        });
    }, delay);
    return () => clearTimeout(timer);
  }, [available, draft, revision, group, store, delay]);
  return state;
}
