import Handlebars from 'handlebars';
import { LRUCache } from 'lru-cache';
import { analyzeTemplate, AT_KEY, prescanDepth, type Analysis } from './ast.js';
import { TemplateError } from './errors.js';
import { HELPER_MAP, HELPERS, type BlockOptions, type HelperCall } from './helpers.js';

/** Output modes: caption text (no escaping) or poster HTML (`& < > " '` escaped). */
export type RenderMode = 'text' | 'html';

/** Runaway limits of one render. */
export interface RenderLimits {
  /** Longest template source accepted, in characters. */
  maxSource: number;
  /** Deepest nesting of blocks and sub-expressions (else-if chains do not count). */
  maxDepth: number;
  /** Most items one #each may iterate. */
  maxEachItems: number;
  /** Most #each iterations in one render, all loops together. */
  maxIterations: number;
  /** Longest output, in characters. */
  maxOutput: number;
}

/** Default limits: generous for captions and poster HTML, small enough to stop a runaway in milliseconds. */
export const DEFAULT_LIMITS: RenderLimits = { maxSource: 100_000, maxDepth: 12, maxEachItems: 1_000, maxIterations: 10_000, maxOutput: 200_000 };

/** Exactly our helpers; Handlebars' own `lookup`, `log`, `helperMissing` and `blockHelperMissing` are off. */
const KNOWN_HELPERS: Record<string, boolean> = {
  helperMissing: false,
  blockHelperMissing: false,
  lookup: false,
  log: false,
  ...Object.fromEntries(HELPERS.map((h) => [h.name, true])),
};

interface Frame {
  id: string;
  analysis: Analysis;
  limits: RenderLimits;
  iterations: number;
}



function lineOf(err: { lineNumber?: number; message?: string }): number | undefined {
  if (typeof err.lineNumber === 'number') return err.lineNumber;
  const m = /line (\d+)/.exec(err.message ?? '');
  return m ? Number(m[1]) : undefined;
}

/**
 * Handlebars reads intermediate path segments (`grup` in `grup.id`) without strict checks, so a
 * typo there surfaces as a TypeError naming only the next segment. This finds the path it came
 * from: the first path with that segment whose resolution from the root fails just before it
 * (paths inside blocks fall back to the first path that has the segment).
 */
function guessPath(analysis: Analysis, segment: string, afterMissing: boolean, root: object): { path: string; line: number; column: number } | undefined {
  let fallback: { path: string; line: number; column: number } | undefined;
  for (const [at, original] of analysis.paths) {
    const parts = original.replace(/^(\.\.\/)+|^this[./]|^\.\//, '').split(/[./]/);
    const i = parts.indexOf(segment);
    if (i < 0 || (afterMissing && i === 0)) continue;
    const [line, column] = at.split(':').map(Number) as [number, number];
    fallback ??= { path: original, line, column };
    if (original.startsWith('@') || original.startsWith('..')) continue;
    let value: unknown = root;
    for (let k = 0; k < (afterMissing ? i : i + 1); k++) {
      value = value !== null && typeof value === 'object' ? (value as Record<string, unknown>)[parts[k]!] : undefined;
    }
    if (afterMissing ? value === undefined || value === null : value === undefined) return { path: original, line, column };
  }
  return fallback;
}

/** Maps whatever a render threw to a TemplateError naming template, line and field. */
function toTemplateError(err: unknown, frame: Frame, root?: object): TemplateError {
  if (err instanceof TemplateError) return err;
  const e = err as Error & { lineNumber?: number; column?: number };
  const strict = /^"(.+)" not defined in/.exec(e?.message ?? '');
  if (strict && typeof e.lineNumber === 'number') {
    const field = frame.analysis.paths.get(`${e.lineNumber}:${e.column}`) ?? strict[1]!;
    return new TemplateError('missing_field', frame.id, `missing field "${field}"`, e.lineNumber, e.column, field);
  }
  const typeErr = /Cannot read properties of (?:undefined|null) \(reading '(.+?)'\)|Cannot use 'in' operator to search for '(.+?)' in/.exec(e?.message ?? '');
  if (typeErr && root) {
    const guess = guessPath(frame.analysis, typeErr[1] ?? typeErr[2]!, Boolean(typeErr[1]), root);
    if (guess) return new TemplateError('missing_field', frame.id, `missing field "${guess.path}"`, guess.line, guess.column, guess.path);
  }
  if (err instanceof RangeError) return new TemplateError('runaway', frame.id, 'the template ran away (stack exhausted)');
  return new TemplateError('render', frame.id, e?.message?.split('\n')[0] ?? String(err), lineOf(e));
}

/** Options of renderTemplate. */
export interface RenderOptions {
  mode?: RenderMode;
  limits?: Partial<RenderLimits>;
}

/** A compiled template: run it with `engine.run` (it keeps the limits it was compiled with). */
export interface CompiledTemplate {
  id: string;
  fn: (ctx: unknown) => string;
  analysis: Analysis;
  limits: RenderLimits;
}

/**
 * An instance of THE Handlebars environment of the studio: isolated, only our helpers registered,
 * built-ins we do not use removed, prototype access at Handlebars' default (denied: no allowProto*
 * runtime option is ever passed). Compiled templates are kept by id, mode and source (LRU).
 * Whoever renders many templates keeps one engine (the compose cache, a poster renderer); a
 * one-off render may use a fresh one (creating it costs microseconds).
 */
export interface TemplateEngine {
  /** Parses, checks and compiles a template source (strings only); throws TemplateError naming the template and line. */
  compile(id: string, source: unknown, mode?: RenderMode, limits?: RenderLimits): CompiledTemplate;
  /** Runs a compiled template with a context. */
  run(compiled: CompiledTemplate, ctx: object): string;
  /**
   * Renders a template source with a context. `text` mode (captions) does not escape: values are
   * printed as they are and never evaluated as templates, so a store name containing `{{ }}`
   * prints literally. `html` mode (posters) escapes `& < > " ' \` =`.
   */
  render(id: string, source: string, ctx: object, opts?: RenderOptions): string;
  /** Checks a template without rendering it (syntax, helpers, arity, triple-stash, depth). */
  validate(id: string, source: unknown, mode?: RenderMode): void;
}

/** Makes a template engine (see TemplateEngine). */
export function createTemplateEngine(cacheSize = 500): TemplateEngine {
  const env = Handlebars.create();
  for (const name of Object.keys(env.helpers)) env.unregisterHelper(name);
  /** The renders in progress (rendering is synchronous; a stack keeps nested renders apart). */
  const frames: Frame[] = [];
  const cache = new LRUCache<string, CompiledTemplate>({ max: cacheSize });

  for (const spec of HELPERS) {
    env.registerHelper(spec.name, function (this: unknown, ...all: unknown[]) {
      const options = all.pop() as BlockOptions;
      const frame = frames[frames.length - 1]!;
      const site = frame.analysis.calls[Number(options.hash[AT_KEY])];
      const fail = (detail: string, code: 'bad_argument' | 'missing_field' | 'runaway' = 'bad_argument', field = spec.name): never => {
        throw new TemplateError(code, frame.id, `${code === 'missing_field' ? '' : `helper "${spec.name}": `}${detail}`, site?.line, site?.column, field);
      };
      all.forEach((arg, i) => {
        if (arg === undefined) {
          const field = site?.params[i] ?? `argument ${i + 1}`;
          fail(`missing field "${field}" (argument ${i + 1} of helper "${spec.name}")`, 'missing_field', field);
        }
      });
      const call: HelperCall = {
        self: this,
        options,
        root: (options.data?.root ?? {}) as Record<string, unknown>,
        fail: (detail) => fail(detail),
        maxItems: frame.limits.maxEachItems,
        tick(outputLength) {
          if (++frame.iterations > frame.limits.maxIterations) fail(`more than ${frame.limits.maxIterations} #each iterations in one render: the template runs away`, 'runaway');
          if (outputLength > frame.limits.maxOutput) fail(`output over ${frame.limits.maxOutput} characters: the template runs away`, 'runaway');
        },
      };
      return spec.impl(all, call);
    });
  }

  const compile = (id: string, source: unknown, mode: RenderMode = 'text', limits: RenderLimits = DEFAULT_LIMITS): CompiledTemplate => {
    if (typeof source !== 'string') {
      throw new TemplateError('not_a_string', id, `a template must be a string, got ${source === null ? 'null' : typeof source}; templates are never compiled from objects or precompiled code`);
    }
    const key = `${mode}\u0000${limits.maxDepth}\u0000${id}\u0000${source}`;
    const hit = cache.get(key);
    if (hit) return hit;
    if (source.length > limits.maxSource) throw new TemplateError('too_large', id, `the template is ${source.length} characters; the limit is ${limits.maxSource}`);
    prescanDepth(source, id, limits.maxDepth);
    let ast: unknown;
    try {
      ast = Handlebars.parse(source, { ignoreStandalone: false });
    } catch (err) {
      if (err instanceof RangeError) throw new TemplateError('too_deep', id, 'the template nests too deeply to parse: it runs away');
      const e = err as Error & { lineNumber?: number };
      throw new TemplateError('syntax', id, `syntax error: ${e.message.split('\n').slice(-1)[0]}`, lineOf(e));
    }
    const analysis = analyzeTemplate(ast, id, HELPER_MAP, limits.maxDepth);
    // The AST is the parse of `source` plus numeric __at arguments we added: safe to compile.
    const fn = env.compile(ast, { strict: true, knownHelpersOnly: true, knownHelpers: KNOWN_HELPERS, noEscape: mode === 'text' }) as (ctx: unknown) => string;
    const compiled = { id, fn, analysis, limits };
    cache.set(key, compiled);
    return compiled;
  };

  const run = (compiled: CompiledTemplate, ctx: object): string => {
    const { id, limits } = compiled;
    const frame: Frame = { id, analysis: compiled.analysis, limits, iterations: 0 };
    frames.push(frame);
    let out: string;
    try {
      out = compiled.fn(ctx);
    } catch (err) {
      throw toTemplateError(err, frame, ctx);
    } finally {
      frames.pop();
    }
    if (out.length > limits.maxOutput) throw new TemplateError('runaway', id, `output of ${out.length} characters; the limit is ${limits.maxOutput}: the template runs away`);
    return out;
  };

  return {
    compile,
    run,
    render: (id, source, ctx, opts = {}) => run(compile(id, source, opts.mode ?? 'text', opts.limits ? { ...DEFAULT_LIMITS, ...opts.limits } : DEFAULT_LIMITS), ctx),
    validate: (id, source, mode = 'text') => void compile(id, source, mode),
  };
}

/** Renders once with a fresh engine (nothing kept); see TemplateEngine.render. */
export function renderTemplate(id: string, source: string, ctx: object, opts: RenderOptions = {}): string {
  return createTemplateEngine(1).render(id, source, ctx, opts);
}

/** Checks a template without rendering it, with a fresh engine; see TemplateEngine.validate. */
export function validateTemplate(id: string, source: unknown, mode: RenderMode = 'text'): void {
  createTemplateEngine(1).validate(id, source, mode);
}
