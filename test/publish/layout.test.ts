import { mkdtemp, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { expiryInstant } from '../../src/pack/manifest.js';
import { packFolderName } from '../../src/pack/names.js';
import { writePack } from '../../src/pack/writer.js';
import { ensureTokens } from '../../src/portal/tokens.js';
import { cacheControlOf, contentTypeOf, fileKey, zipDisposition } from '../../src/publish/layout.js';
import { runPublish } from '../../src/publish/publish.js';
import { defaultPublicBase, openTarget, resolveTarget } from '../../src/publish/target.js';
import { tinyStudio } from '../helpers/memory-workspace.js';
import { startS3, type TestS3 } from '../helpers/servers.js';

describe('where and how objects are published', () => {
  it('serves each kind of file with its type (text as UTF-8) and caches only content-addressed files for long', () => {
    expect(contentTypeOf('f/0123456789abcdef/caption.txt')).toBe('text/plain; charset=utf-8');
    expect(contentTypeOf('index.html')).toBe('text/html; charset=utf-8');
    expect(contentTypeOf('manifest.json')).toBe('application/json; charset=utf-8');
    expect(contentTypeOf('f/0123456789abcdef/video.mp4')).toBe('video/mp4');
    expect(contentTypeOf('f/0123456789abcdef/poster-9x16.JPG')).toBe('image/jpeg');
    expect(contentTypeOf('pack.zip')).toBe('application/zip');
    expect(cacheControlOf('f/0123456789abcdef/qr.png')).toMatch(/immutable/);
    expect(cacheControlOf('index.html')).toBe('no-cache');
    expect(fileKey('ab'.repeat(32), '社区群/新品 上市/poster-1x1.jpg')).toBe(`f/${'ab'.repeat(8)}/poster-1x1.jpg`);
  });

  it("names the zip in UTF-8 (RFC 5987) with an ASCII fallback, even with quotes and apostrophes in the store's name", () => {
    expect(zipDisposition('lc001-老王家便利店')).toBe(`attachment; filename="pack.zip"; filename*=UTF-8''lc001-${encodeURIComponent('老王家便利店')}.zip`);
    expect(zipDisposition("lc002-Wang's (东城)")).toBe(`attachment; filename="pack.zip"; filename*=UTF-8''lc002-Wang%27s%20%28${encodeURIComponent('东城')}%29.zip`);
  });

  it('completes a target: path-style public base by default, checked fields named', () => {
    expect(defaultPublicBase({ bucket: 'packs', prefix: 'brand/春季' }, 'http://127.0.0.1:9000/', undefined)).toBe(`http://127.0.0.1:9000/packs/brand/${encodeURIComponent('春季')}`);
    expect(defaultPublicBase({ bucket: 'packs', prefix: '' }, undefined, 'ap-east-1')).toBe('https://s3.ap-east-1.amazonaws.com/packs');
    expect(resolveTarget({ to: 's3://packs/x', publicBase: 'https://cdn.brand.example/x/' }).publicBase).toBe('https://cdn.brand.example/x');
    expect(resolveTarget({ to: 's3://packs/x', collector: 'https://c.brand.example/' }).collector).toBe('https://c.brand.example');
    expect(() => resolveTarget({ to: 's3://packs/x', endpoint: 'http://user:pw@minio:9000' })).toThrow(expect.objectContaining({ field: 'endpoint' }));
    expect(() => resolveTarget({ to: 's3://packs/x', publicBase: 'https://cdn.example/?a=1' })).toThrow(expect.objectContaining({ field: 'publicBase' }));
    expect(() => resolveTarget({ to: 's3://packs/../x' })).toThrow(expect.objectContaining({ field: 'to' }));
  });
});

describe('a pack with a video and an expired entry, published', () => {
  let dir: string;
  let s3: TestS3;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-publish-video-'));
    s3 = await startS3('packs');
  });
  afterAll(async () => {
    await s3?.stop();
    await rm(dir, { recursive: true, force: true });
  });

  it('publishes the video as video/mp4 and leaves the expired entry out; the page withdraws it', async () => {
    const data = tinyStudio();
    ensureTokens(data, ['s001']);
    const store = data.stores[0]!;
    const video = join(dir, 'video.mp4');
    await writeFile(video, Buffer.from('ftyp-not-really-a-video'));
    const old = join(dir, 'old.jpg');
    await writeFile(old, Buffer.from('old poster'));
    const meta = (id: string, title: string, until: string) => ({
      post: { id, title, validFrom: '2026-01-01', validUntil: until },
      group: { id: 'community', name: '社区群', tip: '' },
      dir: `社区群/${title}`,
      link: `https://shop.example.com/?p=${id}`,
      expiresAt: expiryInstant(until),
      templates: [],
    });
    await writePack(join(dir, 'packs'), {
      folder: packFolderName(store),
      packKey: 'c'.repeat(64),
      store: { id: store.id, storeName: store.storeName, ownerName: store.ownerName },
      brand: { name: '山野果坊', color: '#B5482E' },
      createdAt: '2026-11-01T10:00:00.000Z',
      entries: [
        { meta: meta('p1', '新品', '2099-12-31'), files: [{ name: 'video.mp4', role: 'video', from: video }, { name: 'caption.txt', role: 'caption', text: '新品文案', primary: true }] },
        { meta: meta('p0', '旧活动', '2026-10-31'), files: [{ name: 'poster-1x1.jpg', role: 'poster', from: old, posterSize: '1x1' }, { name: 'caption.txt', role: 'caption', text: '旧活动文案' }] },
      ],
    });
    const target = resolveTarget({ to: 's3://packs/v', endpoint: s3.endpoint, pathStyle: true }, s3.env);
    const bucket = openTarget(target, { env: s3.env });
    try {
      const r = await runPublish(data, join(dir, 'packs'), {}, { bucket, target, clock: () => new Date('2026-12-06T00:00:00Z') });
      expect(r.stores[0]).toMatchObject({ store: 's001', status: 'published', live: true });
      const keys = (await bucket.list('p/')).map((o) => o.key);
      const mp4 = keys.find((k) => k.endsWith('/video.mp4'))!;
      const res = await fetch(`${target.publicBase}/${mp4}`);
      expect(res.headers.get('content-type')).toBe('video/mp4');
      expect(keys.some((k) => k.endsWith('.jpg'))).toBe(false);
      const html = await (await fetch(r.stores[0]!.url)).text();
      expect(html).toContain('<video src="f/');
      expect(html).not.toContain('旧活动文案');
      expect(html).toContain('此内容已过期，已撤回');
    } finally {
      bucket.close();
    }
  });
});
