/**
 * Hostile workbooks made on the fly (nothing binary is committed): an XLSX whose shared strings
 * inflate to `inflated` bytes from about a thousandth of that, optionally with a central directory
 * that lies about the sizes; and a sheet whose two cells sit in A1 and XFD1048576.
 *
 * The bomb's deflate stream is built from independent pieces: each piece is compressed alone and
 * ended with a full flush (byte aligned, no back-references), so one compressed megabyte of "A"s
 * can be repeated a thousand times, and a final empty block closes the stream.
 */
import { constants, crc32, deflateRawSync } from 'node:zlib';

interface Part {
  name: string;
  /** Raw deflate data. */
  data: Buffer;
  crc: number;
  size: number;
  /** What the headers claim (default: the truth). */
  claimed?: number;
}

const piece = (text: Buffer | string, final = false) => deflateRawSync(text, { finishFlush: final ? constants.Z_FINISH : constants.Z_FULL_FLUSH });

function part(name: string, text: string): Part {
  const bytes = Buffer.from(text, 'utf8');
  return { name, data: deflateRawSync(bytes), crc: crc32(bytes), size: bytes.length };
}

/** A zip of deflated parts (local headers, data, central directory, end record), sizes as each part claims. */
function zip(parts: Part[]): Buffer {
  const locals: Buffer[] = [];
  const central: Buffer[] = [];
  let offset = 0;
  for (const p of parts) {
    const name = Buffer.from(p.name, 'utf8');
    const size = p.claimed ?? p.size;
    const local = Buffer.alloc(30);
    local.writeUInt32LE(0x04034b50, 0);
    local.writeUInt16LE(20, 4);
    local.writeUInt16LE(0x0800, 6); // UTF-8 names
    local.writeUInt16LE(8, 8); // deflate
    local.writeUInt32LE(p.crc >>> 0, 14);
    local.writeUInt32LE(p.data.length, 18);
    local.writeUInt32LE(size, 22);
    local.writeUInt16LE(name.length, 26);
    const dir = Buffer.alloc(46);
    dir.writeUInt32LE(0x02014b50, 0);
    dir.writeUInt16LE(20, 4);
    dir.writeUInt16LE(20, 6);
    dir.writeUInt16LE(0x0800, 8);
    dir.writeUInt16LE(8, 10);
    dir.writeUInt32LE(p.crc >>> 0, 16);
    dir.writeUInt32LE(p.data.length, 20);
    dir.writeUInt32LE(size, 24);
    dir.writeUInt16LE(name.length, 28);
    dir.writeUInt32LE(offset, 42);
    locals.push(local, name, p.data);
    central.push(dir, name);
    offset += local.length + name.length + p.data.length;
  }
  const cd = Buffer.concat(central);
  const end = Buffer.alloc(22);
  end.writeUInt32LE(0x06054b50, 0);
  end.writeUInt16LE(parts.length, 8);
  end.writeUInt16LE(parts.length, 10);
  end.writeUInt32LE(cd.length, 12);
  end.writeUInt32LE(offset, 16);
  return Buffer.concat([...locals, cd, end]);
}

const CONTENT_TYPES =
  '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>';
const ROOT_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>';
const WORKBOOK =
  '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="门店" sheetId="1" r:id="rId1"/></sheets></workbook>';
const WORKBOOK_RELS =
  '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>';
const sheet = (rows: string) => `<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>${rows}</sheetData></worksheet>`;
const STRINGS_HEAD = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="2" uniqueCount="2"><si><t>门店编号</t></si><si><t>';
const STRINGS_TAIL = '</t></si></sst>';

/**
 * An XLSX whose xl/sharedStrings.xml inflates to about `inflated` bytes (one huge string of "A"s).
 * `lie`: the headers claim a small size instead of the truth (yauzl's sizes are claims).
 */
export function xlsxBomb(inflated = 1200 * 1048576, opts: { lie?: boolean } = {}): Buffer {
  const unit = Buffer.alloc(1048576, 'A');
  const head = Buffer.from(STRINGS_HEAD, 'utf8');
  const tail = Buffer.from(STRINGS_TAIL, 'utf8');
  const repeats = Math.max(1, Math.round(inflated / unit.length));
  const middle = piece(unit);
  const data = Buffer.concat([piece(head), ...Array.from({ length: repeats }, () => middle), piece(tail, true)]);
  let crc = crc32(head);
  for (let i = 0; i < repeats; i++) crc = crc32(unit, crc);
  crc = crc32(tail, crc);
  const size = head.length + repeats * unit.length + tail.length;
  const strings: Part = { name: 'xl/sharedStrings.xml', data, crc, size: size > 0xffffffff ? 0xffffffff : size, ...(opts.lie ? { claimed: 4096 } : {}) };
  return zip([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', ROOT_RELS),
    part('xl/workbook.xml', WORKBOOK),
    part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    part('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="2"><c r="A2" t="s"><v>1</v></c></row>')),
    strings,
  ]);
}

/** A tiny XLSX whose only two cells are A1 and XFD1048576: 17 billion cells once the gaps are filled. */
export function xlsxFarCells(): Buffer {
  const strings = '<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="1" uniqueCount="1"><si><t>门店编号</t></si></sst>';
  return zip([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', ROOT_RELS),
    part('xl/workbook.xml', WORKBOOK),
    part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    part('xl/worksheets/sheet1.xml', sheet('<row r="1"><c r="A1" t="s"><v>0</v></c></row><row r="1048576"><c r="XFD1048576"><v>1</v></c></row>')),
    part('xl/sharedStrings.xml', strings),
  ]);
}

/** A plain, valid XLSX of store rows (for the positive control of the same writer). */
export function xlsxStores(rows: string[][]): Buffer {
  const strings: string[] = [];
  const seen = new Map<string, number>();
  const index = (s: string) => seen.get(s) ?? (seen.set(s, strings.length), strings.push(s) - 1);
  const col = (i: number) => String.fromCharCode(65 + i);
  const body = rows.map((cells, r) => `<row r="${r + 1}">${cells.map((c, i) => `<c r="${col(i)}${r + 1}" t="s"><v>${index(c)}</v></c>`).join('')}</row>`).join('');
  const esc = (s: string) => s.replace(/&/g, '&amp;').replace(/</g, '&lt;');
  const sst = `<?xml version="1.0" encoding="UTF-8"?><sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="${strings.length}" uniqueCount="${strings.length}">${strings.map((s) => `<si><t>${esc(s)}</t></si>`).join('')}</sst>`;
  return zip([
    part('[Content_Types].xml', CONTENT_TYPES),
    part('_rels/.rels', ROOT_RELS),
    part('xl/workbook.xml', WORKBOOK),
    part('xl/_rels/workbook.xml.rels', WORKBOOK_RELS),
    part('xl/worksheets/sheet1.xml', sheet(body)),
    part('xl/sharedStrings.xml', sst),
  ]);
}
