import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAbove } from '../../workspace/builtin-files.js';
import type { Template } from '../../model/index.js';
import { parseOrThrow } from '../../model/validate.js';
import { sourceHash } from '../../workspace/hash.js';
import { PosterManifest } from './manifest.js';
import { composePosterSource, parsePosterSource } from './source.js';

/** Where the built-in poster templates live: <repo>/templates/posters/<id>/. */
export function builtinPostersDir(): string {
  return findAbove('templates/posters');
}

/** Builds the one-string source of a template folder (manifest.json, style.css, base.hbs, store.hbs). */
export function readPosterFolder(dir: string): string {
  const read = (f: string): string => readFileSync(join(dir, f), 'utf8');
  const manifest = parseOrThrow(PosterManifest, JSON.parse(read('manifest.json')), `${dir}/manifest.json`);
  const source = composePosterSource({ manifest, style: read('style.css'), base: read('base.hbs'), store: read('store.hbs') });
  parsePosterSource(source, `built-in poster template ${manifest.id}`);
  return source;
}

/** The built-in poster templates as Template records (kind 'poster', version 1, approved), in display order. */
export function builtinPosterTemplates(at = '2026-01-01T00:00:00.000Z'): Template[] {
  const root = builtinPostersDir();
  const order = (readFileSync(join(root, 'ORDER'), 'utf8').split(/\s+/).filter(Boolean));
  const folders = readdirSync(root, { withFileTypes: true }).filter((d) => d.isDirectory()).map((d) => d.name);
  const sorted = [...order.filter((f) => folders.includes(f)), ...folders.filter((f) => !order.includes(f)).sort()];
  return sorted.map((folder) => {
    const source = readPosterFolder(join(root, folder));
    const manifest = parsePosterSource(source, folder).manifest;
    return {
      id: manifest.id,
      kind: 'poster' as const,
      name: manifest.name,
      description: manifest.description,
      versions: [{ version: 1, source, createdAt: at, createdBy: 'system', state: 'approved' as const, comments: [], hash: sourceHash(source) }],
    };
  });
}
