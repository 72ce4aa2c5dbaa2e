// Finds the Electron binary, fetching it on first start when missing. Install scripts are off
// (.npmrc) so `npm install` never fails for want of GitHub; this runs electron's own installer later.
import { spawnSync } from 'node:child_process';
import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

function installed(dir) {
  try {
    const rel = readFileSync(join(dir, 'path.txt'), 'utf8');
    const bin = join(dir, 'dist', rel);
    return existsSync(bin) ? bin : null;
  } catch {
    return null;
  }
}

/** Resolves to {ok, path} or {ok: false, reason}. */
export async function ensureElectronBinary(root) {
  const dir = join(root, 'node_modules', 'electron');
  if (!existsSync(join(dir, 'package.json'))) return { ok: false, reason: 'the electron package is not installed' };
  const have = installed(dir);
  if (have) return { ok: true, path: have };
  console.log('首次启动：正在下载 Electron… First start: fetching the Electron binary…');
  const res = spawnSync(process.execPath, [join(dir, 'install.js')], { cwd: dir, stdio: ['ignore', 'ignore', 'pipe'], timeout: 180_000, env: { ...process.env, ELECTRON_SKIP_BINARY_DOWNLOAD: '' } });
  const now = installed(dir);
  if (now) return { ok: true, path: now };
  const err = String(res.stderr ?? '').split('\n').find((l) => /Error|ENOTFOUND|ECONN|ETIMEDOUT/.test(l)) ?? (res.error ? String(res.error.message) : 'download failed');
  return { ok: false, reason: `could not download it: ${err.trim().slice(0, 160)}` };
}
