import type { StudioData, Template, TemplatePin } from '../model/index.js';

type Kind = Template['kind'];

/** The default template of a kind: one whose id contains "default", else the first of that kind. */
function defaultOf(templates: Template[], kind: Kind): Template | undefined {
  const ofKind = templates.filter((t) => t.kind === kind);
  return ofKind.find((t) => /default/i.test(t.id)) ?? ofKind[0];
}

/**
 * Adds the built-in templates to the demo (an id already present is kept as is) and pins every post
 * that has no pin of a kind to version 1 of that kind's default template. Returns a new object.
 */
export function withBuiltinTemplates(data: StudioData, templates: Template[]): StudioData {
  const out = structuredClone(data);
  for (const t of templates) if (!out.templates.some((x) => x.id === t.id)) out.templates.push(structuredClone(t));
  for (const kind of ['caption', 'poster', 'video'] as const) {
    const t = defaultOf(out.templates, kind);
    if (!t) continue;
    const v1 = t.versions.find((v) => v.version === 1) ?? t.versions[0]!;
    const pin: TemplatePin = { template: t.id, version: v1.version };
    for (const post of out.posts) post.templates[kind] ??= { ...pin };
  }
  return out;
}
