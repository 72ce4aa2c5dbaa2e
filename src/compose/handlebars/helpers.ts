import Handlebars from 'handlebars';
import { formatDate, formatDateCn, formatPrice, type PriceStyle } from '../format.js';
import { charCount, graphemes, stripEmoji } from '../../model/text.js';
import { withChannel } from '../link.js';

/** Handlebars' helper options as our helpers use them. */
export interface BlockOptions {
  fn: (ctx: unknown, opts?: { data?: unknown; blockParams?: unknown[] }) => string;
  inverse: (ctx: unknown, opts?: { data?: unknown; blockParams?: unknown[] }) => string;
  data?: { root?: Record<string, unknown> } & Record<string, unknown>;
  hash: Record<string, unknown>;
}

/** What a helper implementation gets besides its arguments. */
export interface HelperCall {
  self: unknown;
  options: BlockOptions;
  /** The template data's root object (the variant context). */
  root: Record<string, unknown>;
  /** Throws a TemplateError naming the template, line and helper. */
  fail(detail: string): never;
  /** Counts one #each iteration and the output so far against the render's limits. */
  tick(outputLength: number): void;
  /** The per-#each item limit. */
  maxItems: number;
}

/** One helper: its arity (checked on the template before compiling), docs and implementation. */
export interface HelperSpec {
  name: string;
  /** Minimum and maximum number of positional arguments. */
  min: number;
  max: number;
  /** 'block' helpers are used as {{#name}}...{{/name}}; 'inline' ones as {{name ...}} or (name ...). */
  kind: 'inline' | 'block';
  summary: string;
  example: string;
  impl: (args: unknown[], call: HelperCall) => unknown;
}

function str(value: unknown, call: HelperCall, what: string): string {
  if (typeof value === 'string') return value;
  if (typeof value === 'number' || typeof value === 'boolean') return String(value);
  if (value === null) return '';
  return call.fail(`${what} must be text, got ${Array.isArray(value) ? 'a list' : typeof value}`);
}

/** Handlebars' #if rule: false, null, '', 0 and [] are empty. */
function truthy(value: unknown): boolean {
  return Boolean(value) && !(Array.isArray(value) && value.length === 0);
}

function leg(root: Record<string, unknown>): string | undefined {
  const group = root.group as { rules?: { legWeight?: string } } | undefined;
  return group?.rules?.legWeight;
}

const LEG_WEIGHTS = ['light', 'normal', 'strong'];
/** Where truncate may end a text without an ellipsis: after a sentence end, or before a clause end. */
const SENTENCE_END: ReadonlySet<string> = new Set([...'。！？!?']);
const CLAUSE_END: ReadonlySet<string> = new Set([...'，；：、,;:']);
const PRICE_STYLES: PriceStyle[] = ['symbol', 'yuan', 'plain'];

/** Our iteration helper: like Handlebars' each, but counted against the render's runaway limits. */
function each(args: unknown[], call: HelperCall): string {
  const [list] = args;
  const { options } = call;
  if (list === null || list === false || list === '') return options.inverse(call.self);
  if (typeof list !== 'object') return call.fail(`#each needs a list or an object, got ${typeof list}`);
  const entries: [string | number, unknown][] = Array.isArray(list)
    ? list.map((v, i) => [i, v])
    : Object.keys(list as object).map((k) => [k, (list as Record<string, unknown>)[k]]);
  if (entries.length > call.maxItems) return call.fail(`#each over ${entries.length} items (the limit is ${call.maxItems}): the template runs away`);
  if (entries.length === 0) return options.inverse(call.self);
  const data = Handlebars.createFrame(options.data ?? {});
  let out = '';
  entries.forEach(([key, value], index) => {
    data.key = key;
    data.index = index;
    data.first = index === 0;
    data.last = index === entries.length - 1;
    out += options.fn(value, { data, blockParams: [value, key] });
    call.tick(out.length);
  });
  return out;
}

/** Every helper of the studio's one Handlebars environment (docs/templates.md lists them). */
export const HELPERS: HelperSpec[] = [
  {
    name: 'if', min: 1, max: 1, kind: 'block',
    summary: 'Shows the block when the value is set and not empty (0 and [] count as empty); {{else}} otherwise. A field that does not exist is an error.',
    example: '{{#if store.phone}}电话 {{store.phone}}{{else}}到店咨询{{/if}}',
    impl: ([v], { options, self }) => (truthy(v) ? options.fn(self) : options.inverse(self)),
  },
  {
    name: 'unless', min: 1, max: 1, kind: 'block',
    summary: 'The opposite of #if.',
    example: '{{#unless group.rules.emojiAllowed}}（本群不发表情）{{/unless}}',
    impl: ([v], { options, self }) => (truthy(v) ? options.inverse(self) : options.fn(self)),
  },
  {
    name: 'each', min: 1, max: 1, kind: 'block',
    summary: 'Repeats the block for each item of a list (or key of an object); @index, @first, @last, @key. Capped: see the runaway limits.',
    example: '{{#each channels}}{{name}}{{#unless @last}}、{{/unless}}{{/each}}',
    impl: each,
  },
  {
    name: 'with', min: 1, max: 1, kind: 'block',
    summary: 'Runs the block with the value as `this`; {{else}} when it is empty.',
    example: '{{#with brand.ip}}{{name}}：{{greeting}}{{/with}}',
    impl: ([v], { options, self }) => (truthy(v) ? options.fn(v, { data: options.data, blockParams: [v] }) : options.inverse(self)),
  },
  {
    name: 'date', min: 1, max: 2, kind: 'inline',
    summary: 'A date in Chinese style. Tokens: YYYY YY MM M DD D HH H mm W(周六); default "M月D日". Date-only values are taken as written; timestamps are read in China time (UTC+8).',
    example: '{{date post.validUntil "M月D日"}} → 2月14日',
    impl: ([v, fmt], call) => formatDate(v, fmt === undefined ? undefined : str(fmt, call, 'the date format')) ?? call.fail(`"${String(v)}" is not a date`),
  },
  {
    name: 'dateCn', min: 1, max: 1, kind: 'inline',
    summary: 'A date with its weekday, "M月D日（周X）".',
    example: '{{dateCn post.validUntil}} → 2月14日（周六）',
    impl: ([v], call) => formatDateCn(v) ?? call.fail(`"${String(v)}" is not a date`),
  },
  {
    name: 'price', min: 1, max: 2, kind: 'inline',
    summary: 'A price in yuan. Styles: "symbol" (default, ¥39.9), "yuan" (39.90元), "plain" (39.90).',
    example: '{{price post.product.price}} → ¥39.9 · {{price post.product.price "yuan"}} → 39.90元',
    impl: ([v, style], call) => {
      const s = style === undefined ? 'symbol' : str(style, call, 'the price style');
      if (!PRICE_STYLES.includes(s as PriceStyle)) return call.fail(`price style "${s}" is not one of ${PRICE_STYLES.join(', ')}`);
      return formatPrice(v, s as PriceStyle) ?? call.fail(`"${String(v)}" is not a price`);
    },
  },
  {
    name: 'link', min: 0, max: 1, kind: 'inline',
    summary: 'The variant\'s tracking link; with a channel id, the link also names the channel (sq_ch). See docs/tracking-links.md.',
    example: '{{link}} · {{link "moments"}}',
    impl: ([channel], call) => {
      const base = call.root.link;
      if (typeof base !== 'string' || !base) return call.fail('the context has no tracking link');
      return channel === undefined ? base : withChannel(base, str(channel, call, 'the channel id'));
    },
  },
  {
    name: 'truncate', min: 2, max: 3, kind: 'inline',
    summary: 'Shortens text to at most N characters (emoji and Chinese count as one): at the last sentence or clause end that keeps at least half, else cut with "…" (or the third argument). For titles only: captions are never cut silently.',
    example: '{{truncate post.title 12}}',
    impl: ([text, n, ellipsis], call) => {
      const s = str(text, call, 'the text');
      if (typeof n !== 'number' || !Number.isInteger(n) || n < 1) return call.fail(`the length must be a whole number ≥ 1, got ${String(n)}`);
      const mark = ellipsis === undefined ? '…' : str(ellipsis, call, 'the ellipsis');
      if (charCount(s) <= n) return s;
      const g = graphemes(s);
      // A whole sentence or clause reads better than a cut word: end there when it keeps half the room.
      for (let i = Math.min(n, g.length) - 1; i >= Math.ceil(n / 2); i--) {
        if (SENTENCE_END.has(g[i]!)) return g.slice(0, i + 1).join('');
        if (CLAUSE_END.has(g[i]!)) return g.slice(0, i).join('');
      }
      const keep = Math.max(0, n - charCount(mark));
      return g.slice(0, keep).join('') + mark;
    },
  },
  { name: 'eq', min: 2, max: 2, kind: 'inline', summary: 'True when both values are equal (===).', example: '{{#if (eq group.id "vip")}}尊享{{/if}}', impl: ([a, b]) => a === b },
  { name: 'ne', min: 2, max: 2, kind: 'inline', summary: 'True when the values differ.', example: '{{#if (ne group.id "community")}}…{{/if}}', impl: ([a, b]) => a !== b },
  { name: 'and', min: 2, max: 9, kind: 'inline', summary: 'True when every value is set and not empty.', example: '{{#if (and store.phone store.address)}}…{{/if}}', impl: (args) => args.every(truthy) },
  { name: 'or', min: 2, max: 9, kind: 'inline', summary: 'True when any value is set and not empty.', example: '{{#if (or (eq group.id "vip") (eq group.id "koc"))}}…{{/if}}', impl: (args) => args.some(truthy) },
  { name: 'not', min: 1, max: 1, kind: 'inline', summary: 'True when the value is empty.', example: '{{#if (not post.offer)}}…{{/if}}', impl: ([v]) => !truthy(v) },
  {
    name: 'noEmoji', min: 1, max: 1, kind: 'inline',
    summary: 'The text without emoji (keycap digits kept). Group types with emoji off get this on the whole caption anyway.',
    example: '{{noEmoji sections.head}}',
    impl: ([text], call) => stripEmoji(str(text, call, 'the text')),
  },
  {
    name: 'legWeight', min: 1, max: 3, kind: 'inline',
    summary: 'True when the group type\'s leg weight (light, normal, strong) is one of the arguments.',
    example: '{{#if (legWeight "strong")}}今晚截止！{{/if}}',
    impl: (args, call) => {
      for (const a of args) if (!LEG_WEIGHTS.includes(String(a))) call.fail(`leg weight "${String(a)}" is not one of ${LEG_WEIGHTS.join(', ')}`);
      const w = leg(call.root);
      if (!w) return call.fail('the context has no group type');
      return args.includes(w);
    },
  },
  {
    name: 'literal', min: 1, max: 1, kind: 'inline',
    summary: 'Prints its text argument as written. Section text uses it for a "{" or "}" right next to a variable, which Handlebars would otherwise read as part of the braces.',
    example: '{{literal "{"}}{{vars.storeName}}{{literal "}"}} → {山野便利店}',
    impl: ([text], call) => str(text, call, 'the text'),
  },
  {
    name: 'default', min: 2, max: 2, kind: 'inline',
    summary: 'The first value unless it is empty, else the second.',
    example: '{{default store.nickname store.ownerName}}',
    impl: ([v, fallback]) => (v === null || v === '' ? fallback : v),
  },
  {
    name: 'firstLine', min: 1, max: 1, kind: 'inline',
    summary: 'The first non-empty line of the text.',
    example: '{{firstLine sections.head}}',
    impl: ([text], call) => str(text, call, 'the text').split('\n').map((l) => l.trim()).find(Boolean) ?? '',
  },
  {
    name: 'hashtag', min: 1, max: 1, kind: 'inline',
    summary: 'A hashtag for 视频号/抖音: "#" + the text without spaces or "#"; empty text gives nothing.',
    example: '{{hashtag brand.name}} → #山野零食',
    impl: ([text], call) => {
      const s = str(text, call, 'the text').replace(/[\s#]+/g, '');
      return s ? `#${s}` : '';
    },
  },
];

/** The helpers by name. */
export const HELPER_MAP: ReadonlyMap<string, HelperSpec> = new Map(HELPERS.map((h) => [h.name, h]));
