/**
 * Just enough of a TrueType/OpenType reader to measure text: the character map (cmap formats 4
 * and 12) and the horizontal advances (hhea/hmtx). Used by text fitting so line breaks and
 * font sizes are decided with the same advances satori draws with.
 */

interface Table {
  offset: number;
  length: number;
}

interface CmapGroup {
  start: number;
  end: number;
  glyph: number;
}

/** Graphemes drawn as images one em wide (colour emoji), measured as such. */
export interface ImageGlyphs {
  has(grapheme: string): boolean;
  graphemes(text: string): string[];
}

/** A string that may hold an emoji (checked before the slower grapheme walk). */
const MAY_HAVE_IMAGE = /\p{Extended_Pictographic}|[\u{1F1E6}-\u{1F1FF}]|\u20E3/u;

/**
 * Advance widths and character coverage of one font, read from its bytes (no copies kept besides
 * small arrays); with `images`, emoji graphemes measure one em, as satori draws them.
 */
export class FontMetrics {
  readonly unitsPerEm: number;
  readonly ascender: number;
  readonly descender: number;
  readonly lineGap: number;
  private readonly view: DataView;
  private readonly hmtx: number;
  private readonly numHMetrics: number;
  private readonly groups: CmapGroup[];
  private readonly memo = new Map<number, number>();

  constructor(
    data: Buffer,
    /** Emoji drawn as images (one em square); without it, emoji are characters the font lacks. */
    readonly images?: ImageGlyphs,
  ) {
    this.view = new DataView(data.buffer, data.byteOffset, data.byteLength);
    const tables = this.readTables();
    const need = (tag: string): Table => {
      const t = tables.get(tag);
      if (!t) throw new Error(`font has no ${tag} table`);
      return t;
    };
    const head = need('head');
    this.unitsPerEm = this.view.getUint16(head.offset + 18);
    const hhea = need('hhea');
    this.ascender = this.view.getInt16(hhea.offset + 4);
    this.descender = this.view.getInt16(hhea.offset + 6);
    this.lineGap = this.view.getInt16(hhea.offset + 8);
    this.numHMetrics = this.view.getUint16(hhea.offset + 34);
    this.hmtx = need('hmtx').offset;
    this.groups = this.readCmap(need('cmap'));
  }

  private readTables(): Map<string, Table> {
    const v = this.view;
    const n = v.getUint16(4);
    const out = new Map<string, Table>();
    for (let i = 0; i < n; i++) {
      const rec = 12 + i * 16;
      const tag = String.fromCharCode(v.getUint8(rec), v.getUint8(rec + 1), v.getUint8(rec + 2), v.getUint8(rec + 3));
      out.set(tag, { offset: v.getUint32(rec + 8), length: v.getUint32(rec + 12) });
    }
    return out;
  }

  /** Reads the best Unicode subtable into sorted ranges (format 12 preferred, else format 4). */
  private readCmap(cmap: Table): CmapGroup[] {
    const v = this.view;
    const n = v.getUint16(cmap.offset + 2);
    let f12 = -1;
    let f4 = -1;
    for (let i = 0; i < n; i++) {
      const rec = cmap.offset + 4 + i * 8;
      const platform = v.getUint16(rec);
      const encoding = v.getUint16(rec + 2);
      const sub = cmap.offset + v.getUint32(rec + 4);
      const format = v.getUint16(sub);
      const unicode = platform === 0 || (platform === 3 && (encoding === 1 || encoding === 10));
      if (!unicode) continue;
      if (format === 12 && f12 < 0) f12 = sub;
      if (format === 4 && f4 < 0) f4 = sub;
    }
    if (f12 >= 0) {
      const count = v.getUint32(f12 + 12);
      const groups: CmapGroup[] = [];
      for (let i = 0; i < count; i++) {
        const g = f12 + 16 + i * 12;
        groups.push({ start: v.getUint32(g), end: v.getUint32(g + 4), glyph: v.getUint32(g + 8) });
      }
      return groups;
    }
    if (f4 >= 0) return this.readFormat4(f4);
    throw new Error('font has no Unicode cmap (format 4 or 12)');
  }

  private readFormat4(sub: number): CmapGroup[] {
    const v = this.view;
    const segs = v.getUint16(sub + 6) / 2;
    const ends = sub + 14;
    const starts = ends + segs * 2 + 2;
    const deltas = starts + segs * 2;
    const rangeOffsets = deltas + segs * 2;
    const groups: CmapGroup[] = [];
    for (let s = 0; s < segs; s++) {
      const start = v.getUint16(starts + s * 2);
      const end = v.getUint16(ends + s * 2);
      const delta = v.getInt16(deltas + s * 2);
      const ro = v.getUint16(rangeOffsets + s * 2);
      for (let c = start; c <= end && c !== 0xffff; c++) {
        let glyph: number;
        if (ro === 0) glyph = (c + delta) & 0xffff;
        else {
          const at = rangeOffsets + s * 2 + ro + (c - start) * 2;
          glyph = v.getUint16(at);
          if (glyph !== 0) glyph = (glyph + delta) & 0xffff;
        }
        if (glyph !== 0) groups.push({ start: c, end: c, glyph });
      }
    }
    return groups;
  }

  /** The glyph index of a code point, 0 when the font has no glyph for it. */
  glyphIndex(codePoint: number): number {
    const g = this.groups;
    let lo = 0;
    let hi = g.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const grp = g[mid]!;
      if (codePoint < grp.start) hi = mid - 1;
      else if (codePoint > grp.end) lo = mid + 1;
      else return grp.glyph + (codePoint - grp.start);
    }
    return 0;
  }

  /** True when the font draws this code point (otherwise it would come out as a tofu box or nothing). */
  has(codePoint: number): boolean {
    return this.glyphIndex(codePoint) !== 0;
  }

  /** Advance width of one code point in font units (the .notdef advance when missing). */
  advanceUnits(codePoint: number): number {
    let a = this.memo.get(codePoint);
    if (a === undefined) {
      const glyph = this.glyphIndex(codePoint);
      const i = Math.min(glyph, this.numHMetrics - 1);
      a = this.view.getUint16(this.hmtx + i * 4);
      this.memo.set(codePoint, a);
    }
    return a;
  }

  /** Line height in px of `line-height: normal` (ascender + descender + line gap), as satori computes it. */
  normalLineHeight(fontSize: number): number {
    return ((this.ascender - this.descender + this.lineGap) * fontSize) / this.unitsPerEm;
  }

  /** Offset of the baseline below the top of a line box of height `lineHeight`, exactly as satori places it. */
  baselineOffset(fontSize: number, lineHeight: number): number {
    const a = Math.round((this.ascender * fontSize) / this.unitsPerEm);
    const d = Math.round((-this.descender * fontSize) / this.unitsPerEm);
    return a + Math.floor((lineHeight - a - d) / 2);
  }

  /** True when the grapheme is drawn as an image (an emoji) rather than from the font. */
  isImage(grapheme: string): boolean {
    return !!this.images && MAY_HAVE_IMAGE.test(grapheme) && this.images.has(grapheme);
  }

  /** Width of a string in pixels at `fontSize`, plus `letterSpacing` px after each character (an emoji image: one em, no spacing). */
  measure(text: string, fontSize: number, letterSpacing = 0): number {
    if (this.images && MAY_HAVE_IMAGE.test(text)) {
      let px = 0;
      for (const g of this.images.graphemes(text)) px += this.isImage(g) ? fontSize : this.measure(g, fontSize, letterSpacing);
      return px;
    }
    let units = 0;
    let count = 0;
    for (const ch of text) {
      units += this.advanceUnits(ch.codePointAt(0)!);
      count++;
    }
    return (units * fontSize) / this.unitsPerEm + letterSpacing * count;
  }
}
