import { createHash } from 'node:crypto';
import { mkdtempSync, readFileSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import { afterAll, describe, expect, it } from 'vitest';
import { ImageInputError } from '../../src/render/image/images.js';
import { createPosterPool, type PoolImage, type PoolPosterInput } from '../../src/render/pool/pool.js';
import { createPosterRenderer, type PosterRenderInput } from '../../src/render/renderer.js';
import { PosterTemplateError } from '../../src/render/template/source.js';
import { FILES, fixtureContext, fixtureImages, LONG_STORE, SHORT_STORE } from '../fixtures/render/fixture.js';
import { builtinInputs, zbarDecode } from './helpers.js';

const [festive] = builtinInputs();
const images = fixtureImages();
const input = (over: Partial<PoolPosterInput> = {}): PosterRenderInput & PoolPosterInput => ({ template: festive!, size: '1x1', ctx: fixtureContext(SHORT_STORE), images, format: 'jpg', ...over }) as PosterRenderInput & PoolPosterInput;
const store = (i: number) => fixtureContext({ ...SHORT_STORE, id: `pool-${i}`, storeName: `梧桐巷${i}号便利店`, cloudStoreUrl: `https://yun.shiguoshanfang.example/store/pool-${i}` });
const dir = mkdtempSync(join(tmpdir(), 'shequn-pool-'));

describe('the poster pool (worker threads running TypeScript through tsx, and a local lane)', () => {
  const pool = createPosterPool({ workers: 2 });
  afterAll(() => pool.close());

  it('renders the same bytes on a worker as in this thread, and passes errors back with their kind', async () => {
    const [a, b] = await Promise.all([pool.render(input({ ctx: fixtureContext(LONG_STORE) })), pool.render(input())]);
    expect(a.bytes.equals((await createPosterRenderer().render(input({ ctx: fixtureContext(LONG_STORE) }))).bytes)).toBe(true);
    expect(zbarDecode(b.bytes)).toEqual([fixtureContext(SHORT_STORE).link]);
    const local = await pool.render(input(), { lane: 'local' });
    expect(local.bytes.equals(b.bytes)).toBe(true);
    const broken = new Map(images);
    const id = 'f'.repeat(64);
    broken.set(id, { bytes: FILES.avatar1.subarray(0, 300), name: 'cut.png' });
    const ctx = fixtureContext({ ...SHORT_STORE, avatar: id });
    await expect(pool.render(input({ ctx, images: broken }))).rejects.toThrow(ImageInputError);
    await expect(pool.render(input({ ctx, images: broken }))).rejects.toThrow(/头像 avatar cut\.png \(store "s-short"\) is truncated or damaged/);
    // The worker keeps serving after a failure.
    expect(zbarDecode((await pool.render(input({ ctx: store(99) }))).bytes)).toEqual([store(99).link]);
  });

  it('keeps both workers busy on a batch and reports their busy time', async () => {
    // Both workers warm (shared layer of this poster rendered on each) before measuring.
    await Promise.all(Array.from({ length: 4 }, (_, i) => pool.render(input({ ctx: store(50 + i) }))));
    const busy0 = pool.busyMs();
    const t0 = performance.now();
    const out = await Promise.all(Array.from({ length: 12 }, (_, i) => pool.render(input({ ctx: store(i) }))));
    const wall = performance.now() - t0;
    expect(out.map((o) => zbarDecode(o.bytes)[0])).toEqual(Array.from({ length: 12 }, (_, i) => store(i).link));
    // Both lanes had work the whole time: about two lanes' worth of busy time per unit of wall time.
    expect((pool.busyMs() - busy0) / wall).toBeGreaterThan(1.5);
  });

  it('writes posters and QR images straight to files, with the digest of what it wrote', async () => {
    const poster = join(dir, 'a', 'poster.jpg');
    const missing = 'e'.repeat(64);
    const withFile = new Map<string, PoolImage>([...images, [missing, { path: join(dir, 'missing.png'), name: 'missing.png' }]]);
    // An image the lane must read itself and cannot: the task fails, naming the file.
    await expect(pool.renderToFile(input({ ctx: fixtureContext({ ...SHORT_STORE, avatar: missing }), images: withFile }), poster)).rejects.toThrow(/missing\.png/);
    const avatarFile = join(dir, 'avatar.png');
    writeFileSync(avatarFile, FILES.avatar2);
    const fromFile = await pool.renderToFile(input({ ctx: fixtureContext({ ...SHORT_STORE, avatar: 'd'.repeat(64) }), images: new Map<string, PoolImage>([...images, ['d'.repeat(64), { path: avatarFile, name: 'avatar.png' }]]) }), poster);
    expect(fromFile.size).toBeGreaterThan(10_000);
    const ok = await pool.renderToFile(input(), poster);
    const bytes = readFileSync(poster);
    expect(ok.sha256).toBe(createHash('sha256').update(bytes).digest('hex'));
    expect(ok.size).toBe(bytes.length);
    expect(zbarDecode(bytes)).toEqual([fixtureContext(SHORT_STORE).link]);
    const qr = join(dir, 'qr.png');
    const link = 'https://yun.shiguoshanfang.example/store/s-short?sq_post=p&sq_group=g&sq_store=s';
    const q = await pool.qrToFile(link, 600, qr, { lane: 'local' });
    const { data, info } = await sharp(qr).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
    expect([info.width, info.height]).toEqual([600, 600]);
    expect(jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height)?.data).toBe(link);
    expect(q.sha256).toBe(createHash('sha256').update(readFileSync(qr)).digest('hex'));
  });

  it('drops waiting tasks when their signal fires; a broken template fails only its own task', async () => {
    const controller = new AbortController();
    const tasks = Array.from({ length: 10 }, (_, i) => pool.render(input({ ctx: store(100 + i) }), { signal: controller.signal }).then(() => 'done', (e: { code?: string }) => e.code ?? 'error'));
    controller.abort();
    const results = await Promise.all(tasks);
    expect(results.filter((r) => r === 'cancelled').length).toBeGreaterThanOrEqual(10 - 4); // at most two in flight per worker
    const bad = { id: 'bad', version: 1, source: 'not a poster template' };
    await expect(pool.render(input({ template: bad }))).rejects.toThrow(PosterTemplateError);
    expect((await pool.render(input())).width).toBe(1080);
  });

  it('fails waiting and running tasks as cancelled when closed, and refuses new ones', async () => {
    const p2 = createPosterPool({ workers: 1 });
    const tasks = Array.from({ length: 4 }, (_, i) => p2.render(input({ ctx: store(200 + i) })).then(() => 'done', (e: { code?: string }) => e.code));
    await new Promise((r) => setTimeout(r, 50));
    await p2.close();
    expect(await Promise.all(tasks)).toEqual(['cancelled', 'cancelled', 'cancelled', 'cancelled']);
    await expect(p2.render(input())).rejects.toMatchObject({ code: 'cancelled' });
  });
});
