import { z } from 'zod';
import { Id, PosterDesign, PosterSize } from '../../model/index.js';

/** Text slots a poster can fit; the first group is shared by all stores, the second is per store. */
export const BASE_TEXT_SLOTS = ['title', 'head', 'waist', 'leg', 'productName', 'price', 'originalPrice', 'offer', 'campaign', 'validUntil', 'brandName', 'slogan', 'ipName', 'ipGreeting', 'groupName', 'hook', 'badge'] as const;
/** Text slots that carry store-owner data: only the store layer may use them. */
export const STORE_TEXT_SLOTS = ['storeName', 'ownerName', 'ownerLine', 'nickname', 'catchphrase', 'address', 'district', 'phone'] as const;
/** Image slots: `<img data-slot="...">` in a template. */
export const IMAGE_SLOTS = ['product', 'logo', 'brandIp', 'avatar', 'qr'] as const;
/** Image slots that belong to the store layer. */
export const STORE_IMAGE_SLOTS = ['avatar', 'qr'] as const;

export const TextSlot = z.enum([...BASE_TEXT_SLOTS, ...STORE_TEXT_SLOTS]);
export type TextSlot = z.infer<typeof TextSlot>;
export const ImageSlot = z.enum(IMAGE_SLOTS);
export type ImageSlot = z.infer<typeof ImageSlot>;
/** Every slot a manifest may list. */
export const Slot = z.union([TextSlot, ImageSlot]);

/** A number that may differ per poster size. */
const PerSize = z.union([z.number().positive(), z.object({ '9x16': z.number().positive(), '1x1': z.number().positive(), '3x4': z.number().positive() }).strict()]);
const PerSizeLines = z.union([z.number().int().min(1).max(20), z.object({ '9x16': z.number().int().min(1).max(20), '1x1': z.number().int().min(1).max(20), '3x4': z.number().int().min(1).max(20) }).strict()]);

/** The text-fit rule of one slot, as the manifest states it. */
export const FitRuleSpec = z
  .object({
    maxLines: PerSizeLines,
    minFontSize: z.union([z.number().min(8), z.object({ '9x16': z.number().min(8), '1x1': z.number().min(8), '3x4': z.number().min(8) }).strict()]),
    fontSize: PerSize,
    width: PerSize,
    lineHeight: z.number().min(0.9).max(3).default(1.3),
    weight: z.union([z.literal(400), z.literal(700)]).default(400),
    letterSpacing: z.number().min(-0.1).max(1).default(0),
    overflow: z.enum(['ellipsis', 'error']).default('ellipsis'),
    balance: z.boolean().default(false),
  })
  .strict();
export type FitRuleSpec = z.infer<typeof FitRuleSpec>;

/** A rectangle on the poster in px. */
export const Rect = z.object({ x: z.number().int().min(0), y: z.number().int().min(0), w: z.number().int().positive(), h: z.number().int().positive() }).strict();
export type Rect = z.infer<typeof Rect>;

/** Layout numbers for one size: where the store layer goes and free variables the CSS uses as {{L.name}}. */
export const SizeSpec = z
  .object({
    store: Rect,
    vars: z.record(z.string().regex(/^[A-Za-z][A-Za-z0-9_]*$/), z.union([z.number(), z.string().max(200)])).default({}),
  })
  .strict();

/** A poster template's manifest (the JSON block at the top of its source). */
export const PosterManifest = z
  .object({
    id: Id,
    name: z.string().min(1),
    description: z.string().default(''),
    sizes: z.object({ '9x16': SizeSpec, '1x1': SizeSpec, '3x4': SizeSpec }).strict(),
    slots: z.array(Slot).min(1),
    textFit: z.partialRecord(TextSlot, FitRuleSpec).default({}),
    /** Colours, parts shown, call to action and places set in the visual editor (model/poster-design.ts). */
    design: PosterDesign.optional(),
  })
  .strict();
export type PosterManifest = z.infer<typeof PosterManifest>;

/** Resolves a per-size number. */
export function perSize(v: number | Record<PosterSize, number>, size: PosterSize): number {
  return typeof v === 'number' ? v : v[size];
}

/** True for slots only the store layer may use. */
export function isStoreSlot(slot: string): boolean {
  return (STORE_TEXT_SLOTS as readonly string[]).includes(slot) || (STORE_IMAGE_SLOTS as readonly string[]).includes(slot);
}
