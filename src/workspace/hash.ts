import { createHash } from 'node:crypto';

/** JSON with object keys sorted at every level, so equal data always gives equal text. */
export function stableStringify(value: unknown): string {
  return JSON.stringify(sortKeys(value));
}

function sortKeys(value: unknown): unknown {
  if (Array.isArray(value)) return value.map(sortKeys);
  if (value && typeof value === 'object' && !(value instanceof Date)) {
    const out: Record<string, unknown> = {};
    for (const k of Object.keys(value).sort()) {
      const v = (value as Record<string, unknown>)[k];
      if (v !== undefined) out[k] = sortKeys(v);
    }
    return out;
  }
  return value;
}

/** sha256 hex of a string or bytes. */
export function sha256(data: string | Buffer | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

/** The cache key of one output: sha256 of the stable JSON of everything that determines it. */
export function outputKey(parts: Record<string, unknown>): string {
  return sha256(stableStringify(parts));
}

/** sha256 (hex) of a template source: the identity an approval is bound to. */
export function sourceHash(source: string): string {
  return sha256(Buffer.from(source, 'utf8'));
}
