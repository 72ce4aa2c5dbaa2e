/**
 * Hostile templates: prototype access, lookup, decorators, non-strings and runaway loops, through
 * the studio's Handlebars engine (captions, storyboard texts), the poster engine, and the api.
 */
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { StudioError } from '../../src/model/index.js';
import { renderTemplate, TemplateError, validateTemplate } from '../../src/compose/handlebars/index.js';
import { lexicalFromText } from '../../src/demo/index.js';
import type { StudioData } from '../../src/model/index.js';
import { compileSection } from '../../src/render/template/hbs.js';
import { demoStudio } from '../../src/setup/demo.js';
import { sceneTexts } from '../../src/video/plan.js';
import { parseStoryboard } from '../../src/video/storyboard.js';
import { builtinStoryboards } from '../../src/video/builtins.js';
import type { Workspace } from '../../src/workspace/types.js';
import { fixtureContext, SHORT_STORE } from '../fixtures/render/fixture.js';
import { realWorkspace, savedState, tempDir } from './helpers.js';
import { ctx } from '../helpers/session.js';
import { createTemplateEngine } from '../../src/compose/handlebars/index.js';

const many = (n: number) => Array.from({ length: n }, (_, i) => i);

function templateError(fn: () => unknown): TemplateError {
  try {
    fn();
  } catch (err) {
    expect(err).toBeInstanceOf(TemplateError);
    return err as TemplateError;
  }
  throw new Error('expected a TemplateError');
}

describe('the studio template engine refuses hostile templates, naming template, line and what is wrong', () => {
  it.each([
    ['{{constructor.constructor}}', 'forbidden_field', 'constructor.constructor', /reaches into a prototype; use plain fields/],
    ['{{__proto__}}', 'forbidden_field', '__proto__', /reaches into a prototype/],
    ['{{vars.[__proto__].polluted}}', 'forbidden_field', 'vars.__proto__.polluted', /reaches into a prototype/],
    ['{{@root.constructor}}', 'forbidden_field', '@root.constructor', /reaches into a prototype/],
    ['{{lookup this "constructor"}}', 'unknown_helper', 'lookup', /unknown helper "lookup" \(see docs\/templates\.md/],
    ['{{#with vars}}{{lookup . "constructor"}}{{/with}}', 'unknown_helper', 'lookup', /unknown helper "lookup"/],
    ['{{* foo}}', 'decorator', undefined, /decorators \(\{\{\* name\}\}\) are not available/],
    ['{{#* inline "x"}}{{vars.storeName}}{{/inline}}', 'decorator', undefined, /decorators/],
    ['{{> header}}', 'partial', undefined, /partials .* are not available/],
    ['{{{vars.storeName}}}', 'triple_stash', undefined, /triple-stash/],
  ])('%s → %s', (source, code, field, message) => {
    const err = templateError(() => renderTemplate('caption-evil', source, { vars: { storeName: 'x' } }));
    expect(err.code).toBe(code);
    expect(err.message).toMatch(/^template "caption-evil" line 1: /);
    expect(err.message).toMatch(message);
    if (field) expect(err.field).toBe(field);
    // Nothing leaked onto Object.prototype on the way.
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
  });

  it.each([
    [42, 'number'],
    [{ type: 'Program', body: [] }, 'object'],
    [null, 'null'],
    [() => 'x', 'function'],
  ])('a template that is not a string (%s) is refused before compiling', (source, kind) => {
    const err = templateError(() => validateTemplate('caption-obj', source));
    expect(err.code).toBe('not_a_string');
    expect(err.message).toContain(`template "caption-obj": a template must be a string, got ${kind}`);
  });

  it('a runaway #each over a huge list stops at the item limit, before iterating', () => {
    const items = many(1_000_000);
    const t = performance.now();
    const err = templateError(() => renderTemplate('caption-loop', '{{#each items}}{{this}}{{/each}}', { items }));
    expect(err.code).toBe('bad_argument');
    expect(err.message).toContain('#each over 1000000 items (the limit is 1000): the template runs away');
    expect(performance.now() - t).toBeLessThan(5000);
  });

  it('nested #each loops stop at the iteration limit of one render', () => {
    const src = '{{#each a}}{{#each @root.a}}{{#each @root.a}}{{#each @root.a}}x{{/each}}{{/each}}{{/each}}{{/each}}';
    const t = performance.now();
    const err = templateError(() => renderTemplate('caption-nest', src, { a: many(500) }));
    expect(err.code).toBe('runaway');
    expect(err.message).toMatch(/more than 10000 #each iterations in one render: the template runs away/);
    expect(performance.now() - t).toBeLessThan(1000);
  });

  it('thousands of nested blocks or sub-expressions are refused before the parser recurses', () => {
    const blocks = '{{#if a}}'.repeat(5000) + 'x' + '{{/if}}'.repeat(5000);
    expect(templateError(() => validateTemplate('caption-deep', blocks)).code).toBe('too_deep');
    const subs = `{{#if ${'(not '.repeat(5000)}a${')'.repeat(5000)}}}x{{/if}}`;
    expect(templateError(() => validateTemplate('caption-deep2', subs)).message).toMatch(/nested deeper than 12 levels: the template runs away/);
    expect(templateError(() => validateTemplate('caption-huge', 'x'.repeat(200_001))).code).toBe('too_large');
  });

  it('store text that looks like a template is printed literally, never evaluated', () => {
    const evil = '{{constructor.constructor "return process"}} {{* foo}} {{#each x}}';
    expect(renderTemplate('caption-lit', '{{vars.storeName}}', { vars: { storeName: evil } })).toBe(evil);
  });

  it('a hostile storyboard text layer is refused naming the storyboard, scene and layer', () => {
    const { source } = builtinStoryboards()[0]!;
    const raw = JSON.parse(source);
    raw.scenes[0].layers[0].text = '{{constructor.constructor}}';
    const sb = parseStoryboard(raw);
    const err = (() => {
      try {
        sceneTexts(sb, fixtureContext(SHORT_STORE));
      } catch (e) {
        return e as StudioError;
      }
      throw new Error('expected a refusal');
    })();
    expect(err).toBeInstanceOf(StudioError);
    expect(err.code).toBe('bad_input');
    expect(err.message).toContain(`storyboard "${sb.id}": scenes[0] (head).layers[0].text:`);
    expect(err.message).toContain('"constructor.constructor" reaches into a prototype');
  });
});

describe('the poster template engine (src/render/hbs.ts: the studio engine in HTML mode)', () => {
  const section = (src: string, ctx: object = { a: many(3) }) => compileSection(createTemplateEngine(), src, 'poster template "evil" v2 (base)')(ctx);
  const named = /^template "poster template "evil" v2 \(base\)" line 1: /;

  it('refuses constructor paths and unknown decorators naming the template, section and line', () => {
    expect(() => section('{{constructor.constructor}}')).toThrow(named);
    expect(() => section('{{constructor.constructor}}')).toThrow(/"constructor\.constructor" reaches into a prototype/);
    expect(() => section('{{* foo}}')).toThrow(/decorators \(\{\{\* name\}\}\) are not available/);
  });

  it('refuses {{__proto__}} and {{lookup this "constructor"}}', () => {
    expect(() => section('{{__proto__}}')).toThrow(/"__proto__" reaches into a prototype/);
    expect(() => section('{{lookup this "constructor"}}')).toThrow(/unknown helper "lookup"/);
  });

  it('stops a runaway nested #each in a poster section', () => {
    const src = '{{#each a}}{{#each @root.a}}{{#each @root.a}}{{#each @root.a}}x{{/each}}{{/each}}{{/each}}{{/each}}';
    expect(() => section(src, { a: many(30) })).toThrow(/runs away/);
  });
});

describe('hostile templates through the api leave the workspace unchanged', () => {
  let root: { dir: string; cleanup: () => Promise<void> };
  let ws: Workspace;
  let post: StudioData['posts'][number];
  let store: string;
  let group: string;

  beforeAll(async () => {
    root = await tempDir('tpl');
    const { data, assets } = await demoStudio();
    // A caption template version someone put in by hand (edited studio.json, or a bundle), approved and pinned.
    const cap = data.templates.find((t) => t.kind === 'caption')!;
    cap.versions.push({ version: 99, source: '{{sections.head}}\n{{constructor.constructor}}', createdAt: '2026-01-01', createdBy: 'x', state: 'approved', comments: [], hash: '' });
    post = data.posts[0]!;
    post.templates.caption = { template: cap.id, version: 99 };
    const s = data.stores.find((x) => x.active && x.groupTypes.some((g) => post.groupTypes.length === 0 || post.groupTypes.includes(g)))!;
    store = s.id;
    group = s.groupTypes.find((g) => post.groupTypes.length === 0 || post.groupTypes.includes(g))!;
    ws = await realWorkspace(root.dir, data, assets);
  });
  afterAll(async () => {
    await ws?.close();
    await root?.cleanup();
  });

  it('compose.variant runs a hostile pinned template only to report it: a template.error finding naming template, line and field', async () => {
    const before = await savedState(ws);
    const v = await dispatch('compose.variant', { post: post.id, group, store }, ctx(ws));
    const f = v.findings.find((x) => x.ruleId === 'template.error');
    expect(f?.severity).toBe('error');
    expect(f?.field).toBe('constructor.constructor');
    expect(f?.message.en).toMatch(/line 2: "constructor.constructor" reaches into a prototype/);
    expect(v.caption).toBe('');
    expect(await savedState(ws)).toEqual(before);
  });

  it('compose.preview prints template-looking post text literally and writes nothing', async () => {
    const before = await savedState(ws);
    const evil = '{{constructor.constructor}} {{__proto__}} {{lookup this "constructor"}} {{* foo}} {{#each vars}}x{{/each}}';
    const unsaved = { ...structuredClone(post), head: lexicalFromText(evil), templates: { ...post.templates, caption: { template: post.templates.caption!.template, version: 1 } } };
    const v = await dispatch('compose.preview', { post: unsaved, group, store }, ctx(ws));
    expect(v.findings.filter((x) => x.ruleId.startsWith('template.'))).toEqual([]);
    expect(v.caption).toContain(evil);
    expect(await savedState(ws)).toEqual(before);
  });

  it('compose.preview refuses a post object carrying __proto__ keys before composing', async () => {
    const before = await savedState(ws);
    const input = JSON.parse(`{"post": ${JSON.stringify({ ...post })}, "group": "${group}", "store": "${store}"}`);
    input.post.head.root = JSON.parse('{"type":"root","children":[],"__proto__":{"polluted":1}}');
    await expect(dispatch('compose.preview', input, ctx(ws))).rejects.toMatchObject({ code: 'bad_input', message: expect.stringContaining('__proto__') });
    expect(({} as Record<string, unknown>).polluted).toBeUndefined();
    expect(await savedState(ws)).toEqual(before);
  });

  it('templates.addVersion refuses a caption source the engine refuses, saving nothing', async () => {
    const before = await savedState(ws);
    const cap = ws.data().templates.find((t) => t.kind === 'caption')!;
    const err = await dispatch('templates.addVersion', { template: cap.id, source: '{{lookup this "constructor"}}' }, ctx(ws)).catch((e) => e);
    expect(err).toMatchObject({ code: 'bad_input', field: 'source' });
    expect(await savedState(ws)).toEqual(before);
  });
});
