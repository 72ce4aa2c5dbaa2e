import Handlebars from 'handlebars';
import { PosterTemplateError } from './templateSource.js';

/**
 * The one place posters meet Handlebars. Strict (a missing field is an error), HTML-escaped,
 * built-in block helpers only (if/unless/each/with). When the studio's shared Handlebars
 * environment (src/compose/handlebars) offers an HTML mode, switch this adapter to it.
 */
const env = Handlebars.create();

/** A compiled poster section: context in, HTML/CSS text out. */
export type CompiledSection = (ctx: object) => string;

/** Compiles one section of a poster template; errors name the template and section. */
export function compileSection(source: string, label: string): CompiledSection {
  let fn: HandlebarsTemplateDelegate;
  try {
    const ast = env.parse(source);
    fn = env.compile(ast, { strict: true, knownHelpersOnly: true, noEscape: false, preventIndent: true });
  } catch (err) {
    throw new PosterTemplateError(`${label}: ${(err as Error).message.split('\n')[0]}`);
  }
  return (ctx: object) => {
    try {
      return fn(ctx, { allowProtoPropertiesByDefault: false, allowProtoMethodsByDefault: false });
    } catch (err) {
      throw new PosterTemplateError(`${label}: ${(err as Error).message.split('\n')[0]}`);
    }
  };
}
