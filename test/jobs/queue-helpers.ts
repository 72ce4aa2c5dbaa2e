import { readdir, readFile, rm } from 'node:fs/promises';
import { join, relative } from 'node:path';
import { createHash } from 'node:crypto';
import type { Workspace } from '../../src/workspace/types.js';

/** Every file under `dir` (relative path → sha256), hidden files included: two equal maps are byte-identical trees. */
export async function treeDigest(dir: string): Promise<Record<string, string>> {
  const out: Record<string, string> = {};
  const walk = async (d: string): Promise<void> => {
    for (const e of await readdir(d, { withFileTypes: true })) {
      const p = join(d, e.name);
      if (e.isDirectory()) await walk(p);
      else out[relative(dir, p)] = createHash('sha256').update(await readFile(p)).digest('hex');
    }
  };
  await walk(dir);
  return out;
}

/** Removes every rendered output from the workspace's render cache (keeps base layers and staged inputs), so the next export renders all again. */
export async function clearRenderedOutputs(ws: Workspace): Promise<void> {
  const dir = join(ws.paths.renders, 'cache');
  for (const name of await readdir(dir).catch(() => [] as string[])) {
    if (/^[0-9a-f]{2}$/.test(name)) await rm(join(dir, name), { recursive: true, force: true });
  }
}

/** Polls `probe` every 100 ms until it returns a value (bounded by `ms`). */
export async function waitFor<T>(probe: () => T | undefined | Promise<T | undefined>, ms: number, what: string): Promise<T> {
  const end = Date.now() + ms;
  for (;;) {
    const v = await probe();
    if (v !== undefined && v !== false) return v;
    if (Date.now() > end) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 100));
  }
}
