/**
 * Poster benchmark at equal footing: N store variants of one post through the studio's pipeline
 * (shared base layer once, per store only the store layer + JPEG band) on BENCH_WORKERS poster
 * workers (default 2), and the same poster HTML screenshotted N times in headless Chromium
 * (playwright-core with Debian's chromium) on as many lanes as the studio has workers: one
 * browser with one page each (two pages in one browser crashed), the template loaded once per
 * page and only the store's text, avatar and QR changed in it, JPEG screenshot. Prints both
 * rates, their ratio (target ≥ 5×), CPU beside wall and peak RSS; the last line is one JSON
 * object with `workers` and `chromium_lanes`.
 *
 *   npm run bench:posters            (N=50)   BENCH_N=20 npm run bench:posters
 */
import { execSync } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { chromium } from 'playwright-core';
import QRCode from 'qrcode';
import { builtinPosterTemplates } from '../src/render/template/builtins.js';
import { fontPaths, loadFonts } from '../src/render/text/fonts.js';
import { posterHtmlDocument, posterHtmlParts } from '../src/render/template/html-document.js';
import { loadImage, dataUri } from '../src/render/image/images.js';
import { loadPosterTemplate } from '../src/render/template/poster-template.js';
import { FILES, fixtureContext, IDS } from '../test/fixtures/render/fixture.js';
import { benchStore, childrenCpu, ownCpu, peak, studioPosters } from './poster-pipeline.js';

const N = Number(process.env.BENCH_N ?? 50);
const SIZE = '9x16' as const;
const WORKERS = Number(process.env.BENCH_WORKERS ?? 2);
const CONCURRENCY = Number(process.env.BENCH_CONCURRENCY ?? 2 * Math.max(1, WORKERS));
/** Chromium gets as many lanes as the studio has workers (one browser with one page each: two pages in one browser crashed). */
const LANES = Math.max(1, WORKERS);
const store = benchStore;

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
  const launch = async () => {
    const b = await chromium.launch({ executablePath: exe, args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'] });
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
    return { b, one };
  };
  const lanes = await Promise.all(Array.from({ length: LANES }, launch));
  try {
    // Warm-up of every lane (not counted, as the studio's is not).
    await Promise.all(lanes.map(async (l, k) => {
      for (let i = 0; i < 3; i++) await l.one(1000 + k * 10 + i);
    }));
    const t0 = performance.now();
    const c0 = ownCpu() + childrenCpu();
    let bytes = 0;
    let next = 0;
    await Promise.all(lanes.map(async (l) => {
      while (next < N) {
        const n = await l.one(next++);
        bytes += n;
      }
    }));
    const ms = (performance.now() - t0) / N;
    const cpu = (ownCpu() + childrenCpu() - c0) / N;
    console.log(`headless Chromium: ${N} screenshots in ${((ms * N) / 1000).toFixed(2)} s = ${ms.toFixed(1)} ms/variant (${(1000 / ms).toFixed(1)}/s, CPU ${cpu.toFixed(1)} ms/variant incl. the browsers' processes, ${LANES} lane(s): one browser with one page each, avg ${Math.round(bytes / N / 1024)} KB)`);
    return ms;
  } finally {
    await Promise.all(lanes.map((l) => l.b.close()));
  }
}

const oursMs = (await studioPosters({ n: N, workers: WORKERS, concurrency: CONCURRENCY, size: SIZE })).ms;
const chromiumMs = await browser();
const ratio = chromiumMs / oursMs;
console.log(`ratio: ${ratio.toFixed(2)}× the Chromium rate per store variant (target ≥ 5×); peak RSS ${peak()} MB (target < 1024)`);
console.log(JSON.stringify({ bench: 'posters', variants: N, workers: WORKERS, chromium_lanes: LANES, ms_per_variant: +oursMs.toFixed(1), chromium_ms: +chromiumMs.toFixed(1), ratio: +ratio.toFixed(2), peak_rss_mb: peak() }));
