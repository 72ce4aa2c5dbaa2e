import { spawn } from 'node:child_process';
import { mkdtemp, readdir, rm, stat } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import type { ExportResult } from '../../src/pack/export.js';
import { PackLocator } from '../../src/portal/packs.js';
import { initWorkspace } from '../../src/setup/init.js';
import type { Workspace } from '../../src/workspace/types.js';
import { fileSha, hiddenEntries, manifestOf, packFolders } from './helpers.js';
import { ctx } from '../helpers/session.js';

const CHILD = fileURLToPath(new URL('./kill-child.mjs', import.meta.url));
const FOLDER = 'lc007-老城口杂货铺';

async function waitFor<T>(probe: () => Promise<T | undefined>, ms: number): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined) return v;
    if (Date.now() > end) throw new Error('timed out');
    await new Promise((r) => setTimeout(r, 100));
  }
}

describe('a killed export', () => {
  let dir: string;
  let ws: Workspace;
  let out: string;
  beforeAll(async () => {
    dir = await mkdtemp(join(tmpdir(), 'shequn-kill-'));
    ws = await initWorkspace(join(dir, 'ws'), { demo: true });
    out = join(dir, 'out');
    await dispatch('export.run', { stores: ['lc007'], sizes: ['1x1'], video: false, folder: ctx(ws).services.grants.grant(out, 'export-folder') }, ctx(ws));
  }, 300_000);
  afterAll(async () => {
    await ws?.close();
    await rm(dir, { recursive: true, force: true });
  });

  it('leaves the previous pack intact and no partial pack visible; the next export cleans up', async () => {
    const old = await manifestOf(join(out, FOLDER));
    await ws.update((d) => {
      d.stores.find((s) => s.id === 'lc007')!.catchphrase = '被杀掉的导出不会留下半个包';
    });
    // The child holds its finished temporary pack before the rename, so the kill lands mid-export.
    const child = spawn(process.execPath, [CHILD, join(dir, 'ws'), out, 'lc007'], { stdio: ['ignore', 'ignore', 'pipe'] });
    let stderr = '';
    child.stderr.on('data', (c) => (stderr += c));
    const exited = new Promise<NodeJS.Signals | number | null>((r) => child.on('exit', (code, sig) => r(sig ?? code)));
    const tmp = await waitFor(async () => {
      if (child.exitCode !== null) throw new Error(`the export ended before it could be killed: ${stderr}`);
      for (const n of await hiddenEntries(out)) {
        if (n.startsWith(`.tmp-${child.pid}-`) && (await stat(join(out, n, 'manifest.json')).catch(() => undefined))) return n;
      }
      return undefined;
    }, 240_000);
    child.kill('SIGKILL');
    expect(await exited).toBe('SIGKILL');

    // The old pack is untouched, byte for byte; only a hidden temporary folder is left.
    expect(await packFolders(out)).toEqual([FOLDER]);
    const now = await manifestOf(join(out, FOLDER));
    expect(now.packKey).toBe(old.packKey);
    for (const f of old.files) expect(await fileSha(join(out, FOLDER, ...f.path.split('/')))).toBe(f.sha256);
    expect(await hiddenEntries(out)).toEqual([tmp]);
    const served = await new PackLocator(out).find(ws.data().stores.find((s) => s.id === 'lc007')!);
    expect(served?.manifest.packKey).toBe(old.packKey);

    // The next export removes the dead process's temporary folder and writes the new pack.
    const r = (await dispatch('export.run', { stores: ['lc007'], sizes: ['1x1'], video: false, folder: ctx(ws).services.grants.grant(out, 'export-folder') }, ctx(ws))) as ExportResult;
    expect(r.recovered.removedTemp).toEqual([tmp]);
    expect(r.packs).toEqual([{ store: 'lc007', folder: FOLDER, status: 'written' }]);
    expect(r.counts.rendered).toBe(0); // the killed run had already rendered into the cache
    expect(await readdir(out)).toEqual([FOLDER]);
    expect((await manifestOf(join(out, FOLDER))).packKey).not.toBe(old.packKey);
  });
});
