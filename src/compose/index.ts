/** Compose: Lexical sections → per-variant captions and channel texts through the studio's Handlebars environment, plus the checks. */
export { composeVariant, composeAll, composePlanned, type ComposedVariant, type ComposeOptions } from './compose.js';
export { plan, planVariants, groupTypesFor, type Plan, type PlanSelection, type PlannedVariant, type StorePlan, type VariantFilter } from './plan.js';
export { ComposeCache } from './cache.js';
export { pinnedTemplate, templateLabel, type ResolvedTemplate } from './templates.js';
export { checkWorkspace, type CheckReport } from './checkAll.js';
export { buildVariantContext, templateData, postSections, variantLink } from './context.js';
export { buildTrackingLink, parseTrackingLink, withChannel, TRACKING_PARAMS, type TrackingIds } from './link.js';
export { lexicalToSectionText, sectionTextToLexical, readSection, sectionSource, sectionDisplay, SectionError } from './sections.js';
export { loadBuiltinCaptionTemplates, CAPTION_TEMPLATE_FOR_KIND } from './builtins.js';
export { renderTemplate, validateTemplate, TemplateError, HELPERS } from './handlebars/index.js';
export type { Finding } from './checks/index.js';
export type { VariantContext, Sections, SectionName } from './types.js';
