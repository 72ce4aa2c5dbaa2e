import { ApiError } from '../api/errors.js';
import { contextFor, postSections, templateData } from '../compose/context.js';
import type { VariantContext } from '../compose/types.js';
import { renderTemplate } from '../compose/handlebars/index.js';
import { createPosterRenderer, type PosterRenderer } from '../render/renderer.js';
import type { Workspace } from '../workspace/types.js';
import type { ProofRenderers } from './proof.js';

let override: ((ws: Workspace) => ProofRenderers | Promise<ProofRenderers>) | undefined;
let posters: PosterRenderer | undefined;

/** Replaces the renderers proofs use (tests, or a shell with its own render pool); undefined restores the default. */
export function setProofRenderers(factory: ((ws: Workspace) => ProofRenderers | Promise<ProofRenderers>) | undefined): void {
  override = factory;
}

/** The asset ids a variant's poster may draw (logo, brand IP, product, store avatar). */
function imageIds(ctx: VariantContext): string[] {
  return [ctx.brand.logo, ctx.brand.ip.image, ctx.post.product.image, ctx.store.avatar].filter((x): x is string => !!x);
}

/**
 * The real renderers: contexts from src/compose, posters from src/render (one warm renderer per process,
 * fonts parsed once), captions through the studio's Handlebars environment. Images come from the workspace.
 */
export function defaultProofRenderers(ws: Workspace): ProofRenderers {
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
      for (const id of imageIds(ctx)) {
        const b = await read(id);
        if (b) images.set(id, b);
      }
      posters ??= createPosterRenderer();
      const out = await posters.render({ template: t, size, ctx, images, format: 'jpg' });
      return out.bytes;
    },
    caption: (t, ctx) => renderTemplate(`caption template "${t.id}" v${t.version}`, t.source, templateData(ctx), { mode: 'text' }).trim(),
    async videoFrames(t) {
      throw new ApiError('internal', `video template "${t.id}" v${t.version}: storyboard frames for proofs are not wired yet`);
    },
  };
}

/** The renderers proofs of this workspace are made with. */
export async function proofRenderers(ws: Workspace): Promise<ProofRenderers> {
  return override ? override(ws) : defaultProofRenderers(ws);
}
