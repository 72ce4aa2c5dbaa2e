import { LRUCache } from 'lru-cache';
import type { StyleSheet } from './layout/css.js';
import type { FitMemo } from './layout/poster-context.js';
import type { CachedLayout, StoreLayerMemo } from './layout/store-layer.js';
import type { Raster } from './image/raster.js';
import type { LoadedPosterTemplate, TemplateMemo } from './template/poster-template.js';
import { createTemplateEngine } from '../compose/handlebars/index.js';
import type { FitResult } from './text/text-fit.js';

/**
 * What one poster renderer keeps warm between posters (each renderer owns one; nothing is kept at
 * module level): loaded templates, stylesheets, fitted texts, satori layouts and shared shapes.
 * Every store of a post fits the same title, head and waist, and stores whose boxed trees match
 * reuse one layout.
 */
export class RenderMemo implements StoreLayerMemo, TemplateMemo {
  readonly engine = createTemplateEngine();
  readonly templates = new LRUCache<string, LoadedPosterTemplate>({ max: 64 });
  readonly sheets = new LRUCache<string, StyleSheet>({ max: 64 });
  readonly fitted: FitMemo = new LRUCache<string, FitResult>({ max: 4096 });
  readonly layouts = new LRUCache<string, CachedLayout>({ max: 256 });
  /** Two entries: the live preview's last shapes and the one before. */
  readonly shapeRasters = new LRUCache<string, Promise<Raster>>({ max: 2 });
}
