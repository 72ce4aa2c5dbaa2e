/** The studio's one Handlebars environment: compile, validate and render templates (see docs/templates.md). */
export { createTemplateEngine, renderTemplate, validateTemplate, DEFAULT_LIMITS, type CompiledTemplate, type RenderMode, type RenderLimits, type RenderOptions, type TemplateEngine } from './env.js';
export { TemplateError, type TemplateErrorCode } from './errors.js';
export { HELPERS, type HelperSpec } from './helpers.js';
