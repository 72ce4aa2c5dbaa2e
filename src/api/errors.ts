import { toStudioError, type StudioError } from '../model/index.js';

/** The contract's error as it travels (HTTP body, IPC reply, job status): `{code, message, field?, details?}`. */
export type WireError = ReturnType<StudioError['toJSON']>;

/** Any thrown value in the contract's wire format (StudioError kinds as `code`). */
export function toWireError(err: unknown): WireError {
  return toStudioError(err).toJSON();
}
