import { mkdtemp, readFile, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { shequn } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';

describe('the shequn CLI end to end', () => {
  let tmp: string;
  let demo: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shequn-cli-'));
    demo = join(tmp, 'demo');
    const res = await shequn('init', demo, '--demo');
    expect(res.stderr).toBe('');
    expect(res.code).toBe(0);
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('init --demo makes the demo: 12 stores, 5 group types, 3 posts, templates, one version in review', async () => {
    const stores = JSON.parse((await shequn('list', 'stores', '-w', demo, '--json')).stdout);
    expect(stores).toHaveLength(12);
    const groups = JSON.parse((await shequn('list', 'groups', '-w', demo, '--json')).stdout);
    expect(groups.map((g: { name: string }) => g.name)).toEqual(expect.arrayContaining(['社区群', '宝妈群', '健身群', 'KOC种子群', 'VIP群']));
    const posts = JSON.parse((await shequn('list', 'posts', '-w', demo, '--json')).stdout);
    expect(posts).toHaveLength(3);
    const templates = JSON.parse((await shequn('list', 'templates', '-w', demo, '--json')).stdout);
    expect(templates.map((t: { kind: string }) => t.kind)).toEqual(expect.arrayContaining(['caption', 'poster', 'video']));
    expect(templates.some((t: { states: { state: string }[] }) => t.states.some((s) => s.state === 'in_review'))).toBe(true);
  });

  it('prints a readable table without --json', async () => {
    const res = await shequn('list', 'posts', '-w', demo);
    expect(res.code).toBe(0);
    expect(res.stdout).toMatch(/^id\s+title/);
    expect(res.stdout).toContain('新春');
  });

  it('bundle → init --from recreates the workspace exactly', async () => {
    const file = join(tmp, 'campaign.json');
    expect((await shequn('bundle', '-w', demo, '--out', file)).code).toBe(0);
    const copy = join(tmp, 'copy');
    const res = await shequn('init', copy, '--from', file);
    expect(res.code).toBe(0);
    const a = JSON.parse(await readFile(join(demo, 'studio.json'), 'utf8'));
    const b = JSON.parse(await readFile(join(copy, 'studio.json'), 'utf8'));
    expect(b).toEqual(a);
    const files = async (d: string) => (await readdir(join(d, 'assets'))).sort();
    expect(await files(copy)).toEqual(await files(demo));
    for (const f of await files(demo)) expect((await readFile(join(copy, 'assets', f))).equals(await readFile(join(demo, 'assets', f)))).toBe(true);
  });

  it('refuses a bundle whose asset does not match its id, naming it', async () => {
    const file = join(tmp, 'campaign.json');
    const bundle = JSON.parse(await readFile(file, 'utf8'));
    bundle.assets[0].base64 = Buffer.from('tampered').toString('base64');
    const bad = join(tmp, 'bad.json');
    await (await import('node:fs/promises')).writeFile(bad, JSON.stringify(bundle));
    const res = await shequn('init', join(tmp, 'bad-ws'), '--from', bad);
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/assets\[0\]/);
  });

  it('exits 2 with one line on stderr for bad usage', async () => {
    for (const args of [['list', 'things', '-w', demo], ['list', 'stores'], ['frobnicate'], ['list', 'stores', '-w', demo, '--bogus']]) {
      const res = await shequn(...args);
      expect(res.code, args.join(' ')).toBe(2);
      expect(res.stderr.trim().split('\n')).toHaveLength(1);
    }
  });

  it('refuses to init over an existing workspace', async () => {
    const res = await shequn('init', demo, '--demo');
    expect(res.code).toBe(2);
    expect(res.stderr).toMatch(/already exists/);
  });

  it('keeps docs/bundle.schema.json in sync with the model', async () => {
    const { bundleJsonSchema } = await import('../../src/bundle/format.js');
    const committed = JSON.parse(await readFile(join(__dirname, '..', '..', 'docs', 'bundle.schema.json'), 'utf8'));
    expect(committed).toEqual(JSON.parse(JSON.stringify(bundleJsonSchema())));
  });
});
