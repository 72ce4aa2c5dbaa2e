/**
 * Reading baseline JPEG files at the entropy-coded level: headers, Huffman tables and a bit
 * reader that walks MCUs without decoding pixels. Used to splice a re-encoded band of rows
 * into a cached JPEG (see jpegSplice.ts).
 */

/** One canonical Huffman table: fast lookup for codes up to 9 bits, slow path beyond; and the encoder's map. */
export interface HuffTable {
  /** (length << 8 | symbol) for every 9-bit prefix, 0 when the code is longer. */
  fast: Uint16Array;
  maxcode: Int32Array;
  valptr: Int32Array;
  mincode: Int32Array;
  values: Uint8Array;
  /** symbol → [code, length] for writing. */
  codes: Map<number, [number, number]>;
}

/** A component of the frame, in scan order. */
export interface Component {
  id: number;
  h: number;
  v: number;
  dc: number;
  ac: number;
}

/** A parsed baseline JPEG. */
export interface JpegFile {
  width: number;
  height: number;
  components: Component[];
  maxH: number;
  maxV: number;
  mcusX: number;
  mcusY: number;
  /** Everything before the entropy-coded data (SOI ... SOS header). */
  header: Buffer;
  /** Offset of SOF's height field inside `header`. */
  heightAt: number;
  /** DQT and DHT segments, concatenated (two files splice only when these match). */
  tables: Buffer;
  dc: HuffTable[];
  ac: HuffTable[];
  /** The entropy-coded data with 0xFF00 stuffing removed. */
  scan: Uint8Array;
}

const FAST_BITS = 9;

function buildTable(counts: Uint8Array, values: Uint8Array): HuffTable {
  const maxcode = new Int32Array(18).fill(-1);
  const valptr = new Int32Array(17);
  const mincode = new Int32Array(17);
  const fast = new Uint16Array(1 << FAST_BITS);
  const codes = new Map<number, [number, number]>();
  let code = 0;
  let k = 0;
  for (let len = 1; len <= 16; len++) {
    valptr[len] = k;
    mincode[len] = code;
    for (let i = 0; i < counts[len - 1]!; i++) {
      const sym = values[k]!;
      codes.set(sym, [code, len]);
      if (len <= FAST_BITS) {
        const shift = FAST_BITS - len;
        for (let j = 0; j < 1 << shift; j++) fast[(code << shift) | j] = (len << 8) | sym;
      }
      code++;
      k++;
    }
    maxcode[len] = counts[len - 1]! ? code - 1 : -1;
    code <<= 1;
  }
  maxcode[17] = 0x7fffffff;
  return { fast, maxcode, valptr, mincode, values, codes };
}

/** Thrown when a file is not the kind of JPEG splicing supports (the caller falls back to a full encode). */
export class UnsupportedJpeg extends Error {}

/** Parses headers and un-stuffs the scan of a baseline, single-scan, no-restart JPEG. */
export function parseJpeg(buf: Buffer): JpegFile {
  if (buf[0] !== 0xff || buf[1] !== 0xd8) throw new UnsupportedJpeg('not a JPEG');
  let i = 2;
  let width = 0;
  let height = 0;
  let heightAt = -1;
  let frame: { id: number; h: number; v: number }[] = [];
  const dc: HuffTable[] = [];
  const ac: HuffTable[] = [];
  const tables: Buffer[] = [];
  while (i < buf.length) {
    if (buf[i] !== 0xff) throw new UnsupportedJpeg(`marker expected at ${i}`);
    const marker = buf[i + 1]!;
    if (marker === 0xff) {
      i++;
      continue;
    }
    const len = buf.readUInt16BE(i + 2);
    const seg = buf.subarray(i + 4, i + 2 + len);
    if (marker === 0xc0) {
      heightAt = i + 5;
      height = seg.readUInt16BE(1);
      width = seg.readUInt16BE(3);
      const n = seg[5]!;
      frame = [];
      for (let c = 0; c < n; c++) frame.push({ id: seg[6 + c * 3]!, h: seg[7 + c * 3]! >> 4, v: seg[7 + c * 3]! & 15 });
    } else if (marker >= 0xc1 && marker <= 0xcf && marker !== 0xc4 && marker !== 0xc8 && marker !== 0xcc) {
      throw new UnsupportedJpeg('only baseline JPEG can be spliced');
    } else if (marker === 0xdd) {
      throw new UnsupportedJpeg('restart intervals are not supported');
    } else if (marker === 0xdb) {
      tables.push(buf.subarray(i, i + 2 + len));
    } else if (marker === 0xc4) {
      tables.push(buf.subarray(i, i + 2 + len));
      let p = 0;
      while (p < seg.length) {
        const tc = seg[p]! >> 4;
        const th = seg[p]! & 15;
        const counts = seg.subarray(p + 1, p + 17);
        const total = counts.reduce((a, b) => a + b, 0);
        const values = seg.subarray(p + 17, p + 17 + total);
        (tc === 0 ? dc : ac)[th] = buildTable(Uint8Array.from(counts), Uint8Array.from(values));
        p += 17 + total;
      }
    } else if (marker === 0xda) {
      const n = seg[0]!;
      const components: Component[] = [];
      for (let c = 0; c < n; c++) {
        const id = seg[1 + c * 2]!;
        const f = frame.find((x) => x.id === id);
        if (!f) throw new UnsupportedJpeg('scan names an unknown component');
        components.push({ id, h: f.h, v: f.v, dc: seg[2 + c * 2]! >> 4, ac: seg[2 + c * 2]! & 15 });
      }
      if (n !== frame.length) throw new UnsupportedJpeg('only single-scan (interleaved) JPEG can be spliced');
      const start = i + 2 + len;
      const scan = unstuff(buf, start);
      const maxH = Math.max(...components.map((c) => c.h));
      const maxV = Math.max(...components.map((c) => c.v));
      return {
        width,
        height,
        components,
        maxH,
        maxV,
        mcusX: Math.ceil(width / (8 * maxH)),
        mcusY: Math.ceil(height / (8 * maxV)),
        header: buf.subarray(0, start),
        heightAt,
        tables: Buffer.concat(tables),
        dc,
        ac,
        scan,
      };
    }
    i += 2 + len;
  }
  throw new UnsupportedJpeg('no scan found');
}

function unstuff(buf: Buffer, start: number): Uint8Array {
  const out = new Uint8Array(buf.length - start);
  let o = 0;
  for (let i = start; i < buf.length; i++) {
    const b = buf[i]!;
    if (b === 0xff) {
      const next = buf[i + 1];
      if (next === 0x00) {
        out[o++] = 0xff;
        i++;
        continue;
      }
      break; // a marker: end of the scan
    }
    out[o++] = b;
  }
  return out.subarray(0, o);
}

/** Reads bits MSB-first from un-stuffed scan bytes (past the end reads 1-bits, like fill). */
export class BitReader {
  pos: number;
  constructor(
    readonly data: Uint8Array,
    pos = 0,
  ) {
    this.pos = pos;
  }

  /** The next n ≤ 16 bits without consuming them. */
  private peek(n: number): number {
    const p = this.pos;
    const i = p >> 3;
    const d = this.data;
    const len = d.length;
    const w = ((i < len ? d[i]! : 0xff) << 16) | ((i + 1 < len ? d[i + 1]! : 0xff) << 8) | (i + 2 < len ? d[i + 2]! : 0xff);
    return (w >>> (24 - (p & 7) - n)) & ((1 << n) - 1);
  }

  bits(n: number): number {
    const v = this.peek(n);
    this.pos += n;
    return v;
  }

  /** Decodes one Huffman symbol. */
  symbol(t: HuffTable): number {
    const f = t.fast[this.peek(FAST_BITS)]!;
    if (f) {
      this.pos += f >> 8;
      return f & 0xff;
    }
    let code = this.bits(FAST_BITS);
    let len = FAST_BITS;
    while (code > t.maxcode[len]!) {
      code = (code << 1) | this.bits(1);
      len++;
      if (len > 16) throw new UnsupportedJpeg('bad Huffman code');
    }
    return t.values[t.valptr[len]! + code - t.mincode[len]!]!;
  }
}

/** The DC difference encoded by `size` extra bits (JPEG's EXTEND). */
export function extend(v: number, size: number): number {
  return size === 0 ? 0 : v < 1 << (size - 1) ? v - (1 << size) + 1 : v;
}

/** Where one block's data lies in the scan, and its DC difference. */
export interface BlockSpan {
  start: number;
  /** First bit after the DC code and its extra bits. */
  dcEnd: number;
  end: number;
  comp: number;
  diff: number;
}

/** Walks one MCU; returns each block's bit span (predictors are updated by the caller from diffs). */
export function readMcu(f: JpegFile, r: BitReader): BlockSpan[] {
  const out: BlockSpan[] = [];
  f.components.forEach((c, ci) => {
    const n = c.h * c.v;
    for (let b = 0; b < n; b++) {
      const start = r.pos;
      const s = r.symbol(f.dc[c.dc]!);
      const diff = extend(r.bits(s), s);
      const dcEnd = r.pos;
      const act = f.ac[c.ac]!;
      for (let k = 1; k < 64; ) {
        const rs = r.symbol(act);
        const run = rs >> 4;
        const size = rs & 15;
        if (size === 0) {
          if (run !== 15) break;
          k += 16;
          continue;
        }
        r.pos += size;
        k += run + 1;
      }
      out.push({ start, dcEnd, end: r.pos, comp: ci, diff });
    }
  });
  return out;
}

/**
 * Walks `count` MCUs from the reader's position without recording anything: the hot loop that
 * finds the end of a band's scan (one inlined loop: 24-bit window, 9-bit table, no allocation).
 */
export function skipMcus(f: JpegFile, r: BitReader, count: number): void {
  const d = r.data;
  const len = d.length;
  let pos = r.pos;
  const comps = f.components;
  const blocks: HuffTable[] = [];
  const acs: HuffTable[] = [];
  for (const c of comps) for (let b = c.h * c.v; b > 0; b--) {
    blocks.push(f.dc[c.dc]!);
    acs.push(f.ac[c.ac]!);
  }
  const nb = blocks.length;
  for (let mcu = 0; mcu < count; mcu++) {
    for (let b = 0; b < nb; b++) {
      // DC: the category symbol, then that many extra bits.
      let i = pos >> 3;
      let w = i + 2 < len ? (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]! : ((i < len ? d[i]! : 0xff) << 16) | ((i + 1 < len ? d[i + 1]! : 0xff) << 8) | 0xff;
      let f9 = blocks[b]!.fast[(w >>> (15 - (pos & 7))) & 0x1ff]!;
      let sym: number;
      if (f9) {
        pos += f9 >> 8;
        sym = f9 & 0xff;
      } else {
        r.pos = pos;
        sym = r.symbol(blocks[b]!);
        pos = r.pos;
      }
      pos += sym;
      const ac = acs[b]!;
      for (let k = 1; k < 64; ) {
        i = pos >> 3;
        w = i + 2 < len ? (d[i]! << 16) | (d[i + 1]! << 8) | d[i + 2]! : ((i < len ? d[i]! : 0xff) << 16) | ((i + 1 < len ? d[i + 1]! : 0xff) << 8) | 0xff;
        f9 = ac.fast[(w >>> (15 - (pos & 7))) & 0x1ff]!;
        if (f9) {
          pos += f9 >> 8;
          sym = f9 & 0xff;
        } else {
          r.pos = pos;
          sym = r.symbol(ac);
          pos = r.pos;
        }
        const size = sym & 15;
        if (size === 0) {
          if (sym >> 4 !== 15) break;
          k += 16;
          continue;
        }
        pos += size;
        k += (sym >> 4) + 1;
      }
    }
  }
  r.pos = pos;
}
