/**
 * Hostile images: a 100k×100k PNG header, a truncated JPEG, a PDF renamed .png, SVGs reading local
 * files (href, XInclude) and nested <use> bombs — through the upload path (assets.upload, the
 * store import's avatars) and through the poster renderer. Each must be refused naming the asset.
 */
import sharp from 'sharp';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { checkSvgSafe, MAX_INPUT_PIXELS } from '../../src/render/image/images.js';
import { createPosterRenderer, type PosterRenderer } from '../../src/render/renderer.js';
import { assetId } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';
import { fixtureContext, fixtureImages, SHORT_STORE } from '../fixtures/render/fixture.js';
import { minimalStudio } from '../helpers/studio.js';
import { PDF_BYTES, pngHeaderBomb, realWorkspace, savedState, SVG_FILE_IMAGE, SVG_XINCLUDE, svgUseBomb, tempDir } from './helpers.js';
import { ctx } from '../helpers/session.js';

const bomb = pngHeaderBomb();
const jpeg = await sharp({ create: { width: 320, height: 240, channels: 3, background: '#C8102E' } }).jpeg().toBuffer();
const truncatedJpeg = jpeg.subarray(0, Math.floor(jpeg.length / 2));

describe('the crafted files are what they claim to be', () => {
  it('the PNG bomb has a valid IHDR (CRC checked by libvips) claiming 100000 × 100000 pixels in a few KB', async () => {
    expect(bomb.length).toBeLessThan(1024);
    const meta = await sharp(bomb, { limitInputPixels: false }).metadata();
    expect([meta.format, meta.width, meta.height]).toEqual(['png', 100_000, 100_000]);
  });
});

describe('upload path: assets.upload and the store import refuse hostile images, naming them, saving nothing', () => {
  let root: { dir: string; cleanup: () => Promise<void> };
  let ws: Workspace;
  beforeAll(async () => {
    root = await tempDir('img');
    ws = await realWorkspace(root.dir, minimalStudio());
  });
  afterAll(async () => {
    await ws?.close();
    await root?.cleanup();
  });

  const upload = (name: string, bytes: Buffer) => dispatch('assets.upload', { name, base64: bytes.toString('base64') }, ctx(ws)).then(
    () => undefined,
    (e) => e,
  );

  it.each([
    ['logo.png', PDF_BYTES, /"logo\.png" is not a supported image: its content is not PNG, JPEG, WebP, GIF or SVG/],
    ['avatar-file.svg', SVG_FILE_IMAGE, /"avatar-file\.svg" is an SVG that refers to something outside itself \(href="file:\/\/\/etc\/passwd\)/],
    ['avatar-xi.svg', SVG_XINCLUDE, /"avatar-xi\.svg" is an SVG that refers to something outside itself \(xi:include/],
  ])('%s is refused with bad_input naming it and what to do', async (name, bytes, message) => {
    const before = await savedState(ws);
    const err = await upload(name, bytes);
    expect(err).toMatchObject({ code: 'bad_input' });
    expect(err.message).toMatch(message);
    expect(err.message).toMatch(/try again|supported image/);
    expect(await savedState(ws)).toEqual(before);
  });

  // The upload decodes rasters with libvips' limits and counts an SVG's <use> expansion.
  it.each([
    ['huge.png', bomb],
    ['cut.jpg', truncatedJpeg],
    ['bomb.svg', svgUseBomb()],
  ])('%s is refused at upload, naming it', async (name, bytes) => {
    const before = await savedState(ws);
    const err = await upload(name, bytes);
    expect(err).toMatchObject({ code: 'bad_input', message: expect.stringContaining(name) });
    expect(await savedState(ws)).toEqual(before);
  });

  it('store import: a hostile avatar fails its row naming row, column and file; nothing is saved', async () => {
    const csv = Buffer.from('store_id,store_name,owner_name,avatar\nS100,好店,王,photos/pdf.png\nS101,好店二,李,photos/file.svg\n');
    const before = await savedState(ws);
    const r = await dispatch(
      'stores.importData',
      {
        name: 'stores.csv',
        base64: csv.toString('base64'),
        files: [
          { path: 'photos/pdf.png', base64: PDF_BYTES.toString('base64') },
          { path: 'photos/file.svg', base64: SVG_FILE_IMAGE.toString('base64') },
        ],
      },
      ctx(ws),
    );
    expect(r.saved).toBe(false);
    expect(r.errors).toEqual([
      { row: 2, column: 'avatar', message: expect.stringContaining('"pdf.png" is not a supported image'), code: 'asset.notImage', params: { name: 'pdf.png' } },
      { row: 3, column: 'avatar', message: expect.stringContaining('"file.svg" is an SVG that refers to something outside itself'), code: 'asset.svgExternal', params: expect.objectContaining({ name: 'file.svg' }) },
    ]);
    expect(await savedState(ws)).toEqual(before);
  });
});

describe('poster renderer: every hostile image is refused naming its slot and asset', () => {
  let renderer: PosterRenderer;
  const template = builtinPosterTemplates()[0]!;
  const t = { id: template.id, version: 1, source: template.versions[0]!.source };
  beforeAll(() => {
    renderer = createPosterRenderer({ maxBases: 2 });
  });

  /** Renders a 1:1 poster whose product image is `bytes` named `name`. */
  async function withProduct(name: string, bytes: Buffer): Promise<Error> {
    const ctx = fixtureContext(SHORT_STORE);
    const id = assetId(bytes);
    ctx.post = { ...ctx.post, product: { ...ctx.post.product, image: id } };
    const images = fixtureImages();
    images.set(id, { bytes, name });
    const t0 = performance.now();
    const err = await renderer.render({ template: t, size: '1x1', ctx, images }).then(
      () => new Error('rendered'),
      (e: Error) => e,
    );
    expect(performance.now() - t0).toBeLessThan(10_000); // refused before decoding, even on a loaded machine
    return err;
  }

  it.each([
    ['huge.png', bomb, `商品图 product image huge.png is 100000×100000 (10000 MP); the limit is ${MAX_INPUT_PIXELS / 1e6} MP: scale it down before using it`],
    ['cut.jpg', truncatedJpeg, '商品图 product image cut.jpg is truncated or damaged and cannot be used'],
    ['logo.png', PDF_BYTES, '商品图 product image logo.png is not an image format the studio reads (JPEG, PNG, WebP, GIF, SVG)'],
    ['file.svg', SVG_FILE_IMAGE, '商品图 product image file.svg: the SVG refers to something outside itself (href="file:///etc/passwd'],
    ['xi.svg', SVG_XINCLUDE, '商品图 product image xi.svg: the SVG refers to something outside itself (XInclude); external references are refused'],
  ])('%s', async (name, bytes, message) => {
    const err = await withProduct(name, bytes);
    expect(err.name).toBe('ImageInputError');
    expect(err.message).toContain(message);
  });

  it('a hostile store avatar names the store', async () => {
    const id = assetId(bomb);
    const ctx = fixtureContext({ ...SHORT_STORE, avatar: id });
    const images = fixtureImages();
    images.set(id, { bytes: bomb, name: 'avatar-huge.png' });
    const err = await renderer.render({ template: t, size: '1x1', ctx, images }).catch((e: Error) => e);
    expect(err).toBeInstanceOf(Error);
    expect((err as Error).message).toMatch(/头像 avatar avatar-huge\.png \(store "s-short"\) is 100000×100000 \(10000 MP\); the limit is 50 MP: scale it down/);
  });

  it('a nested <use> bomb is refused before librsvg expands it', () => {
    expect(() => checkSvgSafe(svgUseBomb(5, 10), 'bomb.svg')).toThrow(/bomb\.svg/);
  });
});
