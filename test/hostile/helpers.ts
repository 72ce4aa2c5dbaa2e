/**
 * Shared pieces of the hostile-input suite (test/hostile/README.md lists every case):
 * real temporary workspaces, a fingerprint of everything saved, and crafted hostile files.
 */
import { createHash } from 'node:crypto';
import { mkdtemp, readdir, readFile, rm, stat } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { crc32, deflateSync } from 'node:zlib';
import type { StudioData } from '../../src/model/index.js';
import { createWorkspace } from '../../src/workspace/index.js';
import type { Workspace } from '../../src/workspace/types.js';

/** A fresh temporary folder; `cleanup()` removes it. */
export async function tempDir(prefix: string): Promise<{ dir: string; cleanup: () => Promise<void> }> {
  const dir = await mkdtemp(path.join(os.tmpdir(), `sq-hostile-${prefix}-`));
  return { dir, cleanup: () => rm(dir, { recursive: true, force: true }) };
}

/** A real workspace on disk (lock, backups, assets) made from `data`. */
export async function realWorkspace(root: string, data: StudioData, assets: { name: string; bytes: Buffer }[] = []): Promise<Workspace> {
  return createWorkspace(path.join(root, 'ws'), data, assets);
}

const sha = (b: Buffer | string) => createHash('sha256').update(b).digest('hex');

/** Every regular file under `dir` (recursively) with its sha256, as `relative/path → hash`. */
export async function treeHashes(dir: string, skip: (rel: string) => boolean = () => false): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (sub: string): Promise<void> => {
    let names: string[];
    try {
      names = await readdir(path.join(dir, sub));
    } catch {
      return;
    }
    for (const name of names.sort()) {
      const rel = sub ? `${sub}/${name}` : name;
      if (skip(rel)) continue;
      const info = await stat(path.join(dir, rel));
      if (info.isDirectory()) await walk(rel);
      else out[rel] = sha(await readFile(path.join(dir, rel)));
    }
  };
  await walk('');
  return out;
}

/**
 * What "nothing saved was changed" compares: studio.json's bytes, every asset file, every pack
 * file, and the number of backups (a refused write takes no backup either).
 */
export async function savedState(ws: Workspace): Promise<{ studio: string; assets: Record<string, string>; packs: Record<string, string>; backups: number }> {
  const backups = (await readdir(ws.paths.backups).catch(() => [] as string[])).length;
  return {
    studio: sha(await readFile(ws.paths.studio)),
    assets: await treeHashes(ws.paths.assets),
    packs: await treeHashes(ws.paths.packs),
    backups,
  };
}

/** One PNG chunk with its CRC (length, type, data, crc32 of type+data). */
export function pngChunk(type: string, data: Buffer): Buffer {
  const len = Buffer.alloc(4);
  len.writeUInt32BE(data.length);
  const body = Buffer.concat([Buffer.from(type, 'ascii'), data]);
  const crc = Buffer.alloc(4);
  crc.writeUInt32BE(crc32(body) >>> 0);
  return Buffer.concat([len, body, crc]);
}

/** A tiny PNG file whose IHDR (valid CRC) claims `width × height` pixels: a decompression bomb by its header. */
export function pngHeaderBomb(width = 100_000, height = 100_000): Buffer {
  const ihdr = Buffer.alloc(13);
  ihdr.writeUInt32BE(width, 0);
  ihdr.writeUInt32BE(height, 4);
  ihdr[8] = 8; // bit depth
  ihdr[9] = 2; // RGB
  const signature = Buffer.from([0x89, 0x50, 0x4e, 0x47, 0x0d, 0x0a, 0x1a, 0x0a]);
  return Buffer.concat([signature, pngChunk('IHDR', ihdr), pngChunk('IDAT', deflateSync(Buffer.alloc(4096))), pngChunk('IEND', Buffer.alloc(0))]);
}

/** A PDF document (what a "logo.png" exported from a design tool sometimes really is). */
export const PDF_BYTES = Buffer.from('%PDF-1.7\n1 0 obj\n<< /Type /Catalog /Pages 2 0 R >>\nendobj\ntrailer\n<< /Root 1 0 R >>\n%%EOF\n');

/** An SVG that shows a local file as an image. */
export const SVG_FILE_IMAGE = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xlink="http://www.w3.org/1999/xlink" width="64" height="64"><image href="file:///etc/passwd" width="64" height="64"/></svg>',
);

/** An SVG that pulls a local file in through XInclude. */
export const SVG_XINCLUDE = Buffer.from(
  '<svg xmlns="http://www.w3.org/2000/svg" xmlns:xi="http://www.w3.org/2001/XInclude" width="64" height="64"><text x="0" y="20"><xi:include href="/etc/passwd" parse="text"/></text></svg>',
);

/** A "billion laughs" of nested <use>: `levels` groups each using the previous one `width` times. */
export function svgUseBomb(levels = 5, width = 10): Buffer {
  let s = '<svg xmlns="http://www.w3.org/2000/svg" width="64" height="64"><defs><rect id="u0" width="1" height="1"/>';
  for (let i = 1; i <= levels; i++) s += `<g id="u${i}">${Array.from({ length: width }, () => `<use href="#u${i - 1}"/>`).join('')}</g>`;
  return Buffer.from(`${s}</defs><use href="#u${levels}"/></svg>`);
}

/** Resident set size in MB. */
export const rssMB = () => process.memoryUsage().rss / 1048576;
