import type { TemplateEngine } from '../../compose/handlebars/index.js';
import { PosterTemplateError } from './source.js';

/**
 * The one place posters meet Handlebars: the studio's shared environment (src/compose/handlebars)
 * in its HTML mode — strict (a missing field is an error naming the line), known helpers only,
 * values HTML-escaped, runaway limits. Errors become PosterTemplateErrors.
 */

/** A compiled poster section: context in, HTML/CSS text out. */
export type CompiledSection = (ctx: object) => string;

function wrap(err: unknown): PosterTemplateError {
  return new PosterTemplateError((err as Error).message.split('\n')[0]!);
}

/** Checks and compiles one section of a poster template with `engine`; `id` names it in errors (e.g. `poster-festive v2 (base)`). */
export function compileSection(engine: TemplateEngine, source: string, id: string): CompiledSection {
  let compiled;
  try {
    compiled = engine.compile(id, source, 'html');
  } catch (err) {
    throw wrap(err);
  }
  return (ctx: object) => {
    try {
      return engine.run(compiled, ctx);
    } catch (err) {
      throw wrap(err);
    }
  };
}
