import { execFile } from 'node:child_process';
import { appendFile, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { runCli } from '../../src/cli/main.js';
import { assetId, createWorkspace, openWorkspace, type Workspace } from '../../src/workspace/index.js';
import { minimalStudio } from '../helpers/studio.js';
import { ctx as callCtx } from '../helpers/session.js';

const run = promisify(execFile);
const FIX = path.resolve('test/fixtures/import');
let dir: string;
let wsDir: string;

beforeEach(async () => {
  dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-io-'));
  wsDir = path.join(dir, 'ws');
  await (await createWorkspace(wsDir, minimalStudio())).close();
});
afterEach(async () => {
  vi.restoreAllMocks();
  await rm(dir, { recursive: true, force: true });
});

/** Runs the CLI in this process, capturing stdout and stderr. */
async function cli(...argv: string[]) {
  let out = '';
  let err = '';
  vi.spyOn(process.stdout, 'write').mockImplementation((s) => ((out += String(s)), true));
  vi.spyOn(process.stderr, 'write').mockImplementation((s) => ((err += String(s)), true));
  try {
    const code = await runCli(argv);
    return { code, out, err };
  } finally {
    vi.restoreAllMocks();
  }
}

describe('stores import/export through the api contract', () => {
  let ws: Workspace;
  beforeEach(async () => {
    ws = await openWorkspace(wsDir);
  });
  afterEach(async () => {
    await ws.close();
  });
  const ctx = (w = ws) => callCtx(w, { user: { id: 'test', role: 'editor' as const } });
  /** What a shell does with the file the user picked: a one-time grant the core resolves. */
  const grant = (file: string, w = ws) => ctx(w).services.grants.grant(file, 'import-file');

  it('stores.import reads a file, reports progress, and stores avatars next to it', async () => {
    const progress: number[] = [];
    const r = await dispatch('stores.import', { grant: grant(path.join(FIX, 'stores.xlsx')) }, { ...ctx(), onProgress: (p) => progress.push(p.done) });
    expect(r).toMatchObject({ file: 'stores.xlsx', format: 'xlsx', created: 2, updated: 1, saved: true });
    expect(progress.length).toBeGreaterThan(0);
    const png = await readFile(path.join(FIX, 'avatars/wang.png'));
    expect(ws.data().stores[0]!.avatar).toBe(assetId(png));
  });

  it('stores.importData takes the table and its avatars as base64 (browser upload)', async () => {
    const table = await readFile(path.join(FIX, 'stores-utf8.csv'));
    const png = await readFile(path.join(FIX, 'avatars/wang.png'));
    const input = { name: 'stores-utf8.csv', base64: table.toString('base64'), files: [{ path: 'avatars/wang.png', base64: png.toString('base64') }] };
    const preview = await dispatch('stores.importData', { ...input, dryRun: true }, ctx());
    expect(preview).toMatchObject({ saved: false, dryRun: true, created: 2, updated: 1, errors: [] });
    expect(ws.data().stores).toHaveLength(2);
    const done = await dispatch('stores.importData', input, ctx());
    expect(done.saved).toBe(true);
    expect(ws.data().stores).toHaveLength(4);
    await expect(dispatch('stores.importData', { name: 'x.csv', base64: '%%%not base64' }, ctx())).rejects.toMatchObject({ code: 'bad_input', field: 'base64' });
    await expect(dispatch('stores.import', { grant: grant(path.join(dir, 'missing.csv')) }, ctx())).rejects.toMatchObject({ code: 'not_found', message: 'missing.csv does not exist' });
  });

  it('stores.import imports only the file that was checked: a change after the dry run is refused, nothing saved; a saved import ends the grant', async () => {
    const file = path.join(dir, 'stores.csv');
    await writeFile(file, await readFile(path.join(FIX, 'stores-utf8.csv')));
    const g = grant(file);
    const checked = await dispatch('stores.import', { grant: g, dryRun: true }, ctx());
    expect(checked.sha256).toMatch(/^[0-9a-f]{64}$/);
    await appendFile(file, 'zz99,后来加的店,某人,,,社区群\n');
    await expect(dispatch('stores.import', { grant: g, sha256: checked.sha256 }, ctx())).rejects.toMatchObject({ code: 'conflict', field: 'grant' });
    expect(ws.data().stores).toHaveLength(2);
    const again = await dispatch('stores.import', { grant: g, dryRun: true }, ctx());
    const done = await dispatch('stores.import', { grant: g, sha256: again.sha256, skipInvalid: true }, ctx());
    expect(done.saved).toBe(true);
    await expect(dispatch('stores.import', { grant: g, dryRun: true }, ctx())).rejects.toMatchObject({ code: 'forbidden', field: 'grant' });
  });

  it('stores.exportCsvData is what the CLI writes and the server serves', async () => {
    const data = await dispatch('stores.exportCsvData', {}, ctx());
    expect(data.count).toBe(2);
    expect(Buffer.from(data.base64, 'base64').toString('utf8').startsWith('\uFEFF门店编号,门店名称')).toBe(true);
  });

  it('a read-only workspace refuses imports', async () => {
    const ro = await openWorkspace(wsDir, { readOnly: true });
    await expect(dispatch('stores.import', { grant: grant(path.join(FIX, 'stores-utf8.csv'), ro) }, ctx(ro))).rejects.toMatchObject({ code: 'read_only' });
    await ro.close();
  });
});

describe('shequn import / export stores', () => {
  it('import stores FILE -w DIR --json, as a real child process', async () => {
    const { stdout } = await run(process.execPath, ['bin/shequn.mjs', 'import', 'stores', path.join(FIX, 'stores-gbk.csv'), '-w', wsDir, '--json']);
    expect(JSON.parse(stdout)).toMatchObject({ encoding: 'gb18030', created: 2, updated: 1, saved: true });
  });

  it('a bad row: exit 2, one line on stderr, nothing imported; --skip-invalid imports the rest', async () => {
    const bad = await cli('import', 'stores', path.join(FIX, 'stores-bad.csv'), '-w', wsDir);
    expect(bad.code).toBe(2);
    expect(bad.err.trim().split('\n')).toHaveLength(1);
    // Bilingual: the English message, then the Chinese one from its code.
    expect(bad.err).toContain('4 bad rows (first: row 3, 云店链接: must start with http:// or https:// / 不是链接：请填写以 http:// 或 https:// 开头的网址); nothing imported');
    expect(bad.out).toContain('error: row 4, 社群类型: unknown group type "健身群"');
    const skip = await cli('import', 'stores', path.join(FIX, 'stores-bad.csv'), '-w', wsDir, '--skip-invalid');
    expect(skip.code).toBe(0);
    expect(skip.out).toContain('imported: 1 new');
  });

  it('export stores -w DIR --out FILE writes the CSV; plain export goes to pack export', async () => {
    const out = path.join(dir, 'stores.csv');
    const r = await cli('export', 'stores', '-w', wsDir, '--out', out);
    expect(r).toMatchObject({ code: 0, out: `wrote ${out} (2 stores, UTF-8 with BOM)\n` });
    expect((await readFile(out, 'utf8')).startsWith('\uFEFF门店编号,门店名称')).toBe(true);
    const packs = await cli('export', '-w', wsDir, '--out', path.join(dir, 'packs'));
    expect(packs.err).not.toContain('not available');
    expect(packs.err).not.toContain('unexpected argument');
    const usage = await cli('import', 'things', 'x.csv', '-w', wsDir);
    expect(usage).toMatchObject({ code: 2, err: expect.stringContaining('import what?') });
  });
});
