import type { StudioData, Template, TemplatePin } from '../model/index.js';
import { defaultTemplateOf } from '../compose/templates.js';

/**
 * Adds the built-in templates to the demo (an id already present is kept as is) and pins every post
 * that has no pin of a kind to version 1 of that kind's default template. Returns a new object.
 */
export function withBuiltinTemplates(data: StudioData, templates: Template[]): StudioData {
  const out = structuredClone(data);
  for (const t of templates) if (!out.templates.some((x) => x.id === t.id)) out.templates.push(structuredClone(t));
  for (const kind of ['caption', 'poster', 'video'] as const) {
    const t = defaultTemplateOf(out.templates, kind, false);
    if (!t) continue;
    const v1 = t.versions.find((v) => v.version === 1) ?? t.versions[0]!;
    const pin: TemplatePin = { template: t.id, version: v1.version };
    for (const post of out.posts) post.templates[kind] ??= { ...pin };
  }
  return out;
}
