import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { findAbove } from '../workspace/builtin-files.js';
import type { Template } from '../model/index.js';
import { sourceHash } from '../workspace/hash.js';
import { parseStoryboard, type Storyboard } from './storyboard.js';

/** Display order of the built-in storyboards (others follow by id). */
const ORDER = ['warm-open', 'quick-pick', 'owner-open'];

/** Where the built-in storyboards live: <repo>/templates/videos/*.json. */
export function builtinVideosDir(): string {
  return findAbove('templates/videos');
}

/** Every built-in storyboard, validated, with its JSON source, in display order. */
export function builtinStoryboards(dir = builtinVideosDir()): { storyboard: Storyboard; source: string }[] {
  const files = readdirSync(dir).filter((f) => f.endsWith('.json'));
  const out = files.map((f) => {
    const source = readFileSync(join(dir, f), 'utf8');
    const storyboard = parseStoryboard(source, `templates/videos/${f}`);
    if (`${storyboard.id}.json` !== f) throw new Error(`templates/videos/${f}: the id "${storyboard.id}" must match the file name`);
    return { storyboard, source };
  });
  const rank = (id: string) => (ORDER.includes(id) ? ORDER.indexOf(id) : ORDER.length);
  return out.sort((a, b) => rank(a.storyboard.id) - rank(b.storyboard.id) || a.storyboard.id.localeCompare(b.storyboard.id));
}

/** The built-in storyboards as Template records (kind 'video', version 1, approved) for demo and init. */
export function builtinVideoTemplates(at = '2026-01-01T00:00:00.000Z'): Template[] {
  return builtinStoryboards().map(({ storyboard, source }) => ({
    id: storyboard.id,
    kind: 'video' as const,
    name: storyboard.name,
    description: storyboard.description,
    versions: [{ version: 1, source, createdAt: at, createdBy: 'system', state: 'approved' as const, comments: [], hash: sourceHash(source) }],
  }));
}
