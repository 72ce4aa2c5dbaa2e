import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';
import { zbarDecode } from './helpers.js';

describe('render.poster (the live preview)', () => {
  const ctx = useDemoWorkspace('render-api');

  it('renders an unsaved post as base64, scaled for the preview', async () => {
    const post = structuredClone(ctx().ws.data().posts[0]!);
    post.title = '预览标题改了';
    const out = await dispatch('render.poster', { post, group: 'community', store: 'lc002', size: '9x16', width: 480 }, ctx());
    expect(out.mime).toBe('image/jpeg');
    expect([out.width, out.height]).toEqual([480, 853]);
    const meta = await sharp(Buffer.from(out.base64!, 'base64')).metadata();
    expect([meta.width, meta.height]).toEqual([480, 853]);
    expect(out.template.id).toMatch(/^poster-/);
    // Scaled straight from the composed frame: the store's QR still reads in the preview.
    expect(zbarDecode(Buffer.from(out.base64!, 'base64'))[0]).toMatch(/sq_store=lc002/);
  });

  it('writes a saved post\'s poster under renders/posters/ and returns the path', async () => {
    const out = await dispatch('render.poster', { post: 'spring-gift', group: 'community', store: 'lc001', size: '1x1', output: 'file', template: { id: 'poster-coupon' } }, ctx());
    expect(out.path).toBe(join('renders', 'posters', 'spring-gift__community__lc001__1x1.jpg'));
    expect(out.template).toMatchObject({ id: 'poster-coupon', version: 1, builtin: true });
    const links = zbarDecode(await readFile(join(ctx().ws.dir, out.path!)));
    expect(links[0]).toMatch(/sq_store=lc001/);
  });

  it('renders the unsaved source of a template being edited (always as a draft), and names a broken one', async () => {
    const source = builtinPosterTemplates().find((t) => t.id === 'poster-coupon')!.versions[0]!.source;
    const base = { post: 'spring-gift', group: 'community', store: 'lc001', size: '1x1' as const, width: 540 };
    const approved = await dispatch('render.poster', { ...base, template: { id: 'poster-coupon' } }, ctx());
    const editing = await dispatch('render.poster', { ...base, template: { id: 'poster-coupon', source } }, ctx());
    expect(editing.template.state).toBe('draft');
    expect(editing.base64).not.toBe(approved.base64);
    expect(zbarDecode(Buffer.from(editing.base64!, 'base64'))[0]).toMatch(/sq_store=lc001/);
    await expect(dispatch('render.poster', { ...base, template: { id: 'poster-coupon', source: 'not a poster template' } }, ctx())).rejects.toMatchObject({ code: 'bad_input', field: 'template.source' });
    await expect(dispatch('render.poster', { ...base, output: 'file', template: { id: 'poster-coupon', source } }, ctx())).rejects.toMatchObject({ code: 'bad_input', field: 'output' });
  });

  it('names what is missing', async () => {
    await expect(dispatch('render.poster', { post: 'nope', group: 'community', store: 'lc001' }, ctx())).rejects.toThrow(/post "nope" not found/);
    await expect(dispatch('render.poster', { post: 'spring-gift', group: 'community', store: 'lc001', template: { id: 'poster-nope' } }, ctx())).rejects.toThrow(/poster template "poster-nope" not found/);
  });
});
