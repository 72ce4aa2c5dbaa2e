import { BitReader, parseJpeg, readMcu, skipMcus, UnsupportedJpeg, type JpegFile } from './scan.js';

/**
 * Splicing a re-encoded band of rows into a cached JPEG, at the entropy-coded level.
 *
 * The shared part of a poster is encoded once. For each store only the rows from the store
 * layer down are encoded (same quality, standard Huffman tables, same sampling), and the new
 * rows' entropy-coded data replaces the old rows': MCU rows are independent except for the DC
 * predictors, so only the first block of each component in the band is re-coded. The result is
 * the same image a full encode would give, for a fraction of the encoding work.
 */

/** A cached JPEG with the bit offset and DC predictors at the start of each MCU row. */
export interface SpliceIndex {
  file: JpegFile;
  /** Bit offset of each MCU row in the scan. */
  rowStart: Int32Array;
  /** DC predictors (per component) at the start of each MCU row, row-major. */
  pred: Int32Array;
  /** Pixel height of one MCU row. */
  rowHeight: number;
  /** Per first band row: the scan's whole bytes before it, already stuffed (the same for every store). */
  prefixes: Map<number, Buffer>;
}

/** Decodes a JPEG's scan once to find where each MCU row starts. */
export function indexJpeg(bytes: Buffer): SpliceIndex {
  const file = parseJpeg(bytes);
  const nc = file.components.length;
  const rowStart = new Int32Array(file.mcusY + 1);
  const pred = new Int32Array((file.mcusY + 1) * nc);
  const cur = new Int32Array(nc);
  const r = new BitReader(file.scan);
  for (let y = 0; y < file.mcusY; y++) {
    rowStart[y] = r.pos;
    pred.set(cur, y * nc);
    for (let x = 0; x < file.mcusX; x++) for (const b of readMcu(file, r)) cur[b.comp]! += b.diff;
  }
  rowStart[file.mcusY] = r.pos;
  pred.set(cur, file.mcusY * nc);
  return { file, rowStart, pred, rowHeight: 8 * file.maxV, prefixes: new Map() };
}

/** Writes entropy-coded bits MSB-first, stuffing 0x00 after every 0xFF byte as it goes. */
class BitWriter {
  private readonly out: Uint8Array;
  private o = 0;
  private acc = 0;
  private n = 0;
  constructor(capacity: number) {
    // Worst case every byte is 0xFF and gets a stuffed 0x00.
    this.out = new Uint8Array(capacity * 2 + 16);
  }

  write(value: number, bits: number): void {
    this.acc = ((this.acc << bits) | (value & ((1 << bits) - 1))) >>> 0;
    this.n += bits;
    while (this.n >= 8) {
      this.n -= 8;
      const b = (this.acc >>> this.n) & 0xff;
      this.out[this.o++] = b;
      if (b === 0xff) this.out[this.o++] = 0;
    }
    this.acc &= (1 << this.n) - 1;
  }

  /** Copies bits [from, to) of `src`. */
  copy(src: Uint8Array, from: number, to: number): void {
    const r = new BitReader(src, from);
    let left = to - from;
    while (left >= 16) {
      this.write(r.bits(16), 16);
      left -= 16;
    }
    if (left > 0) this.write(r.bits(left), left);
  }

  /** Pads with 1-bits to a byte boundary; the bytes are already stuffed. */
  finish(): Buffer {
    if (this.n > 0) this.write(0xff, 8 - this.n);
    return Buffer.from(this.out.buffer, this.out.byteOffset, this.o);
  }
}

/** Entropy-coded bytes as they appear in a file: every 0xFF followed by 0x00. */
function stuff(data: Uint8Array): Buffer {
  let ff = 0;
  for (let i = 0; i < data.length; i++) if (data[i] === 0xff) ff++;
  if (ff === 0) return Buffer.from(data.buffer, data.byteOffset, data.length);
  const res = Buffer.alloc(data.length + ff);
  let j = 0;
  for (let i = 0; i < data.length; i++) {
    const b = data[i]!;
    res[j++] = b;
    if (b === 0xff) res[j++] = 0;
  }
  return res;
}

function category(v: number): number {
  let a = Math.abs(v);
  let s = 0;
  while (a) {
    s++;
    a >>= 1;
  }
  return s;
}

/**
 * Replaces the rows from MCU row `firstRow` to the bottom of `base` with `band`, a JPEG of
 * exactly those rows encoded with the same settings. Throws UnsupportedJpeg when the two were
 * not encoded alike (the caller then encodes the whole poster instead).
 */
export function spliceBand(base: SpliceIndex, band: Buffer, firstRow: number): Buffer {
  const bf = base.file;
  const b = parseJpeg(band);
  const same =
    b.width === bf.width &&
    b.height === bf.height - firstRow * base.rowHeight &&
    b.components.length === bf.components.length &&
    b.components.every((c, i) => c.id === bf.components[i]!.id && c.h === bf.components[i]!.h && c.v === bf.components[i]!.v && c.dc === bf.components[i]!.dc && c.ac === bf.components[i]!.ac) &&
    b.tables.equals(bf.tables);
  if (!same) throw new UnsupportedJpeg('the band was not encoded like the base (size, sampling or tables differ)');
  const r = new BitReader(b.scan);
  const first = readMcu(b, r);
  const firstEnd = r.pos;
  const total = b.mcusX * b.mcusY;
  skipMcus(b, r, total - 1);
  const bandEnd = r.pos;
  if (bandEnd > b.scan.length * 8) throw new UnsupportedJpeg('band scan is shorter than its MCUs');

  // Whole bytes before the band come from the base, stuffed once; the writer starts with the leftover bits.
  const startBit = base.rowStart[firstRow]!;
  let prefix = base.prefixes.get(firstRow);
  if (!prefix) {
    prefix = stuff(bf.scan.subarray(0, startBit >> 3));
    base.prefixes.set(firstRow, prefix);
  }
  const w = new BitWriter((bandEnd >> 3) + 64);
  w.copy(bf.scan, startBit & ~7, startBit);
  const nc = bf.components.length;
  const seen = new Set<number>();
  for (const blk of first) {
    if (seen.has(blk.comp)) {
      w.copy(b.scan, blk.start, blk.end);
      continue;
    }
    seen.add(blk.comp);
    // The band started its predictor at 0: its first DC difference is the absolute DC value.
    const diff = blk.diff - base.pred[firstRow * nc + blk.comp]!;
    const size = category(diff);
    const code = bf.dc[bf.components[blk.comp]!.dc]!.codes.get(size);
    if (!code) throw new UnsupportedJpeg(`no Huffman code for DC size ${size}`);
    w.write(code[0], code[1]);
    if (size) w.write(diff >= 0 ? diff : diff + (1 << size) - 1, size);
    w.copy(b.scan, blk.dcEnd, blk.end);
  }
  w.copy(b.scan, firstEnd, bandEnd);
  return Buffer.concat([bf.header, prefix, w.finish(), Buffer.from([0xff, 0xd9])]);
}
