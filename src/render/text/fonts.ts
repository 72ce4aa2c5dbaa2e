import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { EmojiImages } from './emoji.js';
import { FontMetrics } from './font-metrics.js';

/** The family name every poster template uses. */
export const FONT_FAMILY = 'Noto Sans SC';

/** A font as satori takes it. */
export interface SatoriFont {
  name: string;
  data: Buffer;
  weight: 400 | 700;
  style: 'normal';
}

/** The poster fonts: the satori font list (one array, reused by identity) and metrics per weight. */
export interface PosterFonts {
  /** Pass this exact array to satori every time: satori caches its parsed fonts by array and buffer identity. */
  readonly satori: SatoriFont[];
  /** Advance widths and coverage for text fitting, per weight. */
  readonly metrics: { 400: FontMetrics; 700: FontMetrics };
  /** Metrics for a weight (anything ≥ 600 counts as bold). */
  metricsFor(weight: number): FontMetrics;
  /** Colour emoji drawn as images (Twemoji), measured one em wide by the metrics. */
  readonly emoji: EmojiImages;
}

const require = createRequire(import.meta.url);

/** Absolute paths of the two TTF files in @expo-google-fonts/noto-sans-sc (whole fonts, not subsets, not TTC/WOFF2). */
export function fontPaths(): { regular: string; bold: string } {
  return {
    regular: require.resolve('@expo-google-fonts/noto-sans-sc/400Regular/NotoSansSC_400Regular.ttf'),
    bold: require.resolve('@expo-google-fonts/noto-sans-sc/700Bold/NotoSansSC_700Bold.ttf'),
  };
}

/** Checks a buffer is a plain TrueType/OpenType font (satori rejects TTC and draws nothing from WOFF2). */
export function assertSingleFont(data: Buffer, what: string): void {
  const tag = data.subarray(0, 4).toString('latin1');
  const ok = tag === '\u0000\u0001\u0000\u0000' || tag === 'OTTO' || tag === 'true';
  if (!ok) throw new Error(`font ${what}: not a single TTF/OTF (starts with ${JSON.stringify(tag)}; TTC and WOFF/WOFF2 are not usable by satori)`);
}

/** Builds PosterFonts from two font files' bytes (used by loadFonts and by tests), with the Twemoji images unless others are given. */
export function fontsFromBuffers(regular: Buffer, bold: Buffer, emoji: EmojiImages = new EmojiImages()): PosterFonts {
  assertSingleFont(regular, 'regular');
  assertSingleFont(bold, 'bold');
  const metrics = { 400: new FontMetrics(regular, emoji), 700: new FontMetrics(bold, emoji) };
  return {
    emoji,
    satori: [
      { name: FONT_FAMILY, data: regular, weight: 400, style: 'normal' },
      { name: FONT_FAMILY, data: bold, weight: 700, style: 'normal' },
    ],
    metrics,
    metricsFor: (weight: number) => (weight >= 600 ? metrics[700] : metrics[400]),
  };
}

/**
 * Loads Noto Sans SC Regular and Bold (the package's, or the two files given: a render worker uses the
 * studio's fonts it was sent). Satori parses a font list once per list object, so whoever
 * renders keeps the result (the workspace's services, each renderer and worker lane) rather than
 * loading again.
 */
export function loadFonts(files: { regular: string; bold: string } = fontPaths()): PosterFonts {
  return fontsFromBuffers(readFileSync(files.regular), readFileSync(files.bold));
}
