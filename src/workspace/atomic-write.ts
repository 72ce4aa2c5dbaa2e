import { randomBytes } from 'node:crypto';
import { mkdir, rename, rm, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';

/**
 * The one way the studio writes a file it replaces: into a temporary sibling
 * (`<name>.<pid>.<random>.tmp`, same folder so the rename is atomic), then renamed over the
 * target. Readers see the old file or the whole new one, never half of it; a crash leaves at most
 * a `.tmp` file (swept by whoever owns the folder). The folder is created when missing.
 */
export async function writeFileAtomic(path: string, data: Uint8Array | string): Promise<void> {
  await mkdir(dirname(path), { recursive: true });
  const tmp = `${path}.${process.pid}.${randomBytes(4).toString('hex')}.tmp`;
  try {
    await writeFile(tmp, data);
    await rename(tmp, path);
  } catch (err) {
    await rm(tmp, { force: true });
    throw err;
  }
}
