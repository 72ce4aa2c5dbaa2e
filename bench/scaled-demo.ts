/**
 * The demo brand scaled up for the export benchmarks (bench:export, bench:scale): one post, and
 * `n` stores copied from the demo's active ones, each running two of the post's group types so all
 * four appear.
 */
import type { StoreOwner } from '../src/model/index.js';

/** The post the export benchmarks export. */
export const BENCH_POST = 'spring-gift';

/** Pairs of the post's group types, one per store in turn. */
const PAIRS = [
  ['community', 'vip'],
  ['community', 'moms'],
  ['moms', 'koc'],
  ['koc', 'vip'],
];

/** `n` stores made from the demo's active ones, ids `<prefix>0001`…, each with its own tracking path. */
export function scaledStores(demo: readonly StoreOwner[], n: number, prefix: string): StoreOwner[] {
  const active = demo.filter((s) => s.active);
  return Array.from({ length: n }, (_, i) => {
    const b = active[i % active.length]!;
    const id = `${prefix}${String(i + 1).padStart(4, '0')}`;
    return { ...b, id, storeName: `${b.storeName.slice(0, 12)}${i + 1}号店`, groupTypes: [...PAIRS[i % PAIRS.length]!], active: true, cloudStoreUrl: b.cloudStoreUrl ? `${b.cloudStoreUrl.replace(/\/[^/]*$/, '')}/${id}` : undefined };
  });
}
