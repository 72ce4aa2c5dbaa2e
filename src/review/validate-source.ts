import { StudioError } from '../model/index.js';
import { validateTemplate } from '../compose/handlebars/env.js';
import type { TemplateKind } from '../model/index.js';
import { loadPosterTemplate } from '../render/template/poster-template.js';
import { parseStoryboard } from '../video/storyboard.js';

/**
 * Checks a new template source before it is saved as a version: captions through the studio's
 * Handlebars engine (strict, known helpers, no prototype access, bounded), posters through the
 * poster loader (manifest, sections, no external references, compiled in HTML mode), storyboards
 * through their zod schema. A refused source is a bad_input on `source` and nothing is saved.
 */
export function validateTemplateSource(kind: TemplateKind, id: string, version: number, source: string): void {
  try {
    if (kind === 'caption') validateTemplate(id, source, 'text');
    else if (kind === 'poster') loadPosterTemplate({ id, version, source });
    else {
      let json: unknown;
      try {
        json = JSON.parse(source);
      } catch (err) {
        throw new Error(`storyboard "${id}" v${version} is not valid JSON (${(err as Error).message})`);
      }
      parseStoryboard(json, `storyboard "${id}" v${version}`);
    }
  } catch (err) {
    if (err instanceof StudioError && err.code !== 'bad_input' && err.code !== 'internal') throw err;
    throw new StudioError('bad_input', `source: ${(err as Error).message}`, 'source');
  }
}
