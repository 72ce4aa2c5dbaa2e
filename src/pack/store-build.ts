import { slotTimes } from './slots.js';
import { ComposeCache } from '../compose/cache.js';
import { composePlanned, readPost } from '../compose/compose.js';
import type { PostSection } from '../compose/context.js';
import { pinnedTemplate } from '../compose/templates.js';
import type { SectionName, VariantContext } from '../compose/types.js';
import type { Post, StudioData } from '../model/index.js';
import { outputKey } from '../workspace/hash.js';
import { expiryInstant, MANIFEST_VERSION } from './manifest.js';
import { distinctNames, packFolderName, safeName } from './names.js';
import { coverKey, posterKey, qrKey, templateUse, videoKey, videoSizeFor, type OutputSpec, type RenderVersions, type ResolvedTemplate } from './outputs.js';
import type { PlannedVariant, StorePlan } from './plan.js';
import { refusing } from './gate.js';
import type { Finding } from '../compose/checks/index.js';
import { variantTexts, type VariantTexts } from './texts.js';
import type { EntryFile, EntryInput, PackInput } from './writer.js';

/** Bump when index.html or the pack layout changes for the same inputs. */
export const PACK_LAYOUT_VERSION = `pack-${MANIFEST_VERSION}.3`;

/** One variant with everything needed to render its files and write its part of the pack. */
export interface BuiltVariant {
  ctx: VariantContext;
  post: Post;
  dir: string;
  texts: VariantTexts;
  outputs: OutputSpec[];
  templates: ResolvedTemplate[];
}

/** A store's pack, composed and keyed but not yet rendered or written. */
export interface StoreBuild {
  plan: StorePlan;
  folder: string;
  packKey: string;
  inputKey?: string;
  variants: BuiltVariant[];
  /** Variants compose could not make (a template or section that does not render): the store keeps its previous pack. */
  broken: { post: string; group: string; reason: string }[];
  /** Variants the checks refused (error findings): left out of the pack, which ships the others. */
  refused: { variant: PlannedVariant; findings: Finding[] }[];
}

/** Per-export memo of things shared by every store (sections per post, compiled templates, folder names). */
export class BuildMemo {
  private readonly sections = new Map<string, Record<SectionName, PostSection> | Error>();
  readonly groupDirs: Map<string, string>;
  readonly postDirs: Map<string, string>;
  constructor(
    readonly data: StudioData,
    posts: readonly Post[],
    readonly versions: RenderVersions,
    /** A test override of the video frame (part of the video keys, so small test videos never pass for real ones). */
    readonly videoFormat?: unknown,
    /** Compiled templates, read sections and rules (the export gate's, so nothing is read twice). */
    readonly compose: ComposeCache = new ComposeCache(),
  ) {
    const gd = distinctNames(data.groupTypes, (g) => g.name, (g) => g.id);
    this.groupDirs = new Map([...gd].map(([g, n]) => [g.id, n]));
    const pd = distinctNames(posts, (p) => p.title, (p) => p.id);
    this.postDirs = new Map([...pd].map(([p, n]) => [p.id, n]));
  }

  /** A post's sections, or why they cannot be read (Lexical read once per post and export). */
  sectionsOf(post: Post): Record<SectionName, PostSection> | Error {
    let s = this.sections.get(post.id);
    if (!s) this.sections.set(post.id, (s = readPost(post, this.compose)));
    return s;
  }
}

/**
 * Composes a store's variants — once each, with the checks: compose's result (context, caption and
 * channel texts, resolved templates, findings) is used as is — keys every output and the pack as a
 * whole. Equal pack key = the pack on disk is exactly what this export would write. A variant with
 * an error finding is refused (the export gate, store by store); one compose cannot make at all is
 * returned as broken (the store then keeps its previous pack).
 */
export function buildStore(memo: BuildMemo, plan: StorePlan): StoreBuild {
  const { data, versions } = memo;
  const variants: BuiltVariant[] = [];
  const broken: StoreBuild['broken'] = [];
  const refused: StoreBuild['refused'] = [];
  for (const v of plan.variants) {
    const composed = composePlanned(data, v.post, v.group, v.store, { cache: memo.compose }, memo.sectionsOf(v.post));
    const ctx = composed.ctx;
    const texts = ctx ? variantTexts(composed, ctx) : undefined;
    if (!ctx || !texts || texts.errors.length) {
      const reasons = texts?.errors ?? composed.findings.filter((f) => f.severity === 'error').map((f) => f.message.en);
      broken.push({ post: v.post.id, group: v.group.id, reason: reasons.join('; ') });
      continue;
    }
    const errors = refusing(composed.findings, v);
    if (errors.length) {
      refused.push({ variant: v, findings: errors });
      continue;
    }
    const templates: ResolvedTemplate[] = [...texts.templates];
    const outputs: OutputSpec[] = [];
    const poster = v.sizes.length ? pinnedTemplate(data, 'poster', v.post.templates.poster) : undefined;
    if (poster) {
      templates.push(poster);
      for (const size of v.sizes) outputs.push({ kind: 'poster', key: posterKey(poster, ctx, size, versions), ext: '.jpg', size, template: poster });
    }
    const video = v.video ? pinnedTemplate(data, 'video', v.post.templates.video) : undefined;
    if (video) {
      templates.push(video);
      const size = videoSizeFor(v.group.rules.sizes);
      const key = videoKey(video, ctx, size, versions, memo.videoFormat);
      outputs.push({ kind: 'video', key, ext: '.mp4', size, template: video });
      // Beside each video its cover (the first frame): what 视频号 and Moments show before it plays.
      outputs.push({ kind: 'cover', key: coverKey(key), ext: '.jpg', size, template: video });
    }
    outputs.push({ kind: 'qr', key: qrKey(ctx.link), ext: '.png', link: ctx.link });
    const dir = `${memo.groupDirs.get(v.group.id) ?? safeName(v.group.name)}/${memo.postDirs.get(v.post.id) ?? safeName(v.post.title)}`;
    variants.push({ ctx, post: v.post, dir, texts, outputs, templates });
  }
  const folder = packFolderName(plan.store);
  const packKey = outputKey({
    layout: PACK_LAYOUT_VERSION,
    folder,
    store: { id: plan.store.id, storeName: plan.store.storeName, ownerName: plan.store.ownerName },
    brand: { name: data.brand.name, color: data.brand.colors.primary },
    variants: variants.map((b) => ({
      dir: b.dir,
      post: { id: b.post.id, title: b.post.title, validFrom: b.post.validFrom, validUntil: b.post.validUntil },
      group: { id: b.ctx.group.id, name: b.ctx.group.name, tip: b.ctx.group.tip },
      slots: slotTimes(data, b.post.id, b.ctx.group.id),
      link: b.ctx.link,
      texts: b.texts.files,
      templates: b.templates.map(templateUse),
      outputs: b.outputs.map((o) => o.key),
    })),
  });
  return { plan, folder, packKey, variants, broken, refused };
}

/** File name of an output inside its entry folder. */
export function outputFileName(o: OutputSpec): string {
  if (o.kind === 'poster') return `poster-${o.size}.jpg`;
  if (o.kind === 'cover') return 'cover.jpg';
  return o.kind === 'video' ? 'video.mp4' : 'qr.png';
}

/** Turns a built store into the writer's input, with each output's cache path (and digest when known). */
export function packInput(
  data: StudioData,
  b: StoreBuild,
  cached: (o: OutputSpec) => { path: string; sha256?: string },
  createdAt: string,
): PackInput {
  const entries: EntryInput[] = b.variants.map((v) => {
    const slots = slotTimes(data, v.post.id, v.ctx.group.id);
    const files: EntryFile[] = v.texts.files.map((t) => ({ name: t.file, role: t.primary ? 'caption' : 'channel', text: t.text, channel: t.channel, label: t.label, primary: t.primary }));
    for (const o of v.outputs) {
      const c = cached(o);
      files.push({ name: outputFileName(o), role: o.kind, from: c.path, ...(c.sha256 ? { sha256: c.sha256 } : {}), ...(o.kind === 'poster' ? { posterSize: o.size } : {}) });
    }
    return {
      meta: {
        post: { id: v.post.id, title: v.post.title, validFrom: v.post.validFrom, validUntil: v.post.validUntil },
        group: { id: v.ctx.group.id, name: v.ctx.group.name, tip: v.ctx.group.tip },
        dir: v.dir,
        link: v.ctx.link,
        expiresAt: expiryInstant(v.post.validUntil),
        templates: v.templates.map(templateUse),
        ...(slots.length ? { slots } : {}),
      },
      files,
    };
  });
  const s = b.plan.store;
  return {
    folder: b.folder,
    packKey: b.packKey,
    ...(b.inputKey ? { inputKey: b.inputKey } : {}),
    store: { id: s.id, storeName: s.storeName, ownerName: s.ownerName },
    brand: { name: data.brand.name, color: data.brand.colors.primary },
    createdAt,
    entries,
  };
}
