/**
 * Poster benchmark: N store variants of one post through the studio's pipeline (shared base
 * layer once, per store only the store layer + JPEG band), and the same poster HTML
 * screenshotted N times in headless Chromium (playwright-core with Debian's chromium, one
 * browser and one page reused, the template loaded once and only the store's text, avatar and
 * QR changed in the page, JPEG screenshot). Prints both rates, their ratio and peak RSS; the
 * last line is one JSON object.
 *
 *   npm run bench:posters            (N=50)   BENCH_N=20 npm run bench:posters
 */
import { execSync } from 'node:child_process';
import { readdirSync, readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { builtinPosterTemplates } from '../src/render/template/builtins.js';
import { fontPaths, loadFonts } from '../src/render/text/fonts.js';
import { posterHtmlDocument, posterHtmlParts } from '../src/render/template/html-document.js';
import { loadImage, dataUri } from '../src/render/image/images.js';
import { loadPosterTemplate } from '../src/render/template/poster-template.js';
import { createPosterRenderer, type PosterRenderInput } from '../src/render/renderer.js';
import { createPosterPool } from '../src/render/pool/pool.js';
import { FILES, fixtureContext, fixtureImages, IDS, LONG_STORE, SHORT_STORE } from '../test/fixtures/render/fixture.js';
import type { StoreOwner } from '../src/model/index.js';

const N = Number(process.env.BENCH_N ?? 50);
const SIZE = '9x16' as const;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2 * Math.max(1, WORKERS));

// Store names as a brand's list would have them: neighbourhood + kind of shop (60 different ones,
// lengths from 5 to 12 characters, one with the long flagship name), owners and catchphrases.
const PLACES = ['幸福里', '梧桐巷', '月亮湾', '江畔', '阳光花园', '老街坊', '东门', '桂花苑', '锦绣家园', '滨江新村', '南湖', '青石桥'];
const KINDS = ['便利店', '生活超市', '零食铺', '鲜果坊', '副食店'];
const CATCH = ['邻居们好，缺啥喊一声，老王给您送上楼！', '好货不贵，说到做到！', '开店二十年，熟客都知道我家秤准、货真。', '甜一点，日子就好一点～', '我是李姐，在梧桐巷开店十一年了，谁家孩子爱吃什么、谁家老人要少糖的，我心里都有本账，大家放心买、慢慢挑。', '新鲜到货，晚上八点前下单，明早送到家门口。'];
const OWNERS = ['王建国', '李秀英', '陈思远', '黄志强', '张小雨', '欧阳秀英', '刘芳', '赵大勇'];

function store(i: number): StoreOwner {
  const base = i % 2 ? SHORT_STORE : LONG_STORE;
  const storeName = i % 17 === 0 ? '幸福里社区生活超市（旗舰店）第二分店' : `${PLACES[i % PLACES.length]}${KINDS[Math.floor(i / PLACES.length) % KINDS.length]}`;
  return { ...base, id: `bench-${i}`, storeName, ownerName: OWNERS[i % OWNERS.length]!, nickname: '', catchphrase: CATCH[i % CATCH.length]!, avatar: i % 3 ? IDS.avatar1 : IDS.avatar2, cloudStoreUrl: `https://yun.shiguoshanfang.example/store/bench-${i}` };
}

const peak = (): number => Math.round(process.resourceUsage().maxRSS / 1024);

/** CPU ms used so far by this process. */
const ownCpu = (): number => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};

/** CPU ms used so far by all child processes still running (the browser's), from /proc. */
function childrenCpu(): number {
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

async function ours(): Promise<number> {
  const template = builtinPosterTemplates()[0]!;
  const tpl = { id: template.id, version: 1, source: template.versions[0]!.source };
  const renderer = WORKERS > 0 ? createPosterPool({ workers: WORKERS }) : createPosterRenderer({ fonts: loadFonts() });
  const images = fixtureImages();
  const input = (i: number): PosterRenderInput => ({ template: tpl, size: SIZE, ctx: fixtureContext(store(i)), images, format: 'jpg' });
  // Warm-up: the shared base layer, the avatars and the JIT (not counted, as the browser's page load is not).
  await Promise.all(Array.from({ length: 2 * Math.max(1, WORKERS) }, (_, i) => renderer.render(input(1000 + i))));
  for (let i = 0; i < 4; i++) await Promise.all(Array.from({ length: CONCURRENCY }, (_, k) => renderer.render(input(2000 + i * 10 + k))));
  const t0 = performance.now();
  const c0 = ownCpu();
  let next = 0;
  let bytes = 0;
  const worker = async (): Promise<void> => {
    while (next < N) {
      const out = await renderer.render(input(next++));
      bytes += out.bytes.length;
    }
  };
  await Promise.all(Array.from({ length: CONCURRENCY }, worker));
  const ms = (performance.now() - t0) / N;
  const cpu = (ownCpu() - c0) / N;
  if ('close' in renderer && typeof renderer.close === 'function') await (renderer.close as () => Promise<void>)();
  console.log(`studio pipeline: ${N} variants in ${((ms * N) / 1000).toFixed(2)} s = ${ms.toFixed(1)} ms/variant (${(1000 / ms).toFixed(1)}/s, CPU ${cpu.toFixed(1)} ms/variant, workers ${WORKERS}, concurrency ${CONCURRENCY}, avg ${Math.round(bytes / N / 1024)} KB, base layers ${JSON.stringify(renderer.stats())})`);
  return ms;
}

async function browser(): Promise<number> {
  const exe = execSync('command -v chromium').toString().trim();
  const fonts = loadFonts();
  const template = builtinPosterTemplates()[0]!;
  const t = loadPosterTemplate({ id: template.id, version: 1, source: template.versions[0]!.source });
  const flags = { product: true, logo: true, brandIp: true, avatar: true };
  const img = async (b: Buffer, n: string): Promise<string> => dataUri(await loadImage(b, n));
  const slotImages = { product: await img(FILES.product, 'product'), logo: await img(FILES.logo, 'logo'), brandIp: await img(FILES.mascot, 'mascot') };
  const avatars = { [IDS.avatar1]: await img(FILES.avatar1, 'a1'), [IDS.avatar2]: await img(FILES.avatar2, 'a2') };
  const qrPx = Number(t.manifest.sizes[SIZE].vars.qr ?? 280);
  const storeHtml = async (i: number): Promise<string> => {
    const ctx = fixtureContext(store(i));
    const parts = posterHtmlParts(t, SIZE, ctx, fonts, flags);
    const qr = await QRCode.toDataURL(ctx.link, { errorCorrectionLevel: 'M', margin: 4, width: qrPx });
    return parts.store.replace(/<img([^>]*)data-slot="([A-Za-z]+)"([^>]*)>/g, (_, a: string, slot: string, b: string) => `<img${a}data-slot="${slot}" src="${slot === 'qr' ? qr : avatars[ctx.store.avatar!]}"${b}>`);
  };
  const parts = posterHtmlParts(t, SIZE, fixtureContext(store(0)), fonts, flags);
  const html = posterHtmlDocument(parts, { regular: 'https://poster.local/regular.ttf', bold: 'https://poster.local/bold.ttf' }, { ...slotImages, avatar: avatars[IDS.avatar1]!, qr: '' });
  const fontFiles = fontPaths();
  const b = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
  try {
    const page = await b.newPage({ viewport: { width: parts.width, height: parts.height } });
    await page.route('**/*', (route) => {
      const url = route.request().url();
      if (url.endsWith('/regular.ttf')) return route.fulfill({ body: readFileSync(fontFiles.regular), contentType: 'font/ttf' });
      if (url.endsWith('/bold.ttf')) return route.fulfill({ body: readFileSync(fontFiles.bold), contentType: 'font/ttf' });
      return route.abort();
    });
    await page.setContent(html, { waitUntil: 'load' });
    await page.evaluate(() => document.fonts.ready.then(() => undefined));
    const one = async (i: number): Promise<number> => {
      const s = await storeHtml(i);
      await page.evaluate((markup) => {
        document.getElementById('store')!.innerHTML = markup;
        return Promise.all(Array.from(document.images).map((im) => im.decode().catch(() => undefined))).then(() => undefined);
      }, s);
      return (await page.screenshot({ type: 'jpeg', quality: 88 })).length;
    };
    for (let i = 0; i < 3; i++) await one(1000 + i);
    const t0 = performance.now();
    const c0 = ownCpu() + childrenCpu();
    let bytes = 0;
    for (let i = 0; i < N; i++) bytes += await one(i);
    const ms = (performance.now() - t0) / N;
    const cpu = (ownCpu() + childrenCpu() - c0) / N;
    console.log(`headless Chromium: ${N} screenshots in ${((ms * N) / 1000).toFixed(2)} s = ${ms.toFixed(1)} ms/variant (${(1000 / ms).toFixed(1)}/s, CPU ${cpu.toFixed(1)} ms/variant incl. the browser's processes, avg ${Math.round(bytes / N / 1024)} KB)`);
    return ms;
  } finally {
    await b.close();
  }
}

const oursMs = await ours();
const chromiumMs = await browser();
const ratio = chromiumMs / oursMs;
console.log(`ratio: ${ratio.toFixed(2)}× the Chromium rate per store variant (target ≥ 5×); peak RSS ${peak()} MB (target < 1024)`);
console.log(JSON.stringify({ bench: 'posters', variants: N, ms_per_variant: +oursMs.toFixed(1), chromium_ms: +chromiumMs.toFixed(1), ratio: +ratio.toFixed(2), peak_rss_mb: peak() }));
