import { loadBuiltinCaptionTemplates } from '../compose/builtins.js';
import type { Template } from '../model/index.js';
import { builtinPosterTemplates } from '../render/template/builtins.js';
import { builtinVideoTemplates } from '../video/builtins.js';

/** The built-in templates every new workspace starts with (captions, posters, video storyboards), version 1 approved. */
export async function builtinTemplates(): Promise<Template[]> {
  return [...loadBuiltinCaptionTemplates(), ...builtinPosterTemplates(), ...builtinVideoTemplates()];
}
