/** What went wrong in a template, so callers (checks, UI) can react without parsing messages. */
export type TemplateErrorCode =
  | 'not_a_string'
  | 'too_large'
  | 'syntax'
  | 'triple_stash'
  | 'partial'
  | 'decorator'
  | 'unknown_helper'
  | 'helper_arity'
  | 'named_argument'
  | 'forbidden_field'
  | 'too_deep'
  | 'missing_field'
  | 'bad_argument'
  | 'runaway'
  | 'render';

/**
 * A template problem that names the template id, the line (1-based) and the field or helper.
 * The message reads: `template "caption-group" line 3: missing field "store.phon"`.
 */
export class TemplateError extends Error {
  constructor(
    readonly code: TemplateErrorCode,
    readonly templateId: string,
    readonly detail: string,
    readonly line?: number,
    readonly column?: number,
    /** The field path or helper name concerned, when there is one. */
    readonly field?: string,
  ) {
    super(`template "${templateId}"${line ? ` line ${line}` : ''}: ${detail}`);
    this.name = 'TemplateError';
  }
}
