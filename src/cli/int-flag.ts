import { UsageError } from './util.js';

/** Parses a positive integer flag (e.g. --version 2); undefined stays undefined, anything else is a UsageError. */
export function positiveInt(value: string | undefined, flag: string): number | undefined {
  if (value === undefined) return undefined;
  if (!/^[1-9][0-9]{0,8}$/.test(value)) throw new UsageError(`${flag} must be a positive whole number, got "${value}"`);
  return Number(value);
}
