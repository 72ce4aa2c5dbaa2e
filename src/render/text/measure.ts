/** What line breaking and text fitting measure with: the poster font's advances (and, later, emoji as images). */
export interface TextMeasure {
  /** Width of a string in px at `fontSize`, plus `letterSpacing` px after each character. */
  measure(text: string, fontSize: number, letterSpacing?: number): number;
  /** True when the code point can be drawn (otherwise it is dropped and reported). */
  has(codePoint: number): boolean;
  /** True when the grapheme is drawn as an image (a colour emoji). */
  isImage?(grapheme: string): boolean;
  /** The graphemes of a text, when images are drawn (so emoji sequences stay whole). */
  readonly images?: { graphemes(text: string): string[] };
}
