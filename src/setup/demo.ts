import { addPendingReview, buildDemoStudio, withBuiltinTemplates } from '../demo/index.js';
import type { StudioData, Template } from '../model/index.js';
import { builtinTemplates } from './builtins.js';

/**
 * A reviewable change to a built-in template: the manager's queue is not empty on first start,
 * and the posts stay pinned to the approved version 1, so every demo post still exports.
 */
function pendingChange(templates: Template[]): { template: string; source: string } | undefined {
  const poster = templates.find((t) => t.kind === 'poster') ?? templates[0];
  if (!poster) return undefined;
  const v1 = poster.versions[0]!.source;
  // A festive accent: the first colour literal of the layout becomes the Spring-Festival red.
  const changed = v1.replace(/#[0-9a-fA-F]{6}/, '#D7261E');
  return { template: poster.id, source: changed === v1 ? `${v1}\n` : changed };
}

/** The built-in demo workspace's content: demo data, built-in templates, and one version waiting for review. */
export async function demoStudio(): Promise<{ data: StudioData; assets: { name: string; bytes: Buffer }[] }> {
  const { data, assets } = await buildDemoStudio();
  const templates = await builtinTemplates();
  const withTemplates = withBuiltinTemplates(data, templates);
  const change = pendingChange(withTemplates.templates);
  if (change) addPendingReview(withTemplates, change.template, change.source);
  return { data: withTemplates, assets };
}
