import type { RefObject } from 'react';
import type { MethodOutput } from '@contract';
import { api } from '../../../client';
import { isUnknownMethod } from '../../../app/useApi';
import { useLatestCall } from '../../../lib/useLatestCall';
import type { POSTER_SIZES } from '@contract/vocabulary';

type PosterSize = (typeof POSTER_SIZES)[number];

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
  /** The store, group type and size the shown poster is of. */
  store?: string;
  group?: string;
  size?: PosterSize;
  /** Whether it is drawn as a draft (what the large view asks for too). */
  watermark: boolean;
}

/**
 * Renders the unsaved post's poster for one group type and store (watermarked when its template
 * version is not approved): one render in flight, the newest edit rendered next (useLatestCall).
 */
export function usePosterPreview(draft: RefObject<Post>, revision: number, group: string | undefined, store: string | undefined, watermark: boolean, size: PosterSize = '9x16', delay = 40): PosterState {
  const ask = group && store ? { key: JSON.stringify([group, store, watermark, size]), revision } : undefined;
  const s = useLatestCall(
    ask,
    async (a) => {
      const [g, st, wm, sz] = JSON.parse(a.key) as [string, string, boolean, PosterSize];
      const img = await api('render.poster', { post: draft.current, group: g, store: st, size: sz, width: 480, draft: wm });
      return { img, group: g, store: st, size: sz };
    },
    delay,
  );
  // Where render.poster is not in the contract (an older core), the preview says so instead of retrying.
  const available = !(s.error !== undefined && isUnknownMethod(s.error));
  // Never another store's poster under this store's name (an older answer stays while a newer call fails).
  const v = s.value && s.value.group === group && s.value.store === store && s.value.size === size ? s.value : undefined;
  return {
    available,
    url: v && `data:${v.img.mime};base64,${v.img.base64}`,
    revision: s.revision,
    loading: s.loading,
    error: s.error,
    notes: v?.img.notes ?? [],
    ms: v?.img.ms,
    store: v?.store,
    group: v?.group,
    size: v?.size,
    watermark,
  };
}
