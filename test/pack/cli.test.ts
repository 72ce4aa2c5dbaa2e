import { spawnSync } from 'node:child_process';
import { existsSync, mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openWorkspace } from '../../src/workspace/index.js';

const BIN = fileURLToPath(new URL('../../bin/shequn.mjs', import.meta.url));
const shequn = (...args: string[]) => {
  const r = spawnSync(process.execPath, [BIN, ...args], { encoding: 'utf8', timeout: 240_000 });
  return { code: r.status, out: r.stdout, err: r.stderr };
};

describe('shequn export and shequn portal', () => {
  let dir: string;
  let ws: string;
  beforeAll(() => {
    dir = mkdtempSync(join(tmpdir(), 'shequn-pack-cli-'));
    ws = join(dir, 'ws');
    expect(shequn('init', ws, '--demo').code).toBe(0);
  }, 120_000);
  afterAll(() => rmSync(dir, { recursive: true, force: true }));

  it('lists portal links as JSON with exactly store, storeName and url; rotate replaces one', () => {
    const r = shequn('portal', 'links', '-w', ws, '--host', '192.168.0.8', '--port', '8080', '--json');
    expect(r.code).toBe(0);
    const links = JSON.parse(r.out) as { store: string; storeName: string; url: string }[];
    expect(links).toHaveLength(11); // active stores
    for (const l of links) {
      expect(Object.keys(l)).toEqual(['store', 'storeName', 'url']);
      expect(l.url).toMatch(/^http:\/\/192\.168\.0\.8:8080\/p\/[A-Za-z0-9_-]{24}$/);
    }
    const before = links.find((l) => l.store === 'lc002')!.url;
    const rot = shequn('portal', 'rotate', '-w', ws, '--store', 'lc002', '--host', '192.168.0.8', '--port', '8080');
    expect(rot.code).toBe(0);
    const after = (JSON.parse(shequn('portal', 'links', '-w', ws, '--host', '192.168.0.8', '--port', '8080', '--json').out) as typeof links).find((l) => l.store === 'lc002')!.url;
    expect(after).not.toBe(before);
    expect(rot.out).toContain(after);
    expect(shequn('portal', 'rotate', '-w', ws, '--store', 'nope').code).toBe(2);
  }, 240_000);

  it('lists links read-only while the studio holds the workspace open', async () => {
    const open = await openWorkspace(ws);
    try {
      const r = shequn('portal', 'links', '-w', ws, '--json');
      expect(r.code, r.err).toBe(0);
      expect(JSON.parse(r.out)).toHaveLength(11);
      expect(r.err).toContain('notice:');
      expect(shequn('portal', 'rotate', '-w', ws, '--store', 'lc002').code).toBe(2); // writing needs the lock
    } finally {
      await open.close();
    }
  }, 120_000);

  it('refuses bad usage with one line and exit code 2', () => {
    const size = shequn('export', '-w', ws, '--size', '7x7', '--out', join(dir, 'x'));
    expect(size.code).toBe(2);
    expect(size.err.trim().split('\n')).toHaveLength(1);
    const post = shequn('export', '-w', ws, '--post', 'nope', '--out', join(dir, 'x'));
    expect(post.code).toBe(2);
    expect(post.err).toContain('unknown post: "nope"');
  }, 120_000);

  it('keeps "export stores" (CSV of store owners) working', () => {
    const r = shequn('export', 'stores', '-w', ws, '--out', join(dir, 'stores.csv'));
    expect(r.code).toBe(0);
    expect(readFileSync(join(dir, 'stores.csv'), 'utf8')).toContain('lc002');
  }, 120_000);

  it('exports packs with progress on stderr and a rendered/reused summary', () => {
    const out = join(dir, 'packs');
    const args = ['export', '-w', ws, '--post', 'spring-gift', '--store', 'lc007', '--size', '1x1', '--no-video', '--zip', '--out', out];
    const r = shequn(...args);
    expect(r.code, r.err).toBe(0);
    expect(r.err).toMatch(/\[\d+\/\d+\]/);
    expect(r.err).toContain('outputs: rendered 2, reused 0, failed 0');
    expect(existsSync(join(out, 'lc007-老城口杂货铺', 'index.html'))).toBe(true);
    expect(existsSync(join(out, 'lc007-老城口杂货铺.zip'))).toBe(true);
    const again = shequn(...args);
    expect(again.err).toContain('0 written, 1 unchanged, 0 failed');
    expect(again.err).toContain('outputs: rendered 0, reused 2, failed 0');
  }, 480_000);
});
