import { z } from 'zod';
import { VARIABLES, VARIABLE_NAMES, variableExpression, type VariableName } from './nodes/variables.js';

/**
 * Caption templates as a form (issue 17): five blocks — greeting, body, offer, link line, closing —
 * for every group type, plus the blocks any other group type gets. Text is plain with chips
 * written `{店主昵称}` (a variable's Chinese or English label or its name) and `{头部}` `{腰部}`
 * `{腿部}` `{开场白}` for the post's parts; the Handlebars source is generated from it, and the form
 * travels in the source's header so the editor can open it again. Browser-safe.
 */

/** The blocks of a caption, in the order they are written. */
export const CAPTION_BLOCKS = ['greeting', 'body', 'offer', 'link', 'closing'] as const;
export type CaptionBlock = (typeof CAPTION_BLOCKS)[number];

const Blocks = z.object({ greeting: z.string().max(2000), body: z.string().max(4000), offer: z.string().max(2000), link: z.string().max(1000), closing: z.string().max(2000) }).strict();
/** The five blocks' text. */
export type CaptionBlocks = z.infer<typeof Blocks>;

/** A caption template as a form: the blocks for any group type, and each named group type's own. */
export const CaptionForm = z
  .object({
    v: z.literal(1),
    blocks: Blocks,
    groups: z.record(z.string().regex(/^[a-z0-9][a-z0-9_-]*$/), Blocks).default({}),
  })
  .strict();
export type CaptionForm = z.infer<typeof CaptionForm>;

/** The post's parts as chips: name → [中文, English] label and the expression it writes. */
export const SECTION_CHIPS = {
  hook: { zh: '开场白', en: 'Opening line', expr: '{{#if hook}}{{hook}}{{/if}}' },
  head: { zh: '头部', en: 'Head', expr: '{{sections.head}}' },
  waist: { zh: '腰部', en: 'Waist', expr: '{{sections.waist}}' },
  leg: { zh: '腿部', en: 'Leg', expr: '{{sections.leg}}' },
} as const;

/** A form to start from: the default caption's shape, for every group type alike. */
export function defaultCaptionForm(): CaptionForm {
  return {
    v: 1,
    blocks: { greeting: '大家好，', body: '{开场白}\n{头部}\n\n{腰部}\n\n{腿部}', offer: '', link: '', closing: '—— {店主昵称}' },
    groups: {},
  };
}

/** Every label a chip may be written with, to the expression it stands for. */
function chipTable(): Map<string, string> {
  const m = new Map<string, string>();
  for (const [name, c] of Object.entries(SECTION_CHIPS)) for (const k of [name, c.zh, c.en]) m.set(k, c.expr);
  for (const name of VARIABLE_NAMES) {
    const v = VARIABLES[name as VariableName];
    for (const k of [name, v.zh, v.en]) m.set(k, variableExpression(name as VariableName));
  }
  return m;
}

/** Raised for a chip the form does not know; `block` names where. */
export class CaptionFormError extends Error {
  constructor(message: string, readonly block: string) {
    super(message);
    this.name = 'CaptionFormError';
  }
}

/** One block's text as Handlebars: chips become expressions, anything else is literal text. */
export function blockToHandlebars(text: string, where = 'block'): string {
  const chips = chipTable();
  // Literal braces the author typed must not become Handlebars.
  return text.replace(/\{([^{}\n]{1,30})\}|\{\{/g, (whole, label: string | undefined) => {
    if (whole === '{{') return '\\{{';
    const expr = chips.get(label!.trim());
    if (!expr) throw new CaptionFormError(`${where}: {${label}} is not a variable; use a chip (e.g. {店主昵称}) or remove the braces`, where);
    return expr;
  });
}

function blocksSource(b: CaptionBlocks, where: string): string {
  return CAPTION_BLOCKS.map((k) => b[k].trim() && blockToHandlebars(b[k].trim(), `${where}.${k}`))
    .filter(Boolean)
    .join('\n');
}

const FORM_LINE = 'form:';

/**
 * The Handlebars source of a form: the header (`id`, `name`, `channel`, `description` lines kept
 * from `header`) with the form as one JSON line, then one branch per group type and the others.
 */
export function captionSourceFromForm(form: CaptionForm, header: Record<string, string>): string {
  const head = Object.entries(header)
    .filter(([k]) => k !== 'form')
    .map(([k, v]) => `${k}: ${v.replace(/\n/g, ' ')}`);
  const groups = Object.entries(form.groups);
  const lines = ['{{!--', ...head, `${FORM_LINE} ${JSON.stringify(form)}`, '--}}'];
  if (!groups.length) lines.push(blocksSource(form.blocks, 'blocks'));
  else {
    groups.forEach(([id, b], i) => {
      lines.push(`{{${i ? 'else ' : '#'}if (eq group.id "${id}")}}`, blocksSource(b, `groups.${id}`));
    });
    lines.push('{{else}}', blocksSource(form.blocks, 'blocks'), '{{/if}}');
  }
  return `${lines.filter((l) => l !== '').join('\n')}\n`;
}

/**
 * The form a source was generated from, when it still is exactly what the form generates (an
 * edit of the source by hand leaves `edited: true`: the form then starts again from it).
 */
export function captionFormOf(source: string): { form?: CaptionForm; header: Record<string, string>; edited: boolean } {
  const m = /^\{\{!--\n([\s\S]*?)\n--\}\}/.exec(source);
  const header: Record<string, string> = {};
  let json: string | undefined;
  for (const line of m?.[1]?.split('\n') ?? []) {
    const kv = /^([A-Za-z]+):\s*(.*)$/.exec(line.trim());
    if (!kv) continue;
    if (kv[1] === 'form') json = kv[2];
    else header[kv[1]!] = kv[2]!;
  }
  if (json === undefined) return { header, edited: false };
  let form: CaptionForm;
  try {
    form = CaptionForm.parse(JSON.parse(json));
  } catch {
    return { header, edited: true };
  }
  let same = false;
  try {
    same = captionSourceFromForm(form, header) === source;
  } catch {
    same = false;
  }
  return { form, header, edited: !same };
}
