import type { z } from 'zod';

/** A validation problem with the dotted path of the field it concerns. */
export class ValidationError extends Error {
  constructor(
    message: string,
    readonly field: string,
    readonly issues: { field: string; message: string }[] = [{ field, message }],
  ) {
    super(message);
    this.name = 'ValidationError';
  }
}

/** Formats a zod path as `stores[3].cloudStoreUrl`. */
export function fieldPath(path: readonly PropertyKey[], prefix = ''): string {
  let out = prefix;
  for (const key of path) {
    if (typeof key === 'number') out += `[${key}]`;
    else out += out ? `.${String(key)}` : String(key);
  }
  return out || '(root)';
}

/** Parses `value` with `schema` or throws a ValidationError naming every bad field. */
export function parseOrThrow<S extends z.ZodType>(schema: S, value: unknown, what: string, prefix = ''): z.infer<S> {
  const result = schema.safeParse(value);
  if (result.success) return result.data;
  const issues = result.error.issues.map((i) => ({ field: fieldPath(i.path, prefix), message: i.message }));
  const first = issues[0]!;
  const more = issues.length > 1 ? ` (and ${issues.length - 1} more)` : '';
  throw new ValidationError(`${what}: ${first.field}: ${first.message}${more}`, first.field, issues);
}
