/** Error codes every transport maps the same way (HTTP status in src/server, exit code in the CLI). */
export type ApiErrorCode =
  | 'bad_input'
  | 'not_found'
  | 'conflict'
  | 'forbidden'
  | 'unauthorized'
  | 'read_only'
  | 'check_failed'
  | 'cancelled'
  | 'internal';

/** The one error shape of the contract: `{code, message, field?}`. */
export class ApiError extends Error {
  constructor(
    readonly code: ApiErrorCode,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'ApiError';
  }

  toJSON(): { code: ApiErrorCode; message: string; field?: string; details?: unknown } {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(this.details !== undefined ? { details: this.details } : {}) };
  }
}

/** HTTP status for each code. */
export const HTTP_STATUS: Record<ApiErrorCode, number> = {
  bad_input: 400,
  unauthorized: 401,
  forbidden: 403,
  not_found: 404,
  conflict: 409,
  read_only: 409,
  check_failed: 422,
  cancelled: 499,
  internal: 500,
};
