import { createHash } from 'node:crypto';
import { readdir, readFile } from 'node:fs/promises';
import { join } from 'node:path';
import jsQR from 'jsqr';
import sharp from 'sharp';
import yauzl from 'yauzl';

/** sha256 hex of a file. */
export async function fileSha(path: string): Promise<string> {
  return createHash('sha256').update(await readFile(path)).digest('hex');
}

/** The text of the first QR code found in an image file (jsQR over the whole image), or null. */
export async function decodeQrFile(path: string): Promise<string | null> {
  const { data, info } = await sharp(path).ensureAlpha().raw().toBuffer({ resolveWithObject: true });
  const found = jsQR(new Uint8ClampedArray(data.buffer, data.byteOffset, data.length), info.width, info.height);
  return found?.data ?? null;
}

/** One zip entry: name, UTF-8 flag, and the sha256 of its bytes (read through yauzl, which checks sizes). */
export interface ZipEntryInfo {
  name: string;
  utf8: boolean;
  sha256: string;
  size: number;
}

/** Lists a zip with yauzl and hashes every entry. */
export function readZip(path: string): Promise<ZipEntryInfo[]> {
  return new Promise((resolve, reject) => {
    yauzl.open(path, { lazyEntries: true, decodeStrings: true, validateEntrySizes: true }, (err, zip) => {
      if (err || !zip) return reject(err);
      const out: ZipEntryInfo[] = [];
      zip.on('entry', (e: yauzl.Entry) => {
        zip.openReadStream(e, (err2, stream) => {
          if (err2 || !stream) return reject(err2);
          const h = createHash('sha256');
          let size = 0;
          stream.on('data', (c: Buffer) => {
            h.update(c);
            size += c.length;
          });
          stream.on('error', reject);
          stream.on('end', () => {
            out.push({ name: e.fileName, utf8: (e.generalPurposeBitFlag & 0x800) !== 0, sha256: h.digest('hex'), size });
            zip.readEntry();
          });
        });
      });
      zip.on('end', () => resolve(out));
      zip.on('error', reject);
      zip.readEntry();
    });
  });
}

/** Names in a folder that start with a dot (temporary and moved-aside packs). */
export async function hiddenEntries(dir: string): Promise<string[]> {
  return (await readdir(dir)).filter((n) => n.startsWith('.'));
}

/** Folders (not zips, not hidden) in an output folder. */
export async function packFolders(dir: string): Promise<string[]> {
  return (await readdir(dir, { withFileTypes: true })).filter((d) => d.isDirectory() && !d.name.startsWith('.')).map((d) => d.name).sort();
}

/** Reads a pack's manifest.json. */
export async function manifestOf(packDir: string): Promise<import('../../src/pack/manifest.js').Manifest> {
  return JSON.parse(await readFile(join(packDir, 'manifest.json'), 'utf8'));
}
