import { useEffect, useRef, useState, type RefObject } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../../client';

type Post = MethodOutput<'posts.get'>;
type Composed = MethodOutput<'compose.preview'>;

/** The composed variant and the editor revision it was made from (the e2e suite times it). */
export interface VariantPreview {
  composed?: Composed;
  revision: number;
  error?: unknown;
}

/**
 * Composes the unsaved post for one group type and store, `delay` ms after the last change
 * (one frame: keystrokes in the same frame share a call; compose itself takes a few ms).
 * Only the newest answer is kept, so a slow reply never overwrites a newer one.
 */
export function useVariantPreview(draft: RefObject<Post>, revision: number, group: string | undefined, store: string | undefined, delay = 16): VariantPreview {
  const [state, setState] = useState<VariantPreview>({ revision: -1 });
  const seq = useRef(0);
  useEffect(() => {
    if (!group || !store) return;
    const mine = ++seq.current;
    const timer = setTimeout(() => {
      api('compose.preview', { post: draft.current, group, store })
        .then((composed) => mine === seq.current && setState({ composed, revision }))
        .catch((error) => mine === seq.current && setState((s) => ({ ...s, error, revision })));
    }, delay);
    return () => clearTimeout(timer);
  }, [draft, revision, group, store, delay]);
  return state;
}
