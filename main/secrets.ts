import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import type { SafeStorage } from 'electron';
import type { PublishSecrets, S3Credentials } from '../src/api/services';
import { StudioError } from '../src/model/index';
import { writeFileAtomic } from '../src/workspace/atomic-write';

/** The file (in the app's user-data folder, never in a workspace) holding the keychain-encrypted keys. */
export const KEYS_FILE = 'publish-keys.bin';

/**
 * The desktop's publish keys: encrypted with the OS keychain through Electron's safeStorage
 * (Keychain on macOS, DPAPI on Windows, the Secret Service / kwallet on Linux) and kept in the
 * user-data folder, one entry per target (`endpoint|bucket`). Where the OS offers no real
 * keychain (safeStorage unavailable, or Linux's plain-text fallback) nothing is stored and the
 * user is told to use environment variables instead. Without a stored key the environment is used.
 */
export function setupSecrets(safeStorage: SafeStorage, userDataDir: string, env: NodeJS.ProcessEnv = process.env): PublishSecrets {
  const file = join(userDataDir, KEYS_FILE);
  const usable = () => safeStorage.isEncryptionAvailable() && !(process.platform === 'linux' && safeStorage.getSelectedStorageBackend?.() === 'basic_text');
  const load = async (): Promise<Record<string, S3Credentials>> => {
    let bytes: Buffer;
    try {
      bytes = await readFile(file);
    } catch {
      return {};
    }
    if (!usable()) return {};
    try {
      return JSON.parse(safeStorage.decryptString(bytes)) as Record<string, S3Credentials>;
    } catch {
      return {}; // another user's or machine's keychain: as if nothing were stored
    }
  };
  return {
    source: 'keychain',
    get: async (name) => (await load())[name],
    has: async (name) => !!(await load())[name] || !!((env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || env.AWS_PROFILE),
    async set(name, credentials) {
      if (!usable()) {
        throw new StudioError('bad_input', '系统钥匙串不可用，密钥无法安全保存：请在启动工作室前设置环境变量 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY / the OS keychain is not available, so the key cannot be stored safely: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY before starting the studio', 'credentials');
      }
      const all = await load();
      if (credentials) all[name] = { accessKeyId: credentials.accessKeyId, secretAccessKey: credentials.secretAccessKey };
      else delete all[name];
      await writeFileAtomic(file, safeStorage.encryptString(JSON.stringify(all)));
    },
  };
}
