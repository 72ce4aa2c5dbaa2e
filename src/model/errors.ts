import { z } from 'zod';
import { fieldPath, ValidationError } from './validate.js';

/** The kinds of error every stage throws; each transport maps them (HTTP status in src/server, exit code in the CLI). */
export const STUDIO_ERROR_KINDS = ['bad_input', 'not_found', 'conflict', 'forbidden', 'unauthorized', 'read_only', 'check_failed', 'cancelled', 'internal'] as const;
/** One kind of StudioError. */
export type StudioErrorKind = (typeof STUDIO_ERROR_KINDS)[number];

/** The one error the core throws: a kind (`code`), a message for people, the field it concerns and optional details. */
export class StudioError extends Error {
  constructor(
    readonly code: StudioErrorKind,
    message: string,
    readonly field?: string,
    readonly details?: unknown,
  ) {
    super(message);
    this.name = 'StudioError';
  }

  /** The plain shape `{code, message, field?, details?}` (the contract's wire format). */
  toJSON(): { code: StudioErrorKind; message: string; field?: string; details?: unknown } {
    return { code: this.code, message: this.message, ...(this.field ? { field: this.field } : {}), ...(this.details !== undefined ? { details: this.details } : {}) };
  }
}

/** Maps any thrown value to a StudioError: validation → bad_input naming the field, aborts → cancelled, the rest → internal. */
export function toStudioError(err: unknown): StudioError {
  if (err instanceof StudioError) return err;
  if (err instanceof ValidationError) return new StudioError('bad_input', err.message, err.field, err.issues);
  if (err instanceof z.ZodError) {
    const first = err.issues[0];
    const field = first ? fieldPath(first.path) : undefined;
    return new StudioError('bad_input', `${field}: ${first?.message ?? 'invalid'}`, field);
  }
  if (err && typeof err === 'object' && (err as { name?: string }).name === 'AbortError') return new StudioError('cancelled', 'cancelled');
  const message = err instanceof Error ? err.message : String(err);
  return new StudioError('internal', message);
}

/** True for a StudioError of kind `cancelled`. */
export function isCancelled(err: unknown): boolean {
  return err instanceof StudioError && err.code === 'cancelled';
}
