import { createHash } from 'node:crypto';
import { POSTER_DIMENSIONS, PosterSize } from '../../model/index.js';
import { compileSection, type CompiledSection } from './hbs.js';
import { createTemplateEngine, type TemplateEngine } from '../../compose/handlebars/index.js';
import type { LRUCache } from 'lru-cache';
import type { PosterManifest } from './manifest.js';
import { parsePosterSource, PosterTemplateError, slotsUsed } from './source.js';

/** A poster template version as stored in the workspace. */
export interface PosterTemplateInput {
  id: string;
  version: number;
  source: string;
}

/** A parsed, checked and compiled poster template version. */
export interface LoadedPosterTemplate {
  id: string;
  version: number;
  /** "poster template "x" v2", for messages. */
  label: string;
  /** sha256 of the source. */
  hash: string;
  manifest: PosterManifest;
  style: CompiledSection;
  base: CompiledSection;
  store: CompiledSection;
  baseSlots: { text: string[]; images: string[] };
  storeSlots: { text: string[]; images: string[] };
}

/** Loaded templates by id, version and source hash (a renderer keeps one). */
export interface TemplateMemo {
  templates: LRUCache<string, LoadedPosterTemplate>;
  /** The engine sections are compiled and run with. */
  engine: TemplateEngine;
}

/** Parses and compiles a template version (once per `memo` when given, by source hash); throws PosterTemplateError naming it. */
export function loadPosterTemplate(t: PosterTemplateInput, memo?: TemplateMemo): LoadedPosterTemplate {
  const engine = memo?.engine ?? createTemplateEngine();
  const hash = createHash('sha256').update(t.source).digest('hex');
  const key = `${t.id}@${t.version}:${hash}`;
  const hit = memo?.templates.get(key);
  if (hit) return hit;
  const label = `poster template "${t.id}" v${t.version}`;
  const parts = parsePosterSource(t.source, label);
  for (const size of PosterSize.options) {
    const { width, height } = POSTER_DIMENSIONS[size];
    const r = parts.manifest.sizes[size].store;
    if (r.x + r.w > width || r.y + r.h > height) throw new PosterTemplateError(`${label}: the store area for ${size} (${r.x},${r.y} ${r.w}×${r.h}) lies outside the ${width}×${height} poster`);
  }
  const loaded: LoadedPosterTemplate = {
    id: t.id,
    version: t.version,
    label,
    hash,
    manifest: parts.manifest,
    style: compileSection(engine, parts.style, `${t.id} v${t.version} (style)`),
    base: compileSection(engine, parts.base, `${t.id} v${t.version} (base)`),
    store: compileSection(engine, parts.store, `${t.id} v${t.version} (store)`),
    baseSlots: slotsUsed(parts.base),
    storeSlots: slotsUsed(parts.store),
  };
  memo?.templates.set(key, loaded);
  return loaded;
}
