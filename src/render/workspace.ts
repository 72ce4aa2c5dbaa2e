import { join } from 'node:path';
import { StudioError } from '../model/index.js';
import type { ComposeCache } from '../compose/cache.js';
import { buildVariantContext } from '../compose/context.js';
import type { VariantContext } from '../compose/types.js';
import type { Post, PosterSize, StudioData } from '../model/index.js';
import type { Workspace } from '../workspace/types.js';
import { builtinPosterTemplates } from './template/builtins.js';
import type { PosterTemplateInput } from './template/poster-template.js';
import type { PosterFormat } from './image/raster.js';
import type { ImageInput } from './renderer.js';

/** A poster template version chosen for a post, and where it came from. */
export interface ResolvedPosterTemplate extends PosterTemplateInput {
  builtin: boolean;
  state: string;
}

/**
 * The poster template of a post: an explicit choice, else the post's pin, else the workspace's
 * first poster template with an approved version, else the first built-in layout.
 */
export function posterTemplateFor(data: StudioData, post: Pick<Post, 'id' | 'templates'>, choice?: { id: string; version?: number }): ResolvedPosterTemplate {
  const want = choice ?? (post.templates.poster ? { id: post.templates.poster.template, version: post.templates.poster.version } : undefined);
  if (want) {
    const t = data.templates.find((x) => x.id === want.id && x.kind === 'poster');
    const fromBuiltins = builtinPosterTemplates().find((x) => x.id === want.id);
    const source = t ?? fromBuiltins;
    if (!source) throw new StudioError('not_found', `poster template "${want.id}" not found`, 'template');
    const v = want.version ? source.versions.find((x) => x.version === want.version) : [...source.versions].sort((a, b) => b.version - a.version).find((x) => x.state === 'approved') ?? source.versions.at(-1);
    if (!v) throw new StudioError('not_found', `poster template "${want.id}" has no version ${want.version}`, 'template');
    return { id: source.id, version: v.version, source: v.source, builtin: !t, state: v.state };
  }
  for (const t of data.templates) {
    if (t.kind !== 'poster') continue;
    const v = [...t.versions].sort((a, b) => b.version - a.version).find((x) => x.state === 'approved');
    if (v) return { id: t.id, version: v.version, source: v.source, builtin: false, state: v.state };
  }
  const b = builtinPosterTemplates()[0]!;
  return { id: b.id, version: 1, source: b.versions[0]!.source, builtin: true, state: 'approved' };
}

/** The asset ids a variant's poster may draw: brand logo, brand IP, product image, store avatar. */
export function posterAssetIds(ctx: VariantContext): string[] {
  return [ctx.brand.logo, ctx.brand.ip.image, ctx.post.product.image, ctx.store.avatar].filter((x): x is string => !!x);
}

/** Reads a variant's images from the workspace asset store, with their original names (for error messages). */
export async function workspacePosterImages(ws: Workspace, ctx: VariantContext, cache?: Map<string, Promise<ImageInput>>): Promise<Map<string, ImageInput>> {
  const out = new Map<string, ImageInput>();
  for (const id of posterAssetIds(ctx)) {
    let p = cache?.get(id);
    if (!p) {
      p = ws.assets.read(id).then((bytes) => ({ bytes, name: ws.assets.get(id)?.name ?? `asset ${id.slice(0, 8)}` }));
      cache?.set(id, p);
    }
    out.set(id, await p);
  }
  return out;
}

/** The context of a variant of a saved or unsaved post. */
export function posterContext(data: StudioData, post: Post, group: string, store: string, cache?: ComposeCache): VariantContext {
  return buildVariantContext(data, post, group, store, cache);
}

/** A file name a person can read: `<post>__<group>__<store>__<size>.<ext>` (ids are already file-safe; anything else is replaced). */
export function posterFileName(post: string, group: string, store: string, size: PosterSize, format: PosterFormat): string {
  const safe = (s: string): string => s.replace(/[^A-Za-z0-9_-]+/g, '_').slice(0, 64) || '_';
  return `${safe(post)}__${safe(group)}__${safe(store)}__${size}.${format}`;
}

/** Where the studio keeps a variant's poster preview: renders/posters/<file name>. */
export function posterRenderPath(ws: Workspace, name: string): string {
  return join(ws.paths.renders, 'posters', name);
}

/** Where poster base layers are cached on disk for a workspace (shared by export, CLI render and previews). */
export function posterCacheDir(ws: Workspace): string {
  return join(ws.paths.renders, 'cache', 'bases');
}
