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
  assertCleanText(source);
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

// Lone UTF-16 surrogates: text that was cut inside a character (JSON can carry them as \ud800).
const LONE_SURROGATE = /[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

/**
 * Refuses a source that was not valid UTF-8 where it came from: bytes a decoder could not read
 * arrive as U+FFFD (the HTTP body, a file read as UTF-8), and every caption would start with "��".
 */
function assertCleanText(source: string): void {
  const bad = source.indexOf('\uFFFD');
  const at = bad >= 0 ? bad : source.search(LONE_SURROGATE);
  if (at < 0) return;
  const line = source.slice(0, at).split('\n').length;
  throw new StudioError('bad_input', `source: line ${line} holds bytes that are not valid UTF-8 (shown as "\uFFFD"); save the template as UTF-8 and try again`, 'source');
}
