import { createHash } from 'node:crypto';
import { readFile } from 'node:fs/promises';
import { StoreOwnerInput, StudioError } from '../model/index.js';
import { parseOrThrow } from '../model/index.js';
import { writeFileAtomic } from '../workspace/atomic-write.js';
import type { Workspace } from '../workspace/types.js';
import { Bundle, BUNDLE_FORMAT, BUNDLE_VERSION } from './format.js';

/** Builds the bundle of an open workspace: its data and every recorded asset inlined. */
export async function makeBundle(ws: Workspace): Promise<Bundle> {
  const data = ws.data();
  const assets = [];
  for (const record of data.assets) {
    const bytes = await ws.assets.read(record.id);
    assets.push({ id: record.id, name: record.name, base64: bytes.toString('base64') });
  }
  return { format: BUNDLE_FORMAT, bundleVersion: BUNDLE_VERSION, createdAt: new Date().toISOString(), data, assets };
}

/** Writes the bundle as pretty JSON (stable key order from the data, diff-friendly in git), atomically. */
export async function writeBundle(ws: Workspace, file: string): Promise<{ assets: number; bytes: number }> {
  const bundle = await makeBundle(ws);
  const text = JSON.stringify(bundle, null, 2) + '\n';
  await writeFileAtomic(file, text);
  return { assets: bundle.assets.length, bytes: Buffer.byteLength(text) };
}

/** Reads and validates a bundle file; each asset's bytes must hash to its id. */
export async function readBundle(file: string): Promise<{ bundle: Bundle; files: { name: string; bytes: Buffer }[] }> {
  let raw: unknown;
  try {
    raw = JSON.parse(await readFile(file, 'utf8'));
  } catch (err) {
    throw new StudioError('bad_input', `${file}: not a readable JSON bundle (${(err as Error).message})`, 'file');
  }
  const bundle = parseOrThrow(Bundle, raw, file);
  assertStoresAdmissible(bundle, file);
  const files = bundle.assets.map((a, i) => {
    const bytes = Buffer.from(a.base64, 'base64');
    const sha = createHash('sha256').update(bytes).digest('hex');
    if (sha !== a.id) throw new StudioError('bad_input', `${file}: assets[${i}] (${a.name}) does not match its id (sha256 differs)`, `assets[${i}].base64`);
    return { name: a.name, bytes };
  });
  return { bundle, files };
}

/**
 * A bundle's stores pass the same door as imported and API-edited stores: no control or bidi
 * override characters in names and texts, and no two ids that differ only in letter case (they
 * would collide as pack folders on Windows and macOS).
 */
function assertStoresAdmissible(bundle: Bundle, file: string): void {
  const seen = new Map<string, number>();
  bundle.data.stores.forEach((store, i) => {
    const checked = StoreOwnerInput.safeParse(store);
    if (!checked.success) {
      const issue = checked.error.issues[0]!;
      const field = `data.stores[${i}].${issue.path.join('.')}`;
      throw new StudioError('bad_input', `${file}: ${field} (store "${store.id}"): ${issue.message}`, field);
    }
    const lower = store.id.toLowerCase();
    const twin = seen.get(lower);
    if (twin !== undefined) {
      const other = bundle.data.stores[twin]!.id;
      throw new StudioError('bad_input', `${file}: data.stores[${i}].id "${store.id}" differs from data.stores[${twin}].id "${other}" only in letter case; give one of them another id`, `data.stores[${i}].id`);
    }
    seen.set(lower, i);
  });
}
