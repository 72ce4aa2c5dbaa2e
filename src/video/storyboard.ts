import { z } from 'zod';
import { HexColor, Id } from '../model/index.js';
import { fieldPath, ValidationError } from '../model/validate.js';

/** A colour: "#RRGGBB" or one of the brand kit's colours. */
export const ColorRef = z.union([HexColor, z.enum(['brand.primary', 'brand.secondary', 'brand.accent', 'brand.background', 'brand.text'])]);
export type ColorRef = z.infer<typeof ColorRef>;

/** Images a scene can show: the post's product, the brand logo, the brand IP (mascot), and in a per-store scene the owner's avatar. */
export const ImageSlot = z.enum(['product', 'logo', 'brandIp', 'avatar']);
export type ImageSlot = z.infer<typeof ImageSlot>;

/** A file under the repository's or workspace's assets/ (relative, no `..`). */
const AssetPath = z
  .string()
  .regex(/^[A-Za-z0-9_-][A-Za-z0-9_./-]*\.(png|jpe?g|webp)$/i, 'must be a relative path of a .png/.jpg/.webp under assets/')
  .refine((p) => !p.split('/').includes('..'), 'must not contain ".."');

/** Seconds, at most a minute (durations are rounded to whole frames at 30 fps). */
const Seconds = (min: number, max: number) => z.number().min(min, `must be at least ${min} s`).max(max, `must be at most ${max} s`);

/** What fills the frame behind the text: a colour, or an image (a slot of the post/brand, or a file) over a colour. */
export const Background = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('color'), color: ColorRef }).strict(),
  z
    .object({
      kind: z.literal('image'),
      slot: ImageSlot.optional(),
      asset: AssetPath.optional(),
      fit: z.enum(['cover', 'contain']).default('cover'),
      /** Shown around a contained image, and instead of the image when the slot is empty. */
      color: ColorRef.default('brand.background'),
    })
    .strict()
    .refine((b) => (b.slot ? 1 : 0) + (b.asset ? 1 : 0) === 1, 'give exactly one of "slot" or "asset"'),
]);
export type Background = z.infer<typeof Background>;

/** Slow camera motion over the background (text stays still above it). */
export const Motion = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('none') }).strict(),
  z.object({ kind: z.literal('zoom'), from: z.number().min(1).max(2).default(1), to: z.number().min(1).max(2).default(1.12) }).strict(),
  z.object({ kind: z.literal('pan'), direction: z.enum(['left', 'right', 'up', 'down']), zoom: z.number().min(1.05).max(2).default(1.15) }).strict(),
]);
export type Motion = z.infer<typeof Motion>;

/** Where a layer sits: stacked from the top, around the middle, or up from the bottom. */
export const Region = z.enum(['top', 'middle', 'bottom']);

/** Text drawn by src/render (a transparent image): a Handlebars expression over the variant context. */
export const TextLayer = z
  .object({
    kind: z.literal('text'),
    /** e.g. "{{firstLine sections.head}}" or "{{post.product.name}}" (compose's helpers). */
    text: z.string().min(1, 'must not be empty').max(500),
    region: Region.default('bottom'),
    /** Font size in px on a 1080-wide frame (scaled with the width). */
    size: z.number().min(20).max(160).default(64),
    weight: z.union([z.literal(400), z.literal(700)]).default(700),
    color: ColorRef.default('#FFFFFF'),
    /** A rounded panel behind the text for legibility. */
    panel: ColorRef.optional(),
    panelOpacity: z.number().min(0).max(1).default(0.6),
    align: z.enum(['left', 'center']).default('center'),
    maxLines: z.number().int().min(1).max(6).default(3),
  })
  .strict();

/** An image slot drawn into the layer (e.g. the product cut-out over a colour). */
export const ImageLayer = z
  .object({
    kind: z.literal('image'),
    slot: ImageSlot,
    region: Region.default('middle'),
    /** Width as a fraction of the frame width. */
    width: z.number().min(0.1).max(1).default(0.6),
    rounded: z.boolean().default(true),
  })
  .strict();

/** A layer of a scene: text or an image slot. */
export const Layer = z.discriminatedUnion('kind', [TextLayer, ImageLayer]);
export type Layer = z.infer<typeof Layer>;

/** How a scene begins: a cut, or a crossfade over the end of the scene before (the first scene always opens on its picture: it is the cover). */
export const Transition = z.discriminatedUnion('kind', [
  z.object({ kind: z.literal('cut') }).strict(),
  z.object({ kind: z.literal('crossfade'), duration: Seconds(0.1, 2) }).strict(),
]);

/** One scene of the shared body: part of the post it shows, how long, what it looks like. */
export const Scene = z
  .object({
    part: z.enum(['head', 'waist', 'leg']),
    duration: Seconds(0.5, 20),
    background: Background,
    motion: Motion.default({ kind: 'none' }),
    layers: z.array(Layer).max(6).default([]),
    transition: Transition.default({ kind: 'cut' }),
    /**
     * Drawn for each store (its texts may use the owner's name, avatar, catchphrase): e.g. a short
     * opening with the owner. Encoded per store as a still piece and joined by stream copy with
     * the shared scenes, which are still encoded once; so it is still (no motion) and cut in and out.
     */
    perStore: z.boolean().default(false),
  })
  .strict();
export type Scene = z.infer<typeof Scene>;

/** Background music: a track under assets/music, looped if short, faded in and out. */
export const Music = z
  .object({
    track: z.string().regex(/^music\/[A-Za-z0-9_-][A-Za-z0-9_.-]*\.(m4a|mp3|aac|wav|ogg)$/i, 'must be a file under assets/music, e.g. "music/warm-day.m4a"'),
    volume: z.number().min(0).max(1).default(0.8),
    fadeIn: Seconds(0, 5).default(1),
    fadeOut: Seconds(0, 5).default(1.5),
  })
  .strict();
export type Music = z.infer<typeof Music>;

/** The store owner's end card: avatar, name, store, catchphrase and the QR of the variant's link. */
export const EndCard = z
  .object({
    duration: Seconds(1, 6),
    background: ColorRef.default('brand.background'),
    accent: ColorRef.default('brand.primary'),
    /** Line above the owner's card (Handlebars; store fields allowed here). */
    headline: z.string().max(200).default('{{vars.nickname}} 在店里等你'),
    /** Line under the QR code. */
    cta: z.string().max(200).default('扫码进云店下单'),
  })
  .strict();
export type EndCard = z.infer<typeof EndCard>;

/** A video storyboard (templates/videos/*.json): body scenes, music and the end card. */
export const Storyboard = z
  .object({
    id: Id,
    name: z.string().min(1),
    description: z.string().default(''),
    scenes: z.array(Scene).min(3, 'needs scenes for head, waist and leg').max(12),
    music: Music.optional(),
    endCard: EndCard,
  })
  .strict()
  .superRefine((sb, ctx) => {
    const order = { head: 0, waist: 1, leg: 2 } as const;
    sb.scenes.forEach((s, i) => {
      const prev = sb.scenes[i - 1];
      const next = sb.scenes[i + 1];
      if (s.perStore) {
        if (s.motion.kind !== 'none') ctx.addIssue({ code: 'custom', path: ['scenes', i, 'motion'], message: 'a per-store scene is still (it is encoded per store as a still piece): use motion "none"' });
        if (s.transition.kind !== 'cut' && i > 0) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'transition'], message: 'a per-store scene starts with a cut (it is joined to the shared scenes by stream copy)' });
        if (next && next.transition.kind !== 'cut') ctx.addIssue({ code: 'custom', path: ['scenes', i + 1, 'transition'], message: 'the scene after a per-store scene starts with a cut (they are joined by stream copy)' });
      }
      if (!s.perStore && (s.layers.some((l) => l.kind === 'image' && l.slot === 'avatar') || (s.background.kind === 'image' && s.background.slot === 'avatar'))) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'layers'], message: 'the avatar is the store owner\'s: only a per-store scene ("perStore": true) may show it' });
      if (prev && order[s.part] < order[prev.part]) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'part'], message: `"${s.part}" comes after "${prev.part}": scenes go head → waist → leg` });
      if (s.transition.kind === 'crossfade') {
        if (s.transition.duration >= s.duration) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'transition', 'duration'], message: `the crossfade (${s.transition.duration} s) must be shorter than the scene (${s.duration} s)` });
        if (prev && s.transition.duration > prev.duration) ctx.addIssue({ code: 'custom', path: ['scenes', i, 'transition', 'duration'], message: `the crossfade (${s.transition.duration} s) is longer than the scene before it (${prev.duration} s)` });
      }
    });
    for (const part of ['head', 'waist', 'leg'] as const) {
      if (!sb.scenes.some((s) => s.part === part)) ctx.addIssue({ code: 'custom', path: ['scenes'], message: `no scene shows the ${part}: every video carries head, waist and leg` });
    }
    const total = storyboardSeconds(sb);
    // A sanity range only: each channel's own video length rules are checked against the variant.
    if (total < 2 || total > 60) ctx.addIssue({ code: 'custom', path: ['scenes'], message: `the video would last ${total} s; keep it between 2 and 60 s` });
  });
export type Storyboard = z.infer<typeof Storyboard>;

/** Frames per second of every Shequn video. */
export const FPS = 30;

/** Frames of a duration, whole frames at 30 fps. */
export function toFrames(seconds: number): number {
  return Math.round(seconds * FPS);
}

/** The video's length in seconds: body scenes (crossfades overlap the scene before, they add nothing) plus the end card. */
export function storyboardSeconds(sb: Pick<Storyboard, 'scenes' | 'endCard'>): number {
  const frames = sb.scenes.reduce((n, s) => n + toFrames(s.duration), 0) + toFrames(sb.endCard.duration);
  return frames / FPS;
}

/** `scenes[1].duration` → `scenes[1] (waist).duration`, using the raw input to name the scene's part. */
function nameScene(field: string, raw: unknown): string {
  return field.replace(/^scenes\[(\d+)\]/, (m, i: string) => {
    const scenes = (raw as { scenes?: unknown })?.scenes;
    const part = Array.isArray(scenes) ? (scenes[Number(i)] as { part?: unknown } | undefined)?.part : undefined;
    return typeof part === 'string' ? `${m} (${part})` : m;
  });
}

/**
 * Validates a storyboard (object or JSON text). Errors name the scene and the field, e.g.
 * `storyboard "warm-open": scenes[1] (waist).duration: must be at least 0.5 s`.
 */
export function parseStoryboard(input: unknown, label?: string): Storyboard {
  let raw = input;
  if (typeof input === 'string') {
    try {
      raw = JSON.parse(input);
    } catch (err) {
      throw new ValidationError(`${label ?? 'storyboard'}: not valid JSON (${(err as Error).message})`, '(root)');
    }
  }
  const id = (raw as { id?: unknown })?.id;
  const what = label ?? (typeof id === 'string' ? `storyboard "${id}"` : 'storyboard');
  const result = Storyboard.safeParse(raw);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: fieldPath(i.path), message: `${nameScene(fieldPath(i.path), raw)}: ${i.message}` }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ValidationError(`${what}: ${first.message}${more}`, first.field, issues);
}
