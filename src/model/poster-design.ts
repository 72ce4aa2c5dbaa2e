import { z } from 'zod';
import { POSTER_SIZES } from './vocabulary.js';
import { HexColor } from './common.js';

/**
 * The design a poster template's manifest may state besides its layout numbers: colours that
 * replace the brand's for this template, which optional parts show, the call to action beside the
 * QR and where the QR and the product sit in the layout's grid, per size. The visual template
 * editor writes it; the renderer applies the colours and hands the rest to the template as
 * `design.*` (`design.show.product`, `design.cta`, `design.place.qr`, `design.place.product`).
 * Browser-safe: the UI validates edits with the same schema.
 */

/** Colours that replace the brand kit's for posters of this template (any subset). */
export const DesignColors = z.object({ primary: HexColor, secondary: HexColor, accent: HexColor, background: HexColor, text: HexColor }).partial().strict();
export type DesignColors = z.infer<typeof DesignColors>;

/** The optional parts of a layout; the QR itself always shows (a poster without it is refused). */
export const DESIGN_PARTS = ['product', 'ownerStrip', 'priceBadge', 'cta'] as const;
export type DesignPart = (typeof DESIGN_PARTS)[number];

/** Where the QR goes in the store layer's row, and the product in its row. */
export const QR_PLACES = ['start', 'end'] as const;
export const PRODUCT_PLACES = ['start', 'center', 'end'] as const;

const Place = z.object({ qr: z.enum(QR_PLACES), product: z.enum(PRODUCT_PLACES) }).partial().strict();

/** The `design` block of a poster manifest (every field optional: a manifest without it renders as its layout was drawn). */
export const PosterDesign = z
  .object({
    colors: DesignColors.optional(),
    show: z.object({ product: z.boolean(), ownerStrip: z.boolean(), priceBadge: z.boolean(), cta: z.boolean() }).partial().strict().optional(),
    /** The call to action beside the QR; empty: the layout's own words. */
    cta: z.string().max(16).optional(),
    place: z.object({ '9x16': Place, '1x1': Place, '3x4': Place }).partial().strict().optional(),
  })
  .strict();
export type PosterDesign = z.infer<typeof PosterDesign>;

/** What a template sees as `design` for one size: every field filled with its default. */
export interface DesignInfo {
  show: Record<DesignPart, boolean>;
  cta: string;
  /** `qr`: 'start' or 'end' of the store layer's row; `product`: a flex alignment; '' where the layout keeps its own. */
  place: { qr: '' | 'start' | 'end'; product: '' | 'flex-start' | 'center' | 'flex-end' };
}

const JUSTIFY = { start: 'flex-start', center: 'center', end: 'flex-end' } as const;

/** The design as a template sees it for `size` (defaults: every part shown, the layout's own words and places). */
export function designInfo(design: PosterDesign | undefined, size: (typeof POSTER_SIZES)[number]): DesignInfo {
  const show = design?.show ?? {};
  const place = design?.place?.[size] ?? {};
  return {
    show: { product: show.product ?? true, ownerStrip: show.ownerStrip ?? true, priceBadge: show.priceBadge ?? true, cta: show.cta ?? true },
    cta: design?.cta ?? '',
    place: { qr: place.qr ?? '', product: place.product ? JUSTIFY[place.product] : '' },
  };
}

const OPEN = '{{!-- poster-template';

/**
 * A stored poster source split into its manifest JSON (as written, not defaulted: nothing an
 * editor does not touch changes) and the rest (style, base and store sections, verbatim).
 * Throws an Error saying what is wrong when the source has no readable manifest block.
 */
export function splitPosterSource(source: string): { manifest: Record<string, unknown>; rest: string } {
  if (!source.startsWith(OPEN)) throw new Error(`the source must start with "${OPEN}" and the manifest JSON`);
  const end = source.indexOf('--}}');
  if (end < 0) throw new Error('the manifest block is not closed with --}}');
  const json: unknown = JSON.parse(source.slice(OPEN.length, end));
  if (!json || typeof json !== 'object' || Array.isArray(json)) throw new Error('the manifest block is not a JSON object');
  return { manifest: json as Record<string, unknown>, rest: source.slice(end + 4) };
}

/** Puts a manifest back in front of the sections, written as composePosterSource writes it. */
export function joinPosterSource(manifest: Record<string, unknown>, rest: string): string {
  return `${OPEN}\n${JSON.stringify(manifest, null, 2)}\n--}}${rest}`;
}
