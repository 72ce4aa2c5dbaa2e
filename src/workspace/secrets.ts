import { randomBytes, timingSafeEqual } from 'node:crypto';

/** A new random URL-safe token (128 bits or more). */
export function newToken(bytes = 18): string {
  return randomBytes(bytes).toString('base64url');
}

/** Compares two secrets in constant time. */
export function sameSecret(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
