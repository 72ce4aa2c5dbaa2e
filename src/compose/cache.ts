import type { Template } from '../model/index.js';
import { builtinCaptionsDir, loadBuiltinCaptionTemplates } from './builtins.js';
import { loadAdLawRules, type LoadedAdLawRules } from './checks/adLaw.js';
import { createTemplateEngine, type TemplateEngine } from './handlebars/index.js';
import { SectionReader } from './sections.js';

/**
 * What composing keeps between calls: compiled templates, the headless editor and recently read
 * sections, the Advertising-Law rules and the built-in caption templates, each loaded once. Nothing
 * is kept at module level: the workspace's services hold one cache (live previews), an export or a
 * check run makes its own, and a one-off call gets a fresh one.
 */
export class ComposeCache {
  readonly engine: TemplateEngine = createTemplateEngine();
  readonly sections = new SectionReader();
  private rules?: LoadedAdLawRules;
  private builtins?: { dir: string; templates: Template[] };

  /** templates/rules/ad-law-terms.json, loaded on first use. */
  adLaw(): LoadedAdLawRules {
    return (this.rules ??= loadAdLawRules());
  }

  /** The built-in caption templates (templates/captions, or `dir`), loaded on first use. */
  builtinCaptions(dir?: string): readonly Template[] {
    const root = builtinCaptionsDir(dir);
    if (this.builtins?.dir !== root) this.builtins = { dir: root, templates: loadBuiltinCaptionTemplates(root) };
    return this.builtins.templates;
  }
}
