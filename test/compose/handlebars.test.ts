import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { HELPERS, renderTemplate, TemplateError, validateTemplate } from '../../src/compose/handlebars/index.js';

const ctx = {
  group: { id: 'vip', rules: { legWeight: 'light' } },
  store: { storeName: '幸福里店', phone: '', nickname: '芳姐' },
  post: { validUntil: '2027-02-14', stamp: '2027-02-13T17:30:00Z', price: 39.9, title: '一二三四五六七八九十' },
  link: 'https://shop.example.com/s/1?sq_post=p1&sq_group=vip&sq_store=S1',
  list: ['a', 'b', 'c'],
  obj: { x: 1, y: 2 },
  empty: [],
  none: null,
};
const r = (src: string, c: object = ctx, mode: 'text' | 'html' = 'text') => renderTemplate('t-test', src, c, { mode });

/** Runs and returns the TemplateError thrown. */
function err(src: string, c: object = ctx): TemplateError {
  try {
    r(src, c);
  } catch (e) {
    expect(e).toBeInstanceOf(TemplateError);
    return e as TemplateError;
  }
  throw new Error(`expected an error for ${src}`);
}

describe('helpers', () => {
  it('date and dateCn format Chinese dates (date-only as written, timestamps in UTC+8)', () => {
    expect(r('{{date post.validUntil}}')).toBe('2月14日');
    expect(r('{{date post.validUntil "YYYY年MM月DD日 W"}}')).toBe('2027年02月14日 周日');
    expect(r('{{date post.stamp "M月D日 HH:mm"}}')).toBe('2月14日 01:30');
    expect(r('{{dateCn post.validUntil}}')).toBe('2月14日（周日）');
    expect(err('{{date store.storeName}}').message).toMatch(/helper "date".*not a date/);
  });

  it('price prints ¥ without trailing zeros, or yuan with two decimals', () => {
    expect(r('{{price post.price}} {{price 39}} {{price 12.5}} {{price 0.05}}')).toBe('¥39.9 ¥39 ¥12.5 ¥0.05');
    expect(r('{{price post.price "yuan"}} {{price 39 "plain"}}')).toBe('39.90元 39.00');
    expect(err('{{price post.price "usd"}}').message).toMatch(/price style "usd"/);
    expect(err('{{price store.storeName}}').message).toMatch(/not a price/);
  });

  it('link gives the tracking link, and with a channel adds sq_ch after sq_store', () => {
    expect(r('{{link}}')).toBe(ctx.link);
    expect(r('{{link "moments"}}')).toBe('https://shop.example.com/s/1?sq_post=p1&sq_group=vip&sq_store=S1&sq_ch=moments');
    expect(err('{{link}}', { ...ctx, link: '' }).message).toMatch(/no tracking link/);
  });

  it('truncate cuts by characters (emoji count once) and says so with an ellipsis', () => {
    expect(r('{{truncate post.title 5}}')).toBe('一二三四…');
    expect(r('{{truncate post.title 20}}')).toBe(post10());
    expect(r('{{truncate "👨‍👩‍👧👍🏻ab" 3 ""}}')).toBe('👨‍👩‍👧👍🏻a');
    expect(err('{{truncate post.title 0}}').message).toMatch(/whole number/);
  });

  it('eq, ne, and, or, not', () => {
    expect(r('{{#if (eq group.id "vip")}}Y{{else}}N{{/if}}{{#if (ne group.id "vip")}}Y{{else}}N{{/if}}')).toBe('YN');
    expect(r('{{and 1 "x"}} {{and 1 ""}} {{or 0 ""}} {{or 0 "x" null}} {{not empty}} {{not list}}')).toBe('true false false true true false');
  });

  it('noEmoji strips emoji (keycaps keep their digit, ™ stays) and tidies spaces', () => {
    expect(r('{{noEmoji "好吃😋推荐 🎉🎉 ok 1️⃣ 👨‍👩‍👧 🇨🇳 品牌™"}}')).toBe('好吃推荐 ok 1 品牌™');
  });

  it('legWeight tests the group type\'s leg weight', () => {
    expect(r('{{#if (legWeight "light")}}soft{{/if}}|{{#if (legWeight "normal" "strong")}}push{{/if}}')).toBe('soft|');
    expect(err('{{legWeight "hard"}}').message).toMatch(/leg weight "hard"/);
  });

  it('default, firstLine, hashtag, literal', () => {
    expect(r('{{default store.phone "到店咨询"}} {{default store.nickname "x"}}')).toBe('到店咨询 芳姐');
    expect(r('{{firstLine multi}}', { ...ctx, multi: '\n  \n第一行\n第二行' })).toBe('第一行');
    expect(r('{{hashtag "山野 零食#"}}|{{hashtag ""}}')).toBe('#山野零食|');
    expect(r('{{literal "{"}}{{store.nickname}}{{literal "}}"}}')).toBe('{芳姐}}');
  });

  it('if / unless / each / with behave like Handlebars (0, "" , null and [] are empty)', () => {
    expect(r('{{#each list}}{{@index}}{{this}}{{#if @last}}.{{else}},{{/if}}{{/each}}')).toBe('0a,1b,2c.');
    expect(r('{{#each obj as |v k|}}{{k}}={{v}} {{/each}}{{#each empty}}x{{else}}none{{/each}}')).toBe('x=1 y=2 none');
    expect(r('{{#with store}}{{nickname}}{{/with}}{{#with none}}x{{else}}-{{/with}}')).toBe('芳姐-');
    expect(r('{{#unless store.phone}}no phone{{/unless}}{{#if 0}}x{{/if}}{{#if none}}x{{/if}}')).toBe('no phone');
  });

  it('every helper is documented in docs/templates.md with an example', () => {
    const doc = readFileSync(join(__dirname, '..', '..', 'docs', 'templates.md'), 'utf8');
    for (const h of HELPERS) {
      expect(doc, h.name).toContain(`\`${h.name}\``);
      expect(h.example.length, h.name).toBeGreaterThan(5);
    }
  });
});

function post10(): string {
  return '一二三四五六七八九十';
}

describe('errors name the template, the line and the field or helper', () => {
  it('a missing field, also nested and inside a block', () => {
    const e = err('第一行\n{{store.phon}}');
    expect(e.message).toBe('template "t-test" line 2: missing field "store.phon"');
    expect([e.code, e.templateId, e.line, e.field]).toEqual(['missing_field', 't-test', 2, 'store.phon']);
    expect(err('a\nb\n{{#each list}}{{nope}}{{/each}}').message).toMatch(/line 3: missing field "nope"/);
  });

  it('a missing field given to a helper (Handlebars strict mode alone lets these through)', () => {
    const e = err('x\n{{date post.validUntl}}');
    expect(e.message).toBe('template "t-test" line 2: missing field "post.validUntl" (argument 1 of helper "date")');
    expect(e.field).toBe('post.validUntl');
    expect(err('{{#if store.phonee}}x{{/if}}').field).toBe('store.phonee');
    expect(err('{{#if (eq grup.id "vip")}}x{{/if}}').field).toBe('grup.id');
  });

  it('a missing helper argument (arity checked before compiling)', () => {
    const e = err('\n\n  {{date}}');
    expect(e.message).toBe('template "t-test" line 3: helper "date" needs 1 to 2 arguments, got 0');
    expect([e.code, e.field]).toEqual(['helper_arity', 'date']);
    expect(err('{{eq group.id}}').message).toMatch(/helper "eq" needs 2 arguments, got 1/);
    expect(err('{{#if}}x{{/if}}').message).toMatch(/helper "if" needs 1 argument, got 0/);
    expect(err('{{not 1 2}}').message).toMatch(/needs 1 argument, got 2/);
  });

  it('an unknown helper, a block misuse, named arguments', () => {
    const e = err('a\n{{upper store.storeName}}');
    expect(e.message).toMatch(/line 2: unknown helper "upper"/);
    expect([e.code, e.field]).toEqual(['unknown_helper', 'upper']);
    expect(err('{{lookup store "x"}}').code).toBe('unknown_helper');
    expect(err('{{log "x"}}').code).toBe('unknown_helper');
    expect(err('{{#date post.validUntil}}{{/date}}').message).toMatch(/not a block helper/);
    expect(err('{{if 1}}').message).toMatch(/is a block helper/);
    expect(err('{{date post.validUntil format="M"}}').code).toBe('named_argument');
  });

  it('syntax errors carry the line', () => {
    const e = err('ok\n{{#if 1}}never closed');
    expect(e.code).toBe('syntax');
    expect(e.message).toMatch(/^template "t-test"/);
  });
});

describe('what templates may not do', () => {
  it('triple-stash and {{& }} are refused', () => {
    expect(err('{{{store.storeName}}}').code).toBe('triple_stash');
    expect(err('x {{& store.storeName}}').code).toBe('triple_stash');
    expect(() => validateTemplate('poster', '<b>{{{x}}}</b>', 'html')).toThrow(/triple-stash/);
  });

  it('partials and decorators are refused', () => {
    expect(err('{{> footer}}').code).toBe('partial');
    expect(err('{{#> layout}}x{{/layout}}').code).toBe('partial');
    expect(err('{{* deco}}').code).toBe('decorator');
  });

  it('prototype paths are refused, and prototype access stays at the default (off)', () => {
    expect(err('{{store.constructor}}').code).toBe('forbidden_field');
    expect(err('{{store.__proto__.x}}').code).toBe('forbidden_field');
    expect(err('{{#each store.constructor.name}}{{/each}}').code).toBe('forbidden_field');
    const src = readFileSync(join(__dirname, '..', '..', 'src', 'compose', 'handlebars', 'env.ts'), 'utf8');
    expect(src).not.toMatch(/allowProto\w+\s*:/);
  });

  it('templates are compiled from strings only', () => {
    for (const bad of [42, null, { type: 'Program', body: [] }, () => 'x']) {
      expect(() => renderTemplate('obj', bad as never, ctx)).toThrow(/must be a string/);
    }
  });
});

describe('runaway templates are stopped with a clear error, quickly', () => {
  const quick = (fn: () => void, pattern: RegExp) => {
    const t0 = performance.now();
    expect(fn).toThrow(pattern);
    expect(performance.now() - t0).toBeLessThan(1500);
  };
  const big = { ...ctx, big: Array.from({ length: 5000 }, (_, i) => i), mid: Array.from({ length: 200 }, (_, i) => i), long: 'x'.repeat(5000) };

  it('#each over too many items', () => quick(() => r('{{#each big}}{{this}}{{/each}}', big), /#each over 5000 items \(the limit is 1000\).*runs away/));
  it('nested #each past the total iteration budget', () => quick(() => r('{{#each mid}}{{#each @root.mid}}{{#each @root.mid}}.{{/each}}{{/each}}{{/each}}', big), /more than 10000 #each iterations/));
  it('output too large', () => quick(() => r('{{#each mid}}{{@root.long}}{{/each}}', big), /output over 200000 characters/));
  it('blocks nested too deep', () => quick(() => r('{{#if 1}}'.repeat(5000) + '{{/if}}'.repeat(5000)), /nested deeper than 12 levels/));
  it('sub-expressions nested too deep', () => quick(() => r(`{{not ${'(not '.repeat(3000)}1${')'.repeat(3000)}}}`), /sub-expressions nested deeper than 12/));
  it('a source too large', () => quick(() => r('x'.repeat(100_001)), /100001 characters; the limit is 100000/));
  it('else-if chains do not count as depth', () => {
    const chain = `{{#if (eq group.id "a")}}a${Array.from({ length: 20 }, (_, i) => `{{else if (eq group.id "g${i}")}}${i}`).join('')}{{else}}none{{/if}}`;
    expect(r(chain)).toBe('none');
  });
});

describe('escaping: captions are plain text, posters are HTML', () => {
  const nasty = { ...ctx, store: { storeName: 'A&B <b>"好货"</b> \'老王\' {{store.phone}} {{#each list}}x{{/each}}', phone: '123' } };

  it('text mode prints values as they are and never evaluates them as templates', () => {
    expect(r('店：{{store.storeName}}', nasty)).toBe('店：A&B <b>"好货"</b> \'老王\' {{store.phone}} {{#each list}}x{{/each}}');
  });

  it('html mode escapes & < > " \' (and the value is still never evaluated)', () => {
    expect(r('<p>{{store.storeName}}</p>', nasty, 'html')).toBe(
      '<p>A&amp;B &lt;b&gt;&quot;好货&quot;&lt;/b&gt; &#x27;老王&#x27; {{store.phone}} {{#each list}}x{{/each}}</p>',
    );
    expect(r('{{truncate store.storeName 4}}', nasty, 'html')).toBe('A&amp;B…');
  });
});
