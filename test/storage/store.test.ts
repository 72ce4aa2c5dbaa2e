import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { parseStorageAddress } from '../../src/storage/address.js';
import { FolderStore } from '../../src/storage/folder.js';
import { S3Store } from '../../src/storage/s3.js';
import type { ObjectStore } from '../../src/storage/store.js';
import { startS3, type TestS3 } from '../helpers/servers.js';

let s3: TestS3;
let dir: string;
beforeAll(async () => {
  s3 = await startS3();
  dir = await mkdtemp(join(tmpdir(), 'shequn-store-'));
});
afterAll(async () => {
  await s3?.stop();
  await rm(dir, { recursive: true, force: true });
});

const stores: [string, () => ObjectStore][] = [
  ['S3 (s3rver on loopback)', () => new S3Store({ address: `s3://${s3.bucket}/studio/测试`, endpoint: s3.endpoint, env: s3.env })],
  ['folder', () => new FolderStore(join(dir, 'folder'))],
];

describe.each(stores)('object store: %s', (name, make) => {
  it('puts, heads, gets, lists and deletes objects with UTF-8 keys', async () => {
    const store = make();
    try {
      const body = Buffer.from('海报 poster bytes');
      await store.put('renders/cache/ab/ab12.jpg', body, { contentType: 'image/jpeg', metadata: { sha256: 'ab12', name: '老王的店' } });
      await store.put('assets/门店/头像.png', Buffer.from([1, 2, 3]), { contentType: 'image/png' });
      expect((await store.get('renders/cache/ab/ab12.jpg'))!.equals(body)).toBe(true);
      const head = await store.head('renders/cache/ab/ab12.jpg');
      expect(head?.size).toBe(body.length);
      if (name.startsWith('S3')) {
        expect(head?.contentType).toBe('image/jpeg');
        expect(head?.metadata).toEqual({ sha256: 'ab12', name: '老王的店' });
      }
      expect(await store.head('renders/cache/ab/missing.jpg')).toBeUndefined();
      expect(await store.get('renders/cache/ab/missing.jpg')).toBeUndefined();
      expect((await store.list('renders/')).map((o) => o.key)).toEqual(['renders/cache/ab/ab12.jpg']);
      expect((await store.list('assets/')).map((o) => [o.key, o.size])).toEqual([['assets/门店/头像.png', 3]]);
      await store.delete('renders/cache/ab/ab12.jpg');
      await store.delete('renders/cache/ab/ab12.jpg'); // twice: nothing to delete is fine
      expect(await store.head('renders/cache/ab/ab12.jpg')).toBeUndefined();
    } finally {
      store.close();
    }
  });

  it('refuses keys that leave the root', async () => {
    const store = make();
    try {
      for (const key of ['../x', '/abs', 'a//b', 'a\\b', '']) await expect(store.put(key, Buffer.from('x'))).rejects.toThrow(/not a valid object key/);
    } finally {
      store.close();
    }
  });
});

describe('S3 errors say what to do', () => {
  it('names a bad address, a missing bucket and an unreachable endpoint', async () => {
    expect(() => parseStorageAddress('http://bucket/x')).toThrow(/s3:\/\/BUCKET\/PREFIX/);
    expect(() => parseStorageAddress('s3://B_ad/x')).toThrow(/not a bucket name/);
    expect(parseStorageAddress('s3://shequn-test/a/b/')).toEqual({ bucket: 'shequn-test', prefix: 'a/b' });
    const nobucket = new S3Store({ address: 's3://no-such-bucket/x', endpoint: s3.endpoint, env: s3.env });
    await expect(nobucket.put('k', Buffer.from('x'))).rejects.toThrow(/bucket "no-such-bucket" does not exist/);
    nobucket.close();
    const down = new S3Store({ address: 's3://shequn-test/x', endpoint: 'http://127.0.0.1:1', env: s3.env });
    await expect(down.put('k', Buffer.from('x'))).rejects.toThrow(/cannot reach the storage endpoint/);
    down.close();
  });
});
