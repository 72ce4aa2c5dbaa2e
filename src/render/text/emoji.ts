import { existsSync, readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { dirname, join } from 'node:path';

/**
 * Colour emoji for posters, end cards and storyboard stills: Twemoji's SVGs (`@twemoji/svg`,
 * graphics CC-BY 4.0, see assets/fonts/LICENSE-Twemoji.txt) drawn as images one em square, the
 * way satori draws `graphemeImages`. The poster font has no emoji; without these they were dropped.
 */

const require = createRequire(import.meta.url);

/** The folder of the Twemoji SVG files. */
export function twemojiDir(): string {
  return dirname(require.resolve('@twemoji/svg/package.json'));
}

/** A grapheme that may be an emoji (a pictograph, a flag, a keycap); also the pre-test for whole strings. */
export const MAY_HAVE_EMOJI = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u20E3/u;
const CANDIDATE = MAY_HAVE_EMOJI;

/** Twemoji file names for a grapheme: code points in hex joined by "-", with and without FE0F. */
function names(grapheme: string): string[] {
  const cps = [...grapheme].map((c) => c.codePointAt(0)!.toString(16));
  const full = cps.join('-');
  const bare = cps.filter((c) => c !== 'fe0f').join('-');
  return full === bare ? [full] : [full, bare];
}

/** The emoji images one renderer draws with (files read once each; per renderer, nothing kept at module level). */
export class EmojiImages {
  private readonly files = new Map<string, string | null>();
  private readonly uris = new Map<string, string>();
  private readonly segmenter = new Intl.Segmenter('zh', { granularity: 'grapheme' });
  constructor(private readonly dir: string = twemojiDir()) {}

  /** The SVG file drawing this grapheme, or undefined when it is not an emoji Twemoji has. */
  private file(grapheme: string): string | undefined {
    let f = this.files.get(grapheme);
    if (f === undefined) {
      f = null;
      if (CANDIDATE.test(grapheme) && !/^[\u00A9\u00AE\u2122]$/.test(grapheme)) {
        for (const n of names(grapheme)) {
          const path = join(this.dir, `${n}.svg`);
          if (existsSync(path)) {
            f = path;
            break;
          }
        }
      }
      this.files.set(grapheme, f);
    }
    return f ?? undefined;
  }

  /** True when the grapheme is drawn as an emoji image. */
  has(grapheme: string): boolean {
    return this.file(grapheme) !== undefined;
  }

  /** The SVG source of an emoji this set has. */
  svg(grapheme: string): Buffer {
    const f = this.file(grapheme);
    if (!f) throw new Error(`no emoji image for ${JSON.stringify(grapheme)}`);
    return readFileSync(f);
  }

  /** The emoji as a data URI (satori's graphemeImages). */
  dataUri(grapheme: string): string {
    let uri = this.uris.get(grapheme);
    if (!uri) {
      uri = `data:image/svg+xml;base64,${this.svg(grapheme).toString('base64')}`;
      this.uris.set(grapheme, uri);
    }
    return uri;
  }

  /** The text's graphemes. */
  graphemes(text: string): string[] {
    return Array.from(this.segmenter.segment(text), (s) => s.segment);
  }

  /** satori's `graphemeImages` for the emoji in these texts (only those present: the map is part of every call). */
  imagesFor(texts: Iterable<string>): Record<string, string> {
    const out: Record<string, string> = {};
    for (const t of texts) {
      if (!MAY_HAVE_EMOJI.test(t)) continue;
      for (const g of this.graphemes(t)) if (!(g in out) && this.has(g)) out[g] = this.dataUri(g);
    }
    return out;
  }
}
