import { PosterDesign, splitPosterSource, joinPosterSource } from '@shared';
import type { POSTER_SIZES } from '@contract/vocabulary';

/** A poster size id. */
export type Size = (typeof POSTER_SIZES)[number];
/** The manifest JSON as written (edits keep every field they do not touch). */
export type Manifest = Record<string, unknown> & {
  design?: PosterDesign;
  sizes?: Record<Size, { store: { x: number; y: number; w: number; h: number }; vars?: Record<string, unknown> }>;
  textFit?: Record<string, { fontSize: number | Record<Size, number>; minFontSize: number | Record<Size, number> }>;
};

/** A source opened for the visual editor: its manifest and the sections after it, or why it cannot be. */
export type Opened = { ok: true; manifest: Manifest; rest: string } | { ok: false; error: string };

/** Splits a poster source for the visual editor. */
export function openSource(source: string): Opened {
  try {
    const { manifest, rest } = splitPosterSource(source);
    return { ok: true, manifest: manifest as Manifest, rest };
  } catch (err) {
    return { ok: false, error: (err as Error).message };
  }
}

/** Drops empty objects so a design set back to its defaults leaves no trace in the manifest. */
function prune<T>(v: T): T | undefined {
  if (!v || typeof v !== 'object' || Array.isArray(v)) return v === '' ? undefined : v;
  const out: Record<string, unknown> = {};
  for (const [k, x] of Object.entries(v)) {
    const p = prune(x);
    if (p !== undefined) out[k] = p;
  }
  return Object.keys(out).length ? (out as T) : undefined;
}

/** The source with `design` written into its manifest (validated with the model's schema first: throws its message). */
export function withDesign(o: Extract<Opened, { ok: true }>, design: PosterDesign): string {
  const pruned = prune(design);
  if (pruned) PosterDesign.parse(pruned);
  const { design: _old, ...rest } = o.manifest;
  return joinPosterSource(pruned ? { ...rest, design: pruned } : rest, o.rest);
}

/** A per-size number for one size. */
export function atSize(v: number | Record<Size, number> | undefined, size: Size): number | undefined {
  return v === undefined ? undefined : typeof v === 'number' ? v : v[size];
}

/** A per-size number with one size changed (a plain number becomes one per size). */
export function setAtSize(v: number | Record<Size, number>, size: Size, n: number): Record<Size, number> {
  const all = typeof v === 'number' ? { '9x16': v, '1x1': v, '3x4': v } : { ...v };
  all[size] = n;
  return all;
}

/** The source with a text slot's font size changed for one size. */
export function withFontSize(o: Extract<Opened, { ok: true }>, slot: string, size: Size, n: number): string {
  const fit = o.manifest.textFit ?? {};
  const rule = fit[slot]!;
  return joinPosterSource({ ...o.manifest, textFit: { ...fit, [slot]: { ...rule, fontSize: setAtSize(rule.fontSize, size, n) } } }, o.rest);
}

/** The QR size a layout gives one size (its `qr` layout number), when it has one. */
export function qrSizeOf(o: Extract<Opened, { ok: true }>, size: Size): number | undefined {
  const q = o.manifest.sizes?.[size]?.vars?.qr;
  return typeof q === 'number' ? q : undefined;
}

/** The source with the QR size of one size changed. */
export function withQrSize(o: Extract<Opened, { ok: true }>, size: Size, n: number): string {
  const sizes = o.manifest.sizes!;
  const s = sizes[size];
  return joinPosterSource({ ...o.manifest, sizes: { ...sizes, [size]: { ...s, vars: { ...s.vars, qr: n } } } }, o.rest);
}
