import { readSection, type SectionReader } from '../compose/sections.js';
import type { GroupType, Post } from '../model/index.js';
import { VARIABLES, type VariableName } from '../model/shared.js';

/**
 * The hook a post opens with in a group type: the text of its head (头部) on one line, variables
 * shown as `{昵称}`. This is the one place that decides what "hook" means for results: when posts
 * get a hook of their own per group type, return it here.
 */
export function hookOf(post: Pick<Post, 'head'>, _group?: Pick<GroupType, 'id'>, reader?: SectionReader): string {
  let lines;
  try {
    lines = readSection(post.head, 'head', reader);
  } catch {
    return '';
  }
  return lines
    .map((line) => line.map((s) => (s.type === 'var' ? `{${VARIABLES[s.name as VariableName]?.zh ?? s.name}}` : s.text)).join(''))
    .join(' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** The template versions a post is made with, as `id@version` (caption, poster, video pins). */
export function templatesOf(post: Pick<Post, 'templates'>): string[] {
  return (['caption', 'poster', 'video'] as const).flatMap((k) => {
    const pin = post.templates[k];
    return pin ? [`${pin.template}@${pin.version}`] : [];
  });
}
