import type { HelperSpec } from './helpers.js';
import { TemplateError } from './errors.js';

/* Minimal shapes of the Handlebars AST we walk (the package's hbs.AST types are global and loose). */
interface Loc {
  start: { line: number; column: number };
  end?: { line: number; column: number };
}
interface Node {
  type: string;
  loc?: Loc;
}
interface PathNode extends Node {
  type: 'PathExpression';
  original: string;
  parts: string[];
  data: boolean;
  depth: number;
}
interface HashNode extends Node {
  pairs: { type: 'HashPair'; key: string; value: Node; loc?: Loc }[];
}
interface CallNode extends Node {
  path: Node;
  params: Node[];
  hash?: HashNode;
  escaped?: boolean;
  program?: ProgramNode;
  inverse?: ProgramNode;
}
interface ProgramNode extends Node {
  body: Node[];
  chained?: boolean;
}

/** One helper call in a template, found before compiling; the runtime uses it to name fields. */
export interface CallSite {
  helper: string;
  line: number;
  column: number;
  /** Each positional argument as written (`store.phone`, `"M月D日"`, `(eq a b)`). */
  params: string[];
}

/** What the walk learned: helper calls (indexed by the `__at` it injected) and field paths by position. */
export interface Analysis {
  calls: CallSite[];
  /** `line:column` → the path as written, to name the field of a strict-mode error. */
  paths: Map<string, string>;
}

/** Names that reach into prototypes; refused in any path. */
const FORBIDDEN: ReadonlySet<string> = new Set([
  'constructor', '__proto__', 'prototype', '__defineGetter__', '__defineSetter__', '__lookupGetter__', '__lookupSetter__',
  'hasOwnProperty', 'isPrototypeOf', 'propertyIsEnumerable', 'toString', 'toLocaleString', 'valueOf',
]);

/** The key of the hash argument injected into every helper call: the call's index in Analysis.calls. */
export const AT_KEY = '__at';

/**
 * Checks a parsed template and prepares it for compiling: refuses triple-stash / `{{& }}`,
 * partials, decorators, unknown helpers, wrong helper arity, named arguments, prototype paths and
 * nesting deeper than `maxDepth` (`else if` chains do not count); then injects `__at=<n>` into
 * each helper call so the runtime can tell which call (line, arguments) it is running.
 */
export function analyzeTemplate(program: unknown, id: string, helpers: ReadonlyMap<string, HelperSpec>, maxDepth: number): Analysis {
  const calls: CallSite[] = [];
  const paths = new Map<string, string>();
  const fail = (code: ConstructorParameters<typeof TemplateError>[0], node: Node, detail: string, field?: string): never => {
    throw new TemplateError(code, id, detail, node.loc?.start.line, node.loc?.start.column, field);
  };

  const describe = (n: Node): string => {
    switch (n.type) {
      case 'PathExpression': return (n as PathNode).original;
      case 'StringLiteral': return JSON.stringify((n as unknown as { value: string }).value);
      case 'SubExpression': return `(${describe((n as CallNode).path)} …)`;
      default: return String((n as unknown as { original?: unknown }).original ?? n.type);
    }
  };

  const path = (n: PathNode) => {
    for (const part of n.parts) if (FORBIDDEN.has(part)) fail('forbidden_field', n, `"${n.original}" reaches into a prototype; use plain fields`, n.original);
    if (n.loc) paths.set(`${n.loc.start.line}:${n.loc.start.column}`, n.original);
  };

  const isHelperName = (n: Node): n is PathNode => {
    if (n.type !== 'PathExpression') return false;
    const p = n as PathNode;
    return !p.data && p.depth === 0 && p.parts.length === 1 && !/^(\.|this\b)/.test(p.original) && helpers.has(p.original);
  };

  const expr = (n: Node, depth: number) => {
    if (n.type === 'PathExpression') path(n as PathNode);
    else if (n.type === 'SubExpression') call(n as CallNode, 'sub', depth + 1);
  };

  const call = (n: CallNode, where: 'mustache' | 'block' | 'sub', depth: number) => {
    if (depth > maxDepth) fail('too_deep', n, `nesting deeper than ${maxDepth} levels: the template runs away`);
    const hasArgs = n.params.length > 0 || (n.hash?.pairs.length ?? 0) > 0;
    const helperCall = where !== 'mustache' || hasArgs || isHelperName(n.path);
    if (!helperCall) {
      expr(n.path, depth);
      return;
    }
    const name = n.path.type === 'PathExpression' ? (n.path as PathNode).original : describe(n.path);
    const spec = isHelperName(n.path) ? helpers.get(name) : undefined;
    if (!spec) return fail('unknown_helper', n, `unknown helper "${name}" (see docs/templates.md for the helpers)`, name);
    if (where === 'block' && spec.kind !== 'block') fail('unknown_helper', n, `"${name}" is not a block helper; write {{${name} …}} without "#"`, name);
    if (where !== 'block' && spec.kind === 'block') fail('unknown_helper', n, `"${name}" is a block helper; write {{#${name} …}}…{{/${name}}}`, name);
    if (n.hash && n.hash.pairs.length) fail('named_argument', n, `helper "${name}" takes no named arguments (${n.hash.pairs.map((p) => p.key).join(', ')}=)`, name);
    const count = n.params.length;
    if (count < spec.min || count > spec.max) {
      const want = spec.min === spec.max ? `${spec.min}` : `${spec.min} to ${spec.max}`;
      fail('helper_arity', n, `helper "${name}" needs ${want} argument${spec.max === 1 ? '' : 's'}, got ${count}`, name);
    }
    for (const p of n.params) expr(p, depth);
    const loc = n.loc ?? { start: { line: 0, column: 0 } };
    calls.push({ helper: name, line: loc.start.line, column: loc.start.column, params: n.params.map(describe) });
    const index = calls.length - 1;
    n.hash = { type: 'Hash', loc, pairs: [{ type: 'HashPair', key: AT_KEY, loc, value: { type: 'NumberLiteral', value: index, original: index, loc } as Node }] };
    if (n.program) walk(n.program, depth + 1);
    if (n.inverse) walk(n.inverse, n.inverse.chained ? depth : depth + 1);
  };

  const walk = (p: ProgramNode, depth: number) => {
    for (const s of p.body) {
      switch (s.type) {
        case 'ContentStatement':
        case 'CommentStatement':
          break;
        case 'MustacheStatement': {
          const m = s as CallNode;
          if (m.escaped === false) fail('triple_stash', s, 'triple-stash {{{ }}} and {{& }} are not allowed: values are always escaped for the output');
          call(m, 'mustache', depth);
          break;
        }
        case 'BlockStatement':
          call(s as CallNode, 'block', depth);
          break;
        case 'PartialStatement':
        case 'PartialBlockStatement':
          fail('partial', s, 'partials ({{> name}}) are not available in studio templates');
          break;
        case 'DecoratorBlock':
        case 'Decorator':
          fail('decorator', s, 'decorators ({{* name}}) are not available in studio templates');
          break;
        default:
          fail('syntax', s, `unsupported statement ${s.type}`);
      }
    }
  };

  walk(program as ProgramNode, 0);
  return { calls, paths };
}

/**
 * A cheap scan of nesting before parsing, so a pathological source (thousands of nested `{{#if}}`
 * or `(not (not …))`) is refused before the parser and AST visitors recurse through it.
 */
export function prescanDepth(source: string, id: string, maxDepth: number): void {
  let blocks = 0;
  let line = 1;
  let inside = false;
  let parens = 0;
  for (let i = 0; i < source.length; i++) {
    const c = source[i];
    if (c === '\n') line++;
    else if (!inside && c === '{' && source[i + 1] === '{') {
      const comment = /^\{\{~?!(--)?/.exec(source.slice(i, i + 6));
      if (comment) {
        // Comments may hold anything; skip to their end.
        const end = source.indexOf(comment[1] ? '--}}' : '}}', i + comment[0].length);
        const stop = end < 0 ? source.length : end;
        for (let j = i; j < stop; j++) if (source[j] === '\n') line++;
        i = stop + 1;
        continue;
      }
      inside = true;
      parens = 0;
      const m = /^\{\{~?\s*([#/])/.exec(source.slice(i, i + 8));
      if (m?.[1] === '#' && ++blocks > maxDepth) throw new TemplateError('too_deep', id, `blocks nested deeper than ${maxDepth} levels: the template runs away`, line);
      if (m?.[1] === '/') blocks = Math.max(0, blocks - 1);
      i++;
    } else if (inside && c === '}' && source[i + 1] === '}') {
      inside = false;
      i++;
    } else if (inside && c === '(') {
      if (++parens > maxDepth) throw new TemplateError('too_deep', id, `sub-expressions nested deeper than ${maxDepth} levels: the template runs away`, line);
    } else if (inside && c === ')') parens--;
  }
}
