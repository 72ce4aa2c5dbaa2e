import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { buildVariantContext } from '../../compose/context.js';
import { captionTemplateKind, previewCaptionTemplate } from '../../compose/template-preview.js';
import { latestApprovedVersion } from '../../compose/templates.js';
import { findTemplate, postOf, StudioError, videoSizeFor, type Channel, type StudioData } from '../../model/index.js';
import { posterContext, workspacePosterImages } from '../../render/workspace.js';
import { PosterTemplateError } from '../../render/template/source.js';
import { previewKey, previewPath, renderPreviewVideo } from '../../video/preview.js';
import { storyboardForPost } from '../../video/workspace.js';
import type { HandlersFor } from '../handler.js';
import type { previewMethods } from '../methods/previews.js';

/**
 * The variant a gallery thumbnail shows: the first live post (the demo's, in a demo workspace) with
 * a group type that uses the template's format or channel, and the first active store running it.
 */
function sampleVariant(data: StudioData, want: (group: StudioData['groupTypes'][number]) => boolean) {
  for (const post of data.posts.filter((p) => p.status !== 'archived')) {
    for (const g of post.groupTypes) {
      const group = data.groupTypes.find((x) => x.id === g);
      if (!group || !want(group)) continue;
      const store = data.stores.filter((s) => s.active && s.groupTypes.includes(g)).sort((a, b) => a.id.localeCompare(b.id))[0];
      if (store) return { post, group, store };
    }
  }
  return undefined;
}

const hash = (parts: unknown[]): string => createHash('sha256').update(JSON.stringify(parts)).digest('hex').slice(0, 40);

/** templates.thumbnail: posters rendered small, captions as text, cached by content key; video.previewStart / video.preview: the playable preview. */
export const previewHandlers: HandlersFor<typeof previewMethods> = {
  'templates.thumbnail': async ({ template, version, width }, { ws, services }) => {
    const data = ws.data();
    const t = findTemplate(data, template);
    const v = (version !== undefined ? t.versions.find((x) => x.version === version) : latestApprovedVersion(t)) ?? t.versions.at(-1);
    if (!v) throw new StudioError('not_found', `template "${template}" has no version ${version ?? ''}`, 'version');
    if (t.kind === 'video') return { kind: 'video', key: hash([t.id, v.version, v.hash || v.source]) };
    const channelKind: Channel['kind'] | undefined = t.kind === 'caption' ? captionTemplateKind(t.id, v.source) : undefined;
    const s = sampleVariant(data, (g) =>
      t.kind === 'poster' ? g.rules.formats.includes('poster') : g.rules.channels.some((c) => data.channels.find((x) => x.id === c)?.kind === channelKind),
    );
    if (!s) return { kind: t.kind, key: hash([t.id, v.version]), noSample: true };
    const sample = { post: s.post.id, postTitle: s.post.title, group: s.group.id, groupName: s.group.name, store: s.store.id, storeName: s.store.storeName };
    if (t.kind === 'caption') {
      const key = hash(['caption', t.id, v.source, s.post, s.group, s.store, data.brand]);
      const hit = services.thumbnails.get(key);
      if (hit) return hit;
      const r = previewCaptionTemplate(data, s.post, s.group.id, s.store.id, { id: t.id, source: v.source }, services.compose);
      const out = { kind: 'caption' as const, key, sample, text: r.text, ...(r.error ? { note: r.error.message } : {}) };
      services.thumbnails.set(key, out);
      return out;
    }
    const ctx = posterContext(data, s.post, s.group.id, s.store.id, services.compose);
    const draft = v.state !== 'approved';
    const key = hash(['poster', t.id, v.version, v.source, ctx, width, draft]);
    const hit = services.thumbnails.get(key);
    if (hit) return hit;
    const images = await workspacePosterImages(ws, ctx);
    try {
      const r = await services.posters().render({ template: { id: t.id, version: v.version, source: v.source }, size: '3x4', ctx, images, width, draft, cacheBaseOnDisk: false }, { lane: 'local' });
      const out = { kind: 'poster' as const, key, sample, image: { mime: 'image/jpeg', base64: r.bytes.toString('base64'), width: r.width, height: r.height } };
      services.thumbnails.set(key, out);
      return out;
    } catch (err) {
      if (err instanceof PosterTemplateError) return { kind: 'poster', key, sample, note: err.message };
      throw err;
    }
  },

  'video.previewStart': ({ post, group, store, size: asked }, { ws, services }) => {
    const data = ws.data();
    const p = postOf(data, post);
    const sb = storyboardForPost(data, p);
    // Unknown group type or store is refused now, not in the background.
    const ctx = buildVariantContext(data, p, group, store, services.compose);
    // Preview = output: the size this group type's packs get.
    const size = asked ?? videoSizeFor(ctx.group.rules.sizes);
    const job = services.jobs.start('videoPreview', ({ signal, onProgress }) =>
      renderPreviewVideo(ws, sb, ctx, size, {
        signal,
        renderer: services.layers(),
        onProgress: (pr) => onProgress({ done: Math.round(pr.percent), total: 100, current: pr.current }),
      }),
    );
    return { job: job.id, key: previewKey(sb, ctx, size) };
  },

  'video.preview': async ({ key }, { ws }) => {
    let bytes: Buffer;
    try {
      bytes = await readFile(previewPath(ws, key));
    } catch {
      throw new StudioError('not_found', `no preview video ${key}: start one with video.previewStart and wait for its job`, 'key');
    }
    return { mime: 'video/mp4', base64: bytes.toString('base64'), bytes: bytes.length };
  },
};
