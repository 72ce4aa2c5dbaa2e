import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it, vi } from 'vitest';

// Only main/ tests mock electron: the keychain is the OS's, reached through a fake safeStorage.
vi.mock('electron', () => ({}));

import { KEYS_FILE, setupSecrets } from '../../main/secrets';
import { dispatch } from '../../src/api/dispatcher';
import { createServices } from '../../src/api/services';
import { createWorkspace } from '../../src/workspace/index';
import { tinyStudio } from '../helpers/memory-workspace';

/** A stand-in for Electron's safeStorage: reversible, but never the plain bytes. */
function fakeSafeStorage(available = true, backend = 'gnome_libsecret') {
  const mask = (b: Buffer) => Buffer.from(b.map((x) => x ^ 0x5a));
  return {
    isEncryptionAvailable: () => available,
    getSelectedStorageBackend: () => backend,
    encryptString: (s: string) => Buffer.concat([Buffer.from('v10'), mask(Buffer.from(s, 'utf8'))]),
    decryptString: (b: Buffer) => {
      if (b.subarray(0, 3).toString() !== 'v10') throw new Error('not ours');
      return mask(b.subarray(3)).toString('utf8');
    },
  };
}

const dir = mkdtempSync(join(tmpdir(), 'shequn-secrets-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));
const SECRET = 'wJalrXUtnFEMI/K7MDENG/bPxRfiCYEXAMPLEKEY';
const TARGET = { to: 's3://packs-1250000000/brand', endpoint: 'https://cos.ap-shanghai.myqcloud.com', region: 'ap-shanghai' };

describe('publish keys on the desktop (OS keychain via safeStorage)', () => {
  it('keeps the key encrypted in the user-data folder, never in the workspace or an answer', async () => {
    const userData = join(dir, 'user-data');
    const secrets = setupSecrets(fakeSafeStorage() as never, userData, {});
    const ws = await createWorkspace(join(dir, 'ws'), tinyStudio());
    const services = createServices(ws, { secrets });
    try {
      const call = <T,>(m: string, input: unknown) => dispatch(m as never, input as never, { ws, services }) as Promise<T>;
      expect(await call('publish.settings', {})).toEqual({ credentials: { source: 'keychain', present: false } });
      const saved = await call<Record<string, unknown>>('publish.configure', { target: TARGET, credentials: { accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET } });
      expect(saved).toMatchObject({ target: TARGET, credentials: { source: 'keychain', present: true }, publicBase: 'https://cos.ap-shanghai.myqcloud.com/packs-1250000000/brand' });
      expect(JSON.stringify(saved)).not.toContain(SECRET);
      expect(await secrets.get('https://cos.ap-shanghai.myqcloud.com|packs-1250000000')).toEqual({ accessKeyId: 'AKIDEXAMPLE', secretAccessKey: SECRET });
      // On disk: encrypted, and only in the user-data folder.
      const onDisk = readFileSync(join(userData, KEYS_FILE));
      expect(onDisk.includes(Buffer.from(SECRET))).toBe(false);
      expect(onDisk.includes(Buffer.from('AKIDEXAMPLE'))).toBe(false);
      expect(readFileSync(join(ws.dir, 'publish.json'), 'utf8')).not.toContain(SECRET);
      expect(readFileSync(join(ws.dir, 'studio.json'), 'utf8')).not.toContain(SECRET);
      // Forgetting the target forgets its key.
      await call('publish.configure', { target: null });
      expect(await secrets.get('https://cos.ap-shanghai.myqcloud.com|packs-1250000000')).toBeUndefined();
    } finally {
      await services.close();
      await ws.close();
    }
  });

  it('refuses to store a key where the OS has no real keychain (says to use environment variables)', async () => {
    for (const s of [fakeSafeStorage(false), fakeSafeStorage(true, 'basic_text')]) {
      const secrets = setupSecrets(s as never, join(dir, 'no-keychain'), {});
      if (process.platform !== 'linux' && s.getSelectedStorageBackend() === 'basic_text') continue;
      await expect(secrets.set('x|y', { accessKeyId: 'a', secretAccessKey: 'b' })).rejects.toThrow(/AWS_ACCESS_KEY_ID/);
    }
  });

  it('in web mode and the CLI keys come from the environment and are never stored', async () => {
    const ws = await createWorkspace(join(dir, 'ws-web'), tinyStudio());
    const services = createServices(ws);
    try {
      await expect(dispatch('publish.configure', { target: TARGET, credentials: { accessKeyId: 'a', secretAccessKey: 'b' } }, { ws, services })).rejects.toMatchObject({ code: 'bad_input', field: 'credentials' });
      expect((await dispatch('publish.settings', {}, { ws, services })).credentials.source).toBe('environment');
    } finally {
      await services.close();
      await ws.close();
    }
  });
});
