import { mkdtemp, readdir, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import sharp from 'sharp';
import { shequn } from '../helpers/cli.js';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { zbarDecode } from './helpers.js';

describe('shequn render', () => {
  let tmp: string;
  let ws: string;
  beforeAll(async () => {
    tmp = await mkdtemp(join(tmpdir(), 'shequn-render-cli-'));
    ws = join(tmp, 'ws');
    expect((await shequn('init', ws, '--demo')).code).toBe(0);
  });
  afterAll(() => rm(tmp, { recursive: true, force: true }));

  it('writes one file per variant and size, named post__group__store__size, each with the store\'s link in its QR', async () => {
    const out = join(tmp, 'out');
    const res = await shequn('render', '-w', ws, '--post', 'spring-gift', '--store', 'lc001', '--size', '1x1,9x16', '--out', out);
    expect(res.code, res.stderr).toBe(0);
    const files = (await readdir(out)).sort();
    expect(files).toEqual(['spring-gift__community__lc001__1x1.jpg', 'spring-gift__community__lc001__9x16.jpg', 'spring-gift__vip__lc001__1x1.jpg', 'spring-gift__vip__lc001__9x16.jpg']);
    expect(res.stdout.trim().split('\n').sort()).toEqual(files.map((f) => join(out, f)));
    const meta = await sharp(join(out, files[1]!)).metadata();
    expect([meta.width, meta.height]).toEqual([1080, 1920]);
    const links = zbarDecode(await sharp(join(out, files[3]!)).toBuffer());
    expect(links).toHaveLength(1);
    expect(links[0]).toMatch(/sq_post=spring-gift&sq_group=vip&sq_store=lc001/);
  });

  it('refuses bad usage with one line and exit code 2', async () => {
    const size = await shequn('render', '-w', ws, '--post', 'spring-gift', '--size', '2x3', '--out', join(tmp, 'x'));
    expect([size.code, size.stderr.trim()]).toEqual([2, 'shequn: --size: "2x3" is not one of 9x16, 1x1, 3x4']);
    const format = await shequn('render', '-w', ws, '--post', 'spring-gift', '--format', 'gif', '--out', join(tmp, 'x'));
    expect([format.code, format.stderr.trim()]).toEqual([2, 'shequn: --format: "gif" is not one of jpg, png, webp']);
    const post = await shequn('render', '-w', ws, '--post', 'nope', '--out', join(tmp, 'x'));
    expect(post.code).toBe(2);
    expect(post.stderr).toMatch(/post "nope" not found/);
  });
});
