import { readFile, realpath, stat } from 'node:fs/promises';
import path from 'node:path';
import { StudioError, type MessageCode, type MessageParams } from '../../model/index.js';

const bad = (code: MessageCode, params: MessageParams) => StudioError.coded('bad_input', code, params);

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
  if (/^[a-z][a-z0-9+.-]*:\/\//i.test(p)) throw bad('import.avatarUrl', { path: p });
  if (p.includes('\0')) throw new Error('the path contains a NUL character');
  if (/^[a-zA-Z]:/.test(p)) throw bad('import.avatarDrive', { path: p });
  if (p.startsWith('/') || p.startsWith('\\') || path.isAbsolute(p)) throw bad('import.avatarAbsolute', { path: p });
  const segments = p.split(/[\\/]+/).filter((s) => s !== '' && s !== '.');
  if (segments.includes('..')) throw bad('import.avatarOutside', { path: p });
  if (!segments.length) throw bad('import.avatarNotFile', { path: p });
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
      if (!inside(root, full)) throw bad('import.avatarOutside', { path: written });
      let real: string;
      try {
        real = await realpath(full);
      } catch {
        throw bad('import.avatarMissing', { path: rel, root });
      }
      realRoot ??= realpath(root);
      if (!inside(await realRoot, real)) throw bad('import.avatarLinkOutside', { path: rel });
      const info = await stat(real);
      if (!info.isFile()) throw bad('import.avatarNotFile', { path: rel });
      if (info.size > MAX_AVATAR_BYTES) throw bad('import.avatarTooBig', { path: rel, limit: MAX_AVATAR_BYTES / 1048576 });
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
        throw files.length ? bad('import.avatarNotUploaded', { path: rel }) : bad('import.avatarUploadWithTable', { path: rel });
      }
      if (bytes.length > MAX_AVATAR_BYTES) throw bad('import.avatarTooBig', { path: rel, limit: MAX_AVATAR_BYTES / 1048576 });
      return { name: base, bytes };
    },
  };
}
