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
}

/**
 * Renders the unsaved post's poster for one group type and store, `delay` ms after the last
 * change (watermarked when its template version is not approved). Only the newest answer is kept.
 */
export function usePosterPreview(draft: RefObject<Post>, revision: number, group: string | undefined, store: string | undefined, watermark: boolean, delay = 300): PosterState {
  const [state, setState] = useState<PosterState>({ available: true, revision: -1, loading: false, notes: [] });
  const seq = useRef(0);
  useEffect(() => {
    if (!state.available || !group || !store) return;
    const mine = ++seq.current;
    setState((s) => ({ ...s, loading: true }));
    const timer = setTimeout(() => {
      api('render.poster', { post: draft.current, group, store, size: '9x16', width: 480, draft: watermark })
        .then((img) => mine === seq.current && setState({ available: true, url: `data:${img.mime};base64,${img.base64}`, revision, loading: false, notes: img.notes, ms: img.ms }))
        .catch((error) => mine === seq.current && setState((s) => ({ ...s, available: !isUnknownMethod(error), error, revision, loading: false })));
    }, delay);
    return () => clearTimeout(timer);
  }, [state.available, draft, revision, group, store, watermark, delay]);
  return state;
}
