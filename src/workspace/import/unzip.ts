import { Readable } from 'node:stream';
import yauzl from 'yauzl';
import yazl from 'yazl';
import { StudioError } from '../../model/index.js';

/** How much a workbook may unpack to: each part, all parts together, and how many parts. */
export interface UnzipLimits {
  /** Largest inflated size of one kept entry, bytes. */
  entry: number;
  /** Largest inflated size of all kept entries together, bytes. */
  total: number;
  /** Most entries the archive may list. */
  entries: number;
}

/**
 * The default bounds: 80,000 stores unpack to about 30 MB (an import takes at most 50,000 rows);
 * a zip bomb does not fit. Parsing 32 MB of workbook XML peaks near 300 MB, which keeps a whole
 * import under 700 MB.
 */
export const XLSX_LIMITS: UnzipLimits = { entry: 32 * 1024 * 1024, total: 32 * 1024 * 1024, entries: 5000 };

const MB = (n: number) => `${Math.round(n / 1048576)} MB`;

function bomb(name: string, what: string, limits: UnzipLimits): StudioError {
  return new StudioError(
    'bad_input',
    `${name}: ${what}; a store list unpacks to far less (limit ${MB(limits.entry)} a part, ${MB(limits.total)} in all), so the file was refused unread (it may be a "zip bomb"). Save the store sheet alone as CSV or a new .xlsx and import that`,
    'file',
  );
}

function openZip(input: string | Buffer): Promise<yauzl.ZipFile> {
  const opts: yauzl.Options = { lazyEntries: true, autoClose: true, validateEntrySizes: true, strictFileNames: false, decodeStrings: true };
  return new Promise((resolve, reject) => {
    const done = (err: Error | null, zip?: yauzl.ZipFile) => (err || !zip ? reject(err ?? new Error('no zip')) : resolve(zip));
    if (typeof input === 'string') yauzl.open(input, opts, done);
    else yauzl.fromBuffer(input, opts, done);
  });
}

/**
 * Reads the entries `keep` selects from a zip (a path, read with random access, or bytes), counting
 * every inflated byte as it streams: the sizes the archive declares are only claims, so an entry is
 * cut off and the file refused (bad_input naming it) the moment it passes the limit, and memory never
 * holds more than `limits.total` of content. Returns the entries by name.
 */
export async function readZipBounded(input: string | Buffer, name: string, keep: (entry: string) => boolean, limits: UnzipLimits = XLSX_LIMITS): Promise<Map<string, Buffer>> {
  const zip = await openZip(input).catch((err: Error) => {
    throw new StudioError('bad_input', `${name}: not a readable .xlsx file (${err.message})`, 'file');
  });
  if (zip.entryCount > limits.entries) {
    zip.close();
    throw new StudioError('bad_input', `${name}: the archive lists ${zip.entryCount} parts (a workbook has a few dozen); save the store sheet as a new file and import that`, 'file');
  }
  const out = new Map<string, Buffer>();
  let total = 0;
  return new Promise((resolve, reject) => {
    let failed = false;
    const fail = (err: unknown) => {
      if (failed) return;
      failed = true;
      zip.close();
      reject(err instanceof StudioError ? err : new StudioError('bad_input', `${name}: not a readable .xlsx file (${(err as Error).message})`, 'file'));
    };
    zip.on('error', fail);
    zip.on('end', () => !failed && resolve(out));
    zip.on('entry', (entry: yauzl.Entry) => {
      const path = entry.fileName;
      if (path.endsWith('/') || !keep(path)) return zip.readEntry();
      // The declared sizes refuse an honest bomb before any inflating; the counting below catches a lying one.
      if (entry.uncompressedSize > limits.entry) return fail(bomb(name, `${path} unpacks to ${MB(entry.uncompressedSize)}`, limits));
      if (total + entry.uncompressedSize > limits.total) return fail(bomb(name, `its parts unpack to more than ${MB(limits.total)}`, limits));
      zip.openReadStream(entry, (err, stream) => {
        if (err || !stream) return fail(err ?? new Error(`cannot read ${path}`));
        const chunks: Buffer[] = [];
        let size = 0;
        stream.on('data', (chunk: Buffer) => {
          size += chunk.length;
          total += chunk.length;
          if (size > limits.entry || total > limits.total) {
            stream.destroy();
            return fail(bomb(name, size > limits.entry ? `${path} unpacks to more than ${MB(limits.entry)}` : `its parts unpack to more than ${MB(limits.total)}`, limits));
          }
          chunks.push(chunk);
        });
        // yauzl stops a part that inflates past its declared size: the archive lied about it.
        stream.on('error', (e: Error) => fail(/too many bytes/.test(e.message) ? bomb(name, `${path} unpacks to more than the ${entry.uncompressedSize} bytes the archive declares for it`, limits) : e));
        stream.on('end', () => {
          if (failed) return;
          out.set(path, Buffer.concat(chunks, size));
          zip.readEntry();
        });
      });
    });
    zip.readEntry();
  });
}

/** The entries packed again (stored, not compressed) as a stream: a zip whose sizes are true, for readers that unpack in memory. */
export function storedZip(entries: Map<string, Buffer>): Readable {
  const zip = new yazl.ZipFile();
  for (const [path, bytes] of entries) zip.addBuffer(bytes, path, { compress: false, mtime: new Date(0) });
  zip.end();
  return zip.outputStream as Readable;
}
