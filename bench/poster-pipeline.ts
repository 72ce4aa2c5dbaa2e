/**
 * The studio side of bench:posters, shared with bench:export (which prints its own CPU per poster
 * beside this one, measured in the same run): N store variants of one post through the poster
 * pool, warm (shared layer, avatars and JIT before timing, as Chromium's page load is not timed).
 */
import { readdirSync, readFileSync } from 'node:fs';
import type { PosterSize, StoreOwner } from '../src/model/index.js';
import { createPosterPool } from '../src/render/pool/pool.js';
import { createPosterRenderer, type PosterRenderInput } from '../src/render/renderer.js';
import { builtinPosterTemplates } from '../src/render/template/builtins.js';
import { loadFonts } from '../src/render/text/fonts.js';
import { fixtureContext, fixtureImages, IDS, LONG_STORE, SHORT_STORE } from '../test/fixtures/render/fixture.js';

// Store names as a brand's list would have them: neighbourhood + kind of shop (60 different ones,
// lengths from 5 to 12 characters, one with the long flagship name), owners and catchphrases.
const PLACES = ['幸福里', '梧桐巷', '月亮湾', '江畔', '阳光花园', '老街坊', '东门', '桂花苑', '锦绣家园', '滨江新村', '南湖', '青石桥'];
const KINDS = ['便利店', '生活超市', '零食铺', '鲜果坊', '副食店'];
const CATCH = ['邻居们好，缺啥喊一声，老王给您送上楼！', '好货不贵，说到做到！', '开店二十年，熟客都知道我家秤准、货真。', '甜一点，日子就好一点～', '我是李姐，在梧桐巷开店十一年了，谁家孩子爱吃什么、谁家老人要少糖的，我心里都有本账，大家放心买、慢慢挑。', '新鲜到货，晚上八点前下单，明早送到家门口。'];
const OWNERS = ['王建国', '李秀英', '陈思远', '黄志强', '张小雨', '欧阳秀英', '刘芳', '赵大勇'];

/** The i-th bench store. */
export function benchStore(i: number): StoreOwner {
  const base = i % 2 ? SHORT_STORE : LONG_STORE;
  const storeName = i % 17 === 0 ? '幸福里社区生活超市（旗舰店）第二分店' : `${PLACES[i % PLACES.length]}${KINDS[Math.floor(i / PLACES.length) % KINDS.length]}`;
  return { ...base, id: `bench-${i}`, storeName, ownerName: OWNERS[i % OWNERS.length]!, nickname: '', catchphrase: CATCH[i % CATCH.length]!, avatar: i % 3 ? IDS.avatar1 : IDS.avatar2, cloudStoreUrl: `https://yun.shiguoshanfang.example/store/bench-${i}` };
}

/** Peak RSS of this process in MB. */
export const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** CPU ms used so far by this process (every thread). */
export const ownCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms used so far by all child processes still running, from /proc. */
export function childrenCpu(): number {
  const parent = new Map<number, number>();
  const ticks = new Map<number, number>();
  for (const d of readdirSync('/proc')) {
    if (!/^\d+$/.test(d)) continue;
    try {
      const stat = readFileSync(`/proc/${d}/stat`, 'utf8');
      const f = stat.slice(stat.lastIndexOf(')') + 2).split(' ');
      parent.set(Number(d), Number(f[1]));
      ticks.set(Number(d), Number(f[11]) + Number(f[12]));
    } catch {
      // the process ended meanwhile
    }
  }
  let total = 0;
  for (const [pid, t] of ticks) {
    let p = parent.get(pid);
    while (p && p !== process.pid) p = parent.get(p);
    if (p === process.pid) total += t;
  }
  return (total * 1000) / 100;
}

/** Renders `n` variants warm on a pool of `workers` threads; wall ms and CPU ms per variant. */
export async function studioPosters(o: { n: number; workers: number; concurrency: number; size: PosterSize; quiet?: boolean }): Promise<{ ms: number; cpu: number }> {
  const template = builtinPosterTemplates()[0]!;
  const tpl = { id: template.id, version: 1, source: template.versions[0]!.source };
  const renderer = o.workers > 0 ? createPosterPool({ workers: o.workers }) : createPosterRenderer({ fonts: loadFonts() });
  const images = fixtureImages();
  const input = (i: number): PosterRenderInput => ({ template: tpl, size: o.size, ctx: fixtureContext(benchStore(i)), images, format: 'jpg' });
  // Warm-up: the shared base layer, the avatars and the JIT (not counted, as the browser's page load is not).
  await Promise.all(Array.from({ length: 2 * Math.max(1, o.workers) }, (_, i) => renderer.render(input(1000 + i))));
  for (let i = 0; i < 4; i++) await Promise.all(Array.from({ length: o.concurrency }, (_, k) => renderer.render(input(2000 + i * 10 + k))));
  const t0 = performance.now();
  const c0 = ownCpu();
  let next = 0;
  let bytes = 0;
  const lane = async (): Promise<void> => {
    while (next < o.n) {
      const out = await renderer.render(input(next++));
      bytes += out.bytes.length;
    }
  };
  await Promise.all(Array.from({ length: o.concurrency }, lane));
  const ms = (performance.now() - t0) / o.n;
  const cpu = (ownCpu() - c0) / o.n;
  if ('close' in renderer && typeof renderer.close === 'function') await (renderer.close as () => Promise<void>)();
  if (!o.quiet) console.log(`studio pipeline: ${o.n} variants in ${((ms * o.n) / 1000).toFixed(2)} s = ${ms.toFixed(1)} ms/variant (${(1000 / ms).toFixed(1)}/s, CPU ${cpu.toFixed(1)} ms/variant, workers ${o.workers}, concurrency ${o.concurrency}, avg ${Math.round(bytes / o.n / 1024)} KB, base layers ${JSON.stringify(renderer.stats())})`);
  return { ms, cpu };
}
