import { randomBytes } from 'node:crypto';
import { readdir, rename, rm, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { processAlive } from '../workspace/index.js';
import { readManifest } from './manifest.js';

/**
 * Atomic pack replacement. A pack is built in `.tmp-<pid>-<rand>` inside the output folder, then:
 * the old pack (if any) is renamed to `.old-<pid>-<rand>`, the new one renamed into place, the old
 * one removed. Directory renames cannot replace a non-empty directory on any system, so this order
 * is the Windows-safe one. A crash between the two renames leaves the old pack under `.old-…`:
 * `recoverOutDir` (run at the start of every export) puts it back. Dot-names are hidden from the
 * portal and from file listings, so a partial pack is never visible under a pack's name.
 */

/** Prefix of a pack (or zip) being built. */
export const TMP_PREFIX = '.tmp-';
/** Prefix of a pack moved aside during replacement. */
export const OLD_PREFIX = '.old-';

/** A fresh temporary name (in the output folder) owned by this process. */
export function tempName(ext = ''): string {
  return `${TMP_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}${ext}`;
}

function ownerPid(name: string): number | undefined {
  const m = /^\.(?:tmp|old)-(\d+)-/.exec(name);
  return m ? Number(m[1]) : undefined;
}

const exists = (p: string) => stat(p).then(() => true, () => false);

/** Replaces `<outDir>/<folder>` with the finished pack at `tmpDir` (see the module comment). */
export async function swapIntoPlace(outDir: string, tmpDir: string, folder: string): Promise<void> {
  const final = join(outDir, folder);
  let aside: string | undefined;
  if (await exists(final)) {
    aside = join(outDir, `${OLD_PREFIX}${process.pid}-${randomBytes(6).toString('hex')}`);
    await rename(final, aside);
  }
  try {
    await rename(tmpDir, final);
  } catch (err) {
    if (aside) await rename(aside, final).catch(() => undefined);
    throw err;
  }
  if (aside) await rm(aside, { recursive: true, force: true });
}

/** What recoverOutDir did. */
export interface Recovery {
  removedTemp: string[];
  restored: string[];
  removedOld: string[];
}

/**
 * Cleans up after an export that crashed or was killed: removes temporary packs and zips whose
 * process is gone (or is this one), and puts back a pack left moved aside when its place is empty.
 */
export async function recoverOutDir(outDir: string): Promise<Recovery> {
  const out: Recovery = { removedTemp: [], restored: [], removedOld: [] };
  let names: string[];
  try {
    names = await readdir(outDir);
  } catch {
    return out;
  }
  for (const name of names) {
    const pid = ownerPid(name);
    if (pid === undefined || (pid !== process.pid && processAlive(pid))) continue;
    const path = join(outDir, name);
    if (name.startsWith(TMP_PREFIX)) {
      await rm(path, { recursive: true, force: true });
      out.removedTemp.push(name);
      continue;
    }
    const m = await readManifest(path);
    if (m?.folder && !(await exists(join(outDir, m.folder)))) {
      await rename(path, join(outDir, m.folder));
      out.restored.push(m.folder);
    } else {
      await rm(path, { recursive: true, force: true });
      out.removedOld.push(name);
    }
  }
  return out;
}
