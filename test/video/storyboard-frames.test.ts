import sharp from 'sharp';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { builtinStoryboards } from '../../src/video/builtins.js';
import { useDemoWorkspace } from '../helpers/demo-workspace.js';
import { zbarDecode } from '../render/helpers.js';

describe('video.storyboard (the storyboard preview as pictures)', () => {
  const ctx = useDemoWorkspace('storyboard');
  const image = (b64: string) => Buffer.from(b64, 'base64');

  it('draws each scene and the store\'s end card with their timing; the end card carries the store\'s QR', async () => {
    const out = await dispatch('video.storyboard', { post: 'spring-gift', group: 'community', store: 'lc001', width: 540 }, ctx());
    const scenes = out.frames.filter((f) => f.kind === 'scene');
    expect(scenes.map((f) => f.part)).toEqual(expect.arrayContaining(['head', 'waist', 'leg']));
    expect(out.frames.at(-1)!.kind).toBe('endCard');
    const last = out.frames.at(-1)!;
    expect(last.start + last.duration).toBeCloseTo(out.total, 1);
    for (const f of out.frames) {
      const meta = await sharp(image(f.base64)).metadata();
      expect([meta.format, meta.width, meta.height]).toEqual(['jpeg', 540, 960]);
      // Not a blank frame: a drawn scene has detail.
      const { channels } = await sharp(image(f.base64)).stats();
      expect(Math.max(...channels.map((c) => c.stdev))).toBeGreaterThan(10);
    }
    expect(zbarDecode(image(last.base64))[0]).toMatch(/sq_store=lc001/);
  });

  it('follows the unsaved post: a new head changes the head scene only', async () => {
    const post = structuredClone(ctx().ws.data().posts.find((p) => p.id === 'spring-gift')!);
    // Without a hook for the group, the head scene shows the head's first line.
    post.hooks = {};
    const before = await dispatch('video.storyboard', { post, group: 'community', store: 'lc001' }, ctx());
    post.head = { root: { type: 'root', version: 1, direction: null, format: '', indent: 0, children: [{ type: 'paragraph', version: 1, direction: null, format: '', indent: 0, textFormat: 0, textStyle: '', children: [{ type: 'text', version: 1, text: '全新的开场白，端午见！', format: 0, style: '', mode: 'normal', detail: 0 }] }] } } as typeof post.head;
    const after = await dispatch('video.storyboard', { post, group: 'community', store: 'lc001' }, ctx());
    const changed = after.frames.map((f, i) => f.base64 !== before.frames[i]!.base64);
    after.frames.forEach((f, i) => expect(changed[i], `${f.kind} ${f.part ?? ''}`).toBe(f.part === 'head'));
    expect(ctx().ws.data().posts.find((p) => p.id === 'spring-gift')!.head).not.toEqual(post.head);
  });

  it('draws a chosen video template, or the unsaved source of one being edited, and names a broken source', async () => {
    const base = { post: 'spring-gift', group: 'community', store: 'lc001', width: 180 };
    const quick = await dispatch('video.storyboard', { ...base, template: { id: 'quick-pick' } }, ctx());
    expect(quick.template.id).toBe('quick-pick');
    const source = ctx().ws.data().templates.find((t) => t.id === 'quick-pick')?.versions.at(-1)?.source ?? builtinStoryboards().find((b) => b.storyboard.id === 'quick-pick')!.source;
    const edited = JSON.parse(source);
    edited.endCard.duration = 4;
    const unsaved = await dispatch('video.storyboard', { ...base, template: { id: 'quick-pick', source: JSON.stringify(edited) } }, ctx());
    expect(unsaved.frames.at(-1)!.duration).toBe(4);
    expect(unsaved.total).toBeCloseTo(quick.total - quick.frames.at(-1)!.duration + 4, 5);
    await expect(dispatch('video.storyboard', { ...base, template: { id: 'quick-pick', source: '{"id": "quick-pick", "scenes": []' } }, ctx())).rejects.toMatchObject({ code: 'bad_input', field: 'template.source' });
    // A moving background is drawn where its motion starts: a pan at 1.5× shows a different first frame than no motion.
    const still = structuredClone(edited);
    still.scenes[0].background = { kind: 'image', slot: 'product', fit: 'cover' };
    still.scenes[0].motion = { kind: 'none' };
    const panned = structuredClone(still);
    panned.scenes[0].motion = { kind: 'pan', direction: 'right', zoom: 1.5 };
    const [a, b] = await Promise.all([still, panned].map((x) => dispatch('video.storyboard', { ...base, template: { id: 'quick-pick', source: JSON.stringify(x) } }, ctx())));
    expect(a.frames[0]!.base64).not.toBe(b.frames[0]!.base64);
    expect(a.frames[1]!.base64).toBe(b.frames[1]!.base64);
    edited.scenes[0].duration = 99;
    await expect(dispatch('video.storyboard', { ...base, template: { id: 'quick-pick', source: JSON.stringify(edited) } }, ctx())).rejects.toThrow(/scenes\[0\] \(head\)\.duration/);
    await expect(dispatch('video.storyboard', { ...base, template: { id: 'nope' } }, ctx())).rejects.toMatchObject({ code: 'not_found', field: 'template' });
  });

  it('names what is missing', async () => {
    await expect(dispatch('video.storyboard', { post: 'nope', group: 'community', store: 'lc001' }, ctx())).rejects.toMatchObject({ code: 'not_found', field: 'post' });
    await expect(dispatch('video.storyboard', { post: 'spring-gift', group: 'community', store: 'zz' }, ctx())).rejects.toMatchObject({ code: 'not_found' });
  });
});
