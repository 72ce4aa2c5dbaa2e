import { composeVariant } from '../compose/compose.js';
import { contextFor, postSections } from '../compose/context.js';
import type { PosterRenderer } from '../render/renderer.js';
import { posterAssetIds } from '../render/workspace.js';
import { workspaceVideoAssets } from '../video/assets.js';
import type { LayerRenderer } from '../video/layers.js';
import type { Workspace } from '../workspace/types.js';
import type { ProofRenderers } from './proof.js';
import { storyboardStills } from './video-frames.js';

/** The warm renderers proofs draw with (the workspace's services hand in theirs). */
export interface ProofRendererParts {
  posters: () => PosterRenderer;
  layers: () => LayerRenderer;
}

/**
 * The real renderers: contexts from src/compose, posters from src/render, captions through compose
 * itself, storyboard stills through src/video. Images come from the workspace.
 */
export function defaultProofRenderers(ws: Workspace, parts: ProofRendererParts): ProofRenderers {
  const bytes = new Map<string, Promise<Buffer | undefined>>();
  const read = (id: string) => {
    let p = bytes.get(id);
    // A missing file is left out: the poster renderer then names the slot and asset that lack it.
    if (!p) bytes.set(id, (p = ws.assets.read(id).catch(() => undefined)));
    return p;
  };
  return {
    context: (data, post, group, store) => contextFor(data, post, group, store, postSections(post)),
    async poster(t, ctx, size) {
      const images = new Map<string, Buffer>();
      for (const id of posterAssetIds(ctx)) {
        const b = await read(id);
        if (b) images.set(id, b);
      }
      const out = await parts.posters().render({ template: t, size, ctx, images, format: 'jpg' });
      return out.bytes;
    },
    caption(t, _ctx, v) {
      // Through compose itself (pinned to this version), so the text and its checks are what export makes.
      const post = { ...v.post, templates: { ...v.post.templates, caption: { template: t.id, version: t.version } } };
      const out = composeVariant(v.data, post, v.group.id, v.store.id);
      const templateError = out.findings.find((f) => f.ruleId === 'template.error');
      if (templateError) throw new Error(templateError.message.en);
      const notes = out.findings
        // Findings about the text this template produced; the post's own findings belong to the post's checks.
        .filter((f) => f.channel !== undefined || /^(template|caption)\./.test(f.ruleId))
        .filter((f) => !['template.not_approved', 'template.missing'].includes(f.ruleId))
        .map((f) => `${f.severity} ${f.ruleId}: ${f.message.en}`);
      return { text: out.caption, notes };
    },
    videoFrames(t, ctx) {
      return storyboardStills(t, ctx, parts.layers(), workspaceVideoAssets(ws));
    },
  };
}
