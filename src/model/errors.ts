import { z } from 'zod';
import { fieldPath, ValidationError } from './validate.js';
import { coded, type MessageCode, type MessageParams } from './messages/index.js';

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

  /** The code of the message in the catalog (src/model/messages), for shells that show it in their user's language. */
  messageCode?: string;
  /** The parameters of the coded message. */
  params?: MessageParams;

  /** A StudioError whose message is coded: the English text from the catalog, the code and parameters beside it. */
  static coded(kind: StudioErrorKind, code: MessageCode, params?: MessageParams, field?: string, details?: unknown): StudioError {
    const text = coded(code, params);
    return new StudioError(kind, text.message, field, details).withCode(code, params);
  }

  /** Sets the coded form of this error's message (returns this). */
  withCode(code: string, params?: MessageParams): this {
    this.messageCode = code;
    if (params) this.params = params;
    return this;
  }

  /** The plain shape `{code, message, field?, details?, messageCode?, params?}` (the contract's wire format; `code` is the kind). */
  toJSON(): { code: StudioErrorKind; message: string; field?: string; details?: unknown; messageCode?: string; params?: MessageParams } {
    return {
      code: this.code,
      message: this.message,
      ...(this.field ? { field: this.field } : {}),
      ...(this.details !== undefined ? { details: this.details } : {}),
      ...(this.messageCode ? { messageCode: this.messageCode, ...(this.params ? { params: this.params } : {}) } : {}),
    };
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
