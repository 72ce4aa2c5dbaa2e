/** The studio's one Handlebars environment: compile, validate and render templates (see docs/templates.md). */
export { renderTemplate, compileTemplate, validateTemplate, DEFAULT_LIMITS, type RenderMode, type RenderLimits, type RenderOptions } from './env.js';
export { TemplateError, type TemplateErrorCode } from './errors.js';
export { HELPERS, type HelperSpec } from './helpers.js';
