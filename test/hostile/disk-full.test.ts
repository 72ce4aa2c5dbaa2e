/**
 * The disk fills up while a video or a pack is written: the partial output is removed and the pack
 * that was there before is kept, byte for byte. A real 1 MB tmpfs when this process may mount one
 * (root), and an injected ENOSPC (node:fs/promises.writeFile wrapped below) that runs everywhere.
 */
import { execFileSync } from 'node:child_process';
import { mkdirSync } from 'node:fs';
import { mkdir, readdir, rename, writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it, vi } from 'vitest';
import { recoverOutDir } from '../../src/pack/atomic.js';
import { expiryInstant } from '../../src/pack/manifest.js';
import { writePack, type EntryInput, type PackInput } from '../../src/pack/writer.js';
import { checkBinaries } from '../../src/video/binaries.js';
import { runFfmpeg } from '../../src/video/ffmpeg.js';
import { tempDir, treeHashes } from './helpers.js';

/** Set to make every writeFile into a temporary pack folder fail as a full disk does. */
const inject = { enospc: false };
vi.mock('node:fs/promises', async (importOriginal) => {
  const real = await importOriginal<typeof import('node:fs/promises')>();
  const writeFile: typeof real.writeFile = async (file, ...rest) => {
    if (inject.enospc && String(file).includes(`${path.sep}.tmp-`)) {
      throw Object.assign(new Error(`ENOSPC: no space left on device, write '${String(file)}'`), { code: 'ENOSPC', errno: -28, syscall: 'write' });
    }
    return real.writeFile(file, ...rest);
  };
  return { ...real, default: { ...real, writeFile }, writeFile };
});

let root: { dir: string; cleanup: () => Promise<void> };
let full: string;
let noMount = '';

function entry(title: string, poster: string): EntryInput {
  return {
    meta: {
      post: { id: 'p1', title, validFrom: '2026-01-01', validUntil: '2099-12-31' },
      group: { id: 'community', name: '社区群', tip: '' },
      dir: `社区群/${title}`,
      link: 'https://shop.example.com/?sq_post=p1&sq_store=s001',
      expiresAt: expiryInstant('2099-12-31'),
      templates: [],
    },
    files: [
      { name: 'caption.txt', role: 'caption', text: `${title} 的文案`, channel: 'group', label: '群消息', primary: true },
      { name: 'poster-1x1.jpg', role: 'poster', from: poster, posterSize: '1x1' },
    ],
  };
}

function pack(title: string, poster: string, key: string): PackInput {
  return {
    folder: 's001-老王家便利店',
    packKey: key.repeat(64),
    store: { id: 's001', storeName: '老王家便利店', ownerName: '王建国' },
    brand: { name: '山野果坊', color: '#B5482E' },
    createdAt: '2026-11-01T10:00:00.000Z',
    entries: [entry(title, poster)],
  };
}

beforeAll(async () => {
  root = await tempDir('diskfull');
  full = path.join(root.dir, 'full');
  mkdirSync(full);
  if (process.platform !== 'linux' || process.getuid?.() !== 0) noMount = 'not root on Linux: cannot mount a tmpfs';
  else {
    try {
      execFileSync('mount', ['-t', 'tmpfs', '-o', 'size=1m', 'tmpfs', full], { stdio: 'pipe' });
    } catch (err) {
      noMount = `mount -t tmpfs refused (${String((err as { stderr?: Buffer }).stderr ?? err).trim().split('\n')[0]})`;
    }
  }
});
afterAll(async () => {
  if (!noMount) {
    try {
      execFileSync('umount', [full], { stdio: 'pipe' });
    } catch {
      execFileSync('umount', ['-l', full], { stdio: 'pipe' });
    }
  }
  await root?.cleanup();
});

describe('a real full disk (1 MB tmpfs)', () => {
  it('ffmpeg output that does not fit: clear error, partial file removed, the old pack next to it intact', async (ctx) => {
    if (noMount) ctx.skip(noMount);
    const packs = path.join(full, 'packs');
    await mkdir(packs);
    const poster = path.join(root.dir, 'small.jpg');
    await writeFile(poster, Buffer.alloc(20_000, 7));
    await writePack(packs, pack('新品上市', poster, 'a'));
    const before = await treeHashes(packs);
    const out = path.join(full, 'video', 'body.avi');
    await mkdir(path.dirname(out));
    const bin = await checkBinaries();
    const err = await runFfmpeg(bin, {
      label: 'body (disk full)',
      inputs: [{ path: 'testsrc2=size=1280x720:rate=30', options: ['-f', 'lavfi'] }],
      outputs: [{ path: out, options: ['-t', '2', '-c:v', 'rawvideo', '-pix_fmt', 'rgb24'] }],
      duration: 2,
    }).catch((e) => e);
    expect(err?.message).toMatch(/^ffmpeg failed \(body \(disk full\)\): .*No space left on device/);
    expect(await readdir(path.dirname(out))).toEqual([]);
    expect(await treeHashes(packs)).toEqual(before);
  });

  it('a pack that does not fit: the write fails with ENOSPC, no temporary folder is left, the old pack is kept', async (ctx) => {
    if (noMount) ctx.skip(noMount);
    const packs = path.join(full, 'packs');
    const before = await treeHashes(packs);
    expect(Object.keys(before).length).toBeGreaterThan(0);
    const big = path.join(root.dir, 'big.jpg'); // on the real disk: placed by copy, which fills the tmpfs
    await writeFile(big, Buffer.alloc(3 * 1024 * 1024, 1));
    const err = await writePack(packs, pack('新品上市', big, 'b')).catch((e) => e);
    expect(err?.code).toBe('ENOSPC');
    expect((await readdir(packs)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(await treeHashes(packs)).toEqual(before);
  });
});

describe('an injected ENOSPC (runs without root)', () => {
  let packs: string;
  let poster: string;
  beforeAll(async () => {
    packs = path.join(root.dir, 'packs');
    poster = path.join(root.dir, 'poster.jpg');
    await mkdir(packs);
    await writeFile(poster, Buffer.alloc(5000, 3));
    await writePack(packs, pack('旧活动', poster, 'c'));
  });

  it('writePack fails naming ENOSPC, removes its temporary folder, keeps the old pack byte for byte', async () => {
    const before = await treeHashes(packs);
    inject.enospc = true;
    const err = await writePack(packs, pack('新品上市', poster, 'd')).catch((e) => e).finally(() => (inject.enospc = false));
    expect(err).toMatchObject({ code: 'ENOSPC', message: expect.stringContaining('no space left on device') });
    expect((await readdir(packs)).filter((n) => n.startsWith('.'))).toEqual([]);
    expect(await treeHashes(packs)).toEqual(before);
  });

  it('a crash between moving the old pack aside and renaming the new one in: the next export puts the old pack back', async () => {
    const before = await treeHashes(packs);
    const [folder] = (await readdir(packs)).filter((n) => !n.startsWith('.'));
    const dead = 999_999; // no such pid: the crashed exporter
    await rename(path.join(packs, folder!), path.join(packs, `.old-${dead}-abc`));
    await mkdir(path.join(packs, `.tmp-${dead}-def`, 'half'), { recursive: true });
    await writeFile(path.join(packs, `.tmp-${dead}-def`, 'half', 'poster.jpg'), 'partial');
    const r = await recoverOutDir(packs);
    expect(r).toEqual({ removedTemp: [`.tmp-${dead}-def`], restored: [folder], removedOld: [] });
    expect(await treeHashes(packs)).toEqual(before);
  });
});
