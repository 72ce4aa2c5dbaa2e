import { execFileSync } from 'node:child_process';
import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { S3Store } from '../../src/storage/s3.js';
import type { TestS3 } from '../helpers/servers.js';

/** The demo's clock for publish tests: the spring and school posts are valid, the summer one (to 2026-10-31) has expired. */
export const CLOCK = () => new Date('2026-12-06T08:00:00Z');

/** The bucket's prefix the tests publish under (a Chinese part checks key and URL encoding). */
export const PREFIX = 'brand/春季';

/** The publish target of a test S3 server. */
export function targetOf(s3: TestS3) {
  return { to: `s3://${s3.bucket}/${PREFIX}`, endpoint: s3.endpoint, pathStyle: true };
}

/** A store on the test server's bucket (root = the bucket, to see every key). */
export function bucketOf(s3: TestS3): S3Store {
  return new S3Store({ address: `s3://${s3.bucket}`, endpoint: s3.endpoint, env: s3.env });
}

/** Every key under a store token's published root (relative to it). */
export async function keysOf(s3: TestS3, token: string): Promise<string[]> {
  const b = bucketOf(s3);
  try {
    const root = `${PREFIX}/p/${token}/`;
    return (await b.list(root)).map((o) => o.key.slice(root.length));
  } finally {
    b.close();
  }
}

/** Decodes the QR codes in image bytes with zbarimg (an independent decoder; binary mode keeps UTF-8). */
export function zbar(image: Buffer, ext: string): string[] {
  const dir = mkdtempSync(join(tmpdir(), 'shequn-zbar-'));
  try {
    const file = join(dir, `image.${ext}`);
    writeFileSync(file, image);
    return execFileSync('zbarimg', ['--raw', '-q', '-Sbinary', file], { encoding: 'utf8', stdio: ['ignore', 'pipe', 'ignore'] })
      .split('\n')
      .filter(Boolean);
  } catch {
    return [];
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

/** The `src` and `href` values of a page (entities decoded). */
export function linksOf(html: string): string[] {
  return [...html.matchAll(/\s(?:src|href)="([^"]*)"/g)].map((m) => m[1]!.replace(/&amp;/g, '&'));
}

/**
 * Checks a published page is whole: every link it has resolves over HTTP, and its manifest lists
 * the page itself with the page's sha256. Returns the page's links.
 */
export async function pageIsWhole(url: string): Promise<{ links: string[]; manifest: { files: { path: string; sha256: string }[]; published: { keys: Record<string, string> } } }> {
  const page = await fetch(url);
  if (page.status !== 200) throw new Error(`${url}: HTTP ${page.status}`);
  const html = Buffer.from(await page.arrayBuffer());
  const links = linksOf(html.toString('utf8')).filter((l) => !l.startsWith('#'));
  for (const l of links) {
    const r = await fetch(new URL(l, url));
    if (r.status !== 200) throw new Error(`${url} links ${l}: HTTP ${r.status}`);
    await r.arrayBuffer();
  }
  const manifest = (await (await fetch(new URL('manifest.json', url))).json()) as Awaited<ReturnType<typeof pageIsWhole>>['manifest'];
  const { createHash } = await import('node:crypto');
  const sha = createHash('sha256').update(html).digest('hex');
  const listed = manifest.files.find((f) => f.path === 'index.html')?.sha256;
  if (listed !== sha) throw new Error(`${url}: the manifest lists index.html ${listed}, the page is ${sha}`);
  return { links, manifest };
}
