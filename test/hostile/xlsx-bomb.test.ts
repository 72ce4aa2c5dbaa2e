/**
 * Issue 15 point 2: an XLSX decompression bomb. A 1.2 MB workbook whose shared strings inflate to
 * 1.2 GB (built here, see zip-bomb.ts) is refused naming the file — by the core, by the CLI (exit 2)
 * and by the server (400 bad_input) — with the peak memory of each process under 700 MB. So is the
 * same bomb whose central directory lies about the size, and a sheet spanning 17 billion cells.
 */
import { spawn } from 'node:child_process';
import { readFileSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import path from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { folderAvatars, importStores } from '../../src/workspace/import/index.js';
import { MAX_IMPORT_ROWS } from '../../src/workspace/import/import-stores.js';
import { createWorkspace, openWorkspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';
import { rssMB, savedState, tempDir } from './helpers.js';
import { xlsxBomb, xlsxFarCells, xlsxStores } from './zip-bomb.js';

const PEAK_LIMIT_MB = 700;
let root: { dir: string; cleanup: () => Promise<void> };
let wsDir: string;
let bomb: string;

beforeAll(async () => {
  root = await tempDir('xlsx-bomb');
  wsDir = path.join(root.dir, 'ws');
  await (await createWorkspace(wsDir, minimalStudio())).close();
  bomb = path.join(root.dir, 'bomb.xlsx');
  await writeFile(bomb, xlsxBomb());
});
afterAll(() => root?.cleanup());

/** Peak resident memory (VmHWM) of a live process, MB (Linux). */
function peakMB(pid: number): number {
  const m = /VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, 'utf8'));
  return m ? Number(m[1]) / 1024 : 0;
}

/** Samples RSS every 10 ms while `fn` runs; returns the result and the peak growth in MB. */
async function peakGrowth<T>(fn: () => Promise<T>): Promise<{ result: T; growthMB: number }> {
  const start = rssMB();
  let peak = start;
  const timer = setInterval(() => (peak = Math.max(peak, rssMB())), 10);
  try {
    const result = await fn();
    return { result, growthMB: Math.max(peak, rssMB()) - start };
  } finally {
    clearInterval(timer);
  }
}

describe('the core refuses a decompression bomb while it streams', () => {
  it('the bomb is 1.2 MB and inflates to 1.2 GB (the fixture is what the issue describes)', () => {
    const bytes = readFileSync(bomb);
    expect(bytes.length).toBeLessThan(1.5 * 1048576);
    // The shared strings' central directory entry: uncompressed size at offset 24.
    const name = Buffer.from('xl/sharedStrings.xml');
    const at = bytes.lastIndexOf(Buffer.from([0x50, 0x4b, 0x01, 0x02])); // the last central directory entry
    expect(at).toBeGreaterThan(0);
    expect(bytes.subarray(at + 46, at + 46 + name.length).equals(name)).toBe(true);
    expect(bytes.readUInt32LE(at + 24)).toBeGreaterThan(1200 * 1e6);
  });

  it.each([
    ['honest sizes', false],
    ['sizes that lie (the central directory claims 4 KB)', true],
  ])('%s: bad_input naming the file and the part, memory flat, nothing saved', async (_name, lie) => {
    const file = path.join(root.dir, lie ? 'liar.xlsx' : 'honest.xlsx');
    await writeFile(file, xlsxBomb(1200 * 1048576, { lie }));
    const ws = await openWorkspace(wsDir);
    try {
      const before = await savedState(ws);
      const { result: err, growthMB } = await peakGrowth(() => importStores(ws, { path: file }, folderAvatars(root.dir)).catch((e) => e));
      expect(err).toMatchObject({ code: 'bad_input', field: 'file' });
      expect(err.message).toContain(path.basename(file));
      expect(err.message).toContain('xl/sharedStrings.xml');
      expect(err.message).toMatch(/zip bomb/);
      expect(growthMB).toBeLessThan(200);
      expect(await savedState(ws)).toEqual(before);
    } finally {
      await ws.close();
    }
  });

  it('uploaded bytes (stores.importData path) are bounded the same way', async () => {
    const ws = await openWorkspace(wsDir);
    try {
      const err = await importStores(ws, { name: 'up.xlsx', bytes: readFileSync(bomb) }, folderAvatars(root.dir), { dryRun: true }).catch((e) => e);
      expect(err).toMatchObject({ code: 'bad_input', field: 'file', message: expect.stringContaining('up.xlsx') });
    } finally {
      await ws.close();
    }
  });

  it('a sheet whose two cells are A1 and XFD1048576 is refused before the reader fills the gaps', async () => {
    const file = path.join(root.dir, 'far.xlsx');
    await writeFile(file, xlsxFarCells());
    const ws = await openWorkspace(wsDir);
    try {
      const { result: err, growthMB } = await peakGrowth(() => importStores(ws, { path: file }, folderAvatars(root.dir), { dryRun: true }).catch((e) => e));
      expect(err).toMatchObject({ code: 'bad_input', field: 'file' });
      expect(err.message).toMatch(/far\.xlsx: sheet1\.xml spans 1048576 rows × 16384 columns/);
      expect(growthMB).toBeLessThan(200);
    } finally {
      await ws.close();
    }
  });

  it('a table of more than 50,000 rows is refused naming the file (the cap that keeps any import under 700 MB)', async () => {
    const rows = Array.from({ length: MAX_IMPORT_ROWS + 1 }, (_, i) => `R${i},店${i},主${i}`);
    const ws = await openWorkspace(wsDir);
    try {
      const err = await importStores(ws, { name: 'many.csv', bytes: Buffer.from(`store_id,store_name,owner_name\n${rows.join('\n')}\n`) }, folderAvatars(root.dir), { dryRun: true }).catch((e) => e);
      expect(err).toMatchObject({ code: 'bad_input', field: 'file', message: `many.csv has more than ${MAX_IMPORT_ROWS} store rows; split it into several files and import them one after another` });
    } finally {
      await ws.close();
    }
  });

  it('a plain workbook from the same writer still imports (the bounds are not in the way)', async () => {
    const file = path.join(root.dir, 'ok.xlsx');
    await writeFile(file, xlsxStores([['门店编号', '门店名称', '店主'], ['Z9', '好店', '王']]));
    const ws = await openWorkspace(wsDir);
    try {
      const r = await importStores(ws, { path: file }, folderAvatars(root.dir), { dryRun: true });
      expect(r.errors).toEqual([]);
      expect(r.preview.map((p) => p.store.id)).toEqual(['Z9']);
    } finally {
      await ws.close();
    }
  });
});

/** Runs a child to its end, sampling its peak memory; resolves with exit code, output and peak MB. */
function runChild(args: string[]): Promise<{ code: number | null; stdout: string; stderr: string; peak: number }> {
  return new Promise((resolve, reject) => {
    const child = spawn(process.execPath, args, { stdio: ['ignore', 'pipe', 'pipe'] });
    let stdout = '';
    let stderr = '';
    let peak = 0;
    const timer = setInterval(() => {
      try {
        peak = Math.max(peak, peakMB(child.pid!));
      } catch {
        // exited between samples
      }
    }, 10);
    child.stdout.on('data', (d) => (stdout += d));
    child.stderr.on('data', (d) => (stderr += d));
    child.on('error', reject);
    child.on('exit', (code) => {
      clearInterval(timer);
      resolve({ code, stdout, stderr, peak });
    });
  });
}

describe('the shells stay under 700 MB on the bomb', () => {
  it('shequn import stores bomb.xlsx: exit 2, one line naming the file', async () => {
    const r = await runChild(['bin/shequn.mjs', 'import', 'stores', bomb, '-w', wsDir, '--dry-run']);
    console.log(`CLI peak RSS on the 1.2 GB bomb: ${r.peak.toFixed(0)} MB`);
    expect(r.code).toBe(2);
    expect(r.stderr).toMatch(/^shequn: .*bomb\.xlsx: xl\/sharedStrings\.xml unpacks to/);
    expect(r.stderr.trim().split('\n')).toHaveLength(1);
    expect(r.peak).toBeGreaterThan(0);
    expect(r.peak).toBeLessThan(PEAK_LIMIT_MB);
  }, 60_000);

  it('shequn serve: stores.importData of the bomb is a 400 bad_input naming it; the server stays under 700 MB', async () => {
    const child = spawn(process.execPath, ['bin/shequn.mjs', 'serve', '-w', wsDir, '--port', '0'], { stdio: ['ignore', 'pipe', 'pipe'] });
    try {
      let out = '';
      const url = await new Promise<string>((resolve, reject) => {
        child.stdout.on('data', (d) => {
          out += d;
          const m = /open: (http:\/\/[^/\s]+)\/#token=(\S+)/.exec(out);
          if (m) resolve(`${m[1]}|${m[2]}`);
        });
        child.on('exit', (code) => reject(new Error(`serve exited ${code}: ${out}`)));
      });
      const [base, token] = url.split('|') as [string, string];
      const body = JSON.stringify({ name: 'bomb.xlsx', base64: readFileSync(bomb).toString('base64'), dryRun: true });
      const res = await fetch(`${base}/api/stores.importData`, { method: 'POST', headers: { 'content-type': 'application/json', authorization: `Bearer ${token}` }, body });
      const json = (await res.json()) as { error: { code: string; message: string; field: string } };
      const peak = peakMB(child.pid!);
      console.log(`server peak RSS on the 1.2 GB bomb: ${peak.toFixed(0)} MB`);
      expect(res.status).toBe(400);
      expect(json.error).toMatchObject({ code: 'bad_input', field: 'file', message: expect.stringContaining('bomb.xlsx: xl/sharedStrings.xml unpacks to') });
      expect(peak).toBeLessThan(PEAK_LIMIT_MB);
    } finally {
      child.kill('SIGTERM');
      await new Promise((r) => child.once('exit', r));
    }
  }, 60_000);
});
