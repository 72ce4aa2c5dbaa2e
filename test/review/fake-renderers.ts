// Stand-in renderers for tests that exercise review logic, not rendering: each image is a flat colour
// whose size matches the poster size, so the sheet layout and labels can be checked quickly.
import sharp from 'sharp';
import type { VariantContext } from '../../src/compose/types.js';
import { POSTER_DIMENSIONS } from '../../src/model/index.js';
import type { ProofRenderers } from '../../src/review/proof.js';

/** Every render call made, for assertions on coverage. */
export interface Calls {
  poster: { source: string; store: string; group: string; size: string }[];
  caption: { source: string; store: string; group: string }[];
  video: { source: string; store: string }[];
}

/** Fake renderers recording their calls. */
export function fakeRenderers(calls: Calls = { poster: [], caption: [], video: [] }): ProofRenderers & { calls: Calls } {
  const flat = (w: number, h: number, seed: string) => {
    const n = [...seed].reduce((a, c) => (a * 31 + c.charCodeAt(0)) % 200, 7);
    return sharp({ create: { width: w, height: h, channels: 3, background: { r: 40 + n, g: 90, b: 160 } } }).png().toBuffer();
  };
  return {
    calls,
    context: (_d, post, group, store) => ({ post, group, store, vars: { storeName: store.storeName, catchphrase: store.catchphrase } }) as unknown as VariantContext,
    async poster({ source }, ctx, size) {
      calls.poster.push({ source, store: ctx.store.id, group: ctx.group.id, size });
      const d = POSTER_DIMENSIONS[size];
      return flat(d.width / 4, d.height / 4, source);
    },
    caption({ source }, ctx) {
      calls.caption.push({ source, store: ctx.store.id, group: ctx.group.id });
      return `${source}\n${ctx.store.storeName} ${ctx.store.catchphrase} · ${ctx.group.name}`;
    },
    async videoFrames({ source }, ctx) {
      calls.video.push({ source, store: ctx.store.id });
      return [
        { label: 'text layer 1', image: await flat(270, 480, source + '1') },
        { label: 'end card', image: await flat(270, 480, source + 'end') },
      ];
    },
  };
}
