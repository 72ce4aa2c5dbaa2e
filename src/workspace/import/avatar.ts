import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError } from '../../model/index.js';

/** Largest avatar image accepted. */
export const MAX_AVATAR_BYTES = 10 * 1024 * 1024;

/** Resolves the avatar paths written in a table to image bytes; throws an Error whose message is the reason. */
export interface AvatarSource {
  read(relPath: string): Promise<{ name: string; bytes: Buffer }>;
}

/**
 * Checks an avatar path as written in a cell and returns its normalised relative form
 * (`photos/wang.png`). Refuses URLs, absolute and drive paths, `..` segments and NUL.
 */
export function checkRelativePath(written: string): string {
  const p = written.trim();
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) throw new Error(`"${p}" is a URL; give the path of an image file next to the table`);
  if (p.includes('\0')) throw new Error('the path contains a NUL character');
  if (/^[a-zA-Z]:/.test(p)) throw new Error(`"${p}" is a drive path; give a path relative to the table's folder`);
  if (p.startsWith('/') || p.startsWith('\\') || path.isAbsolute(p)) throw new Error(`"${p}" is an absolute path; give a path relative to the table's folder`);
  const segments = p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw new Error(`"${p}" leaves the table's folder (".." is not allowed)`);
  if (!segments.length) throw new Error(`"${p}" is not a file path`);
  return segments.join('/');
}

const inside = (root: string, p: string) => p === root || p.startsWith(root.endsWith(path.sep) ? root : root + path.sep);

/** Avatars read from the folder of the imported file; symlinks that lead outside it are refused. */
export function folderAvatars(baseDir: string): AvatarSource {
  const root = path.resolve(baseDir);
  let realRoot: Promise<string> | undefined;
  return {
    async read(written) {
      const rel = checkRelativePath(written);
      const full = path.resolve(root, rel);
      if (!inside(root, full)) throw new Error(`"${written}" leaves the table's folder`);
      let real: string;
      try {
        real = await realpath(full);
      } catch {
        throw new Error(`"${rel}" was not found next to the table (looked in ${root})`);
      }
      realRoot ??= realpath(root);
      if (!inside(await realRoot, real)) throw new Error(`"${rel}" is a link that leads outside the table's folder`);
      const info = await stat(real);
      if (!info.isFile()) throw new Error(`"${rel}" is not a file`);
      if (info.size > MAX_AVATAR_BYTES) throw new Error(`"${rel}" is larger than ${MAX_AVATAR_BYTES / 1048576} MB`);
      return { name: path.basename(rel), bytes: await readFile(real) };
    },
  };
}

/** Avatars uploaded together with the table (browser import): matched by relative path, or by file name. */
export function uploadedAvatars(files: { path: string; bytes: Buffer }[]): AvatarSource {
  const byPath = new Map<string, Buffer>();
  const byName = new Map<string, Buffer[]>();
  files.forEach((f, i) => {
    let rel: string;
    try {
      rel = checkRelativePath(f.path);
    } catch (err) {
      throw new StudioError('bad_input', `files[${i}].path: ${(err as Error).message}`, `files[${i}].path`);
    }
    byPath.set(rel.toLowerCase(), f.bytes);
    const base = path.posix.basename(rel).toLowerCase();
    byName.set(base, [...(byName.get(base) ?? []), f.bytes]);
  });
  return {
    async read(written) {
      const rel = checkRelativePath(written);
      const exact = byPath.get(rel.toLowerCase());
      const base = path.posix.basename(rel);
      const sameName = byName.get(base.toLowerCase());
      const bytes = exact ?? (sameName?.length === 1 ? sameName[0] : undefined);
      if (!bytes) {
        throw new Error(files.length ? `"${rel}" is not among the uploaded images` : `"${rel}": upload the avatar images together with the table`);
      }
      if (bytes.length > MAX_AVATAR_BYTES) throw new Error(`"${rel}" is larger than ${MAX_AVATAR_BYTES / 1048576} MB`);
      return { name: base, bytes };
    },
  };
}
