import { StudioError } from '../model/index.js';

/** Where objects go: a bucket and a key prefix inside it (no leading or trailing slash). */
export interface StorageAddress {
  bucket: string;
  prefix: string;
}

const BUCKET = /^[a-z0-9][a-z0-9.-]{1,61}[a-z0-9]$/;

/** Parses `s3://BUCKET/PREFIX` (the prefix may be empty); anything else is a bad_input naming `field`. */
export function parseStorageAddress(text: string, field = 'storage'): StorageAddress {
  const m = /^s3:\/\/([^/]+)(?:\/(.*))?$/.exec(text.trim());
  const how = '存储地址应为 s3://BUCKET/PREFIX / the storage address must be s3://BUCKET/PREFIX';
  if (!m) throw new StudioError('bad_input', `${how}, got "${text}"`, field);
  const bucket = m[1]!;
  if (!BUCKET.test(bucket) || bucket.includes('..')) throw new StudioError('bad_input', `${how}: "${bucket}" is not a bucket name (3–63 lower-case letters, digits, dots, hyphens)`, field);
  const prefix = (m[2] ?? '').replace(/^\/+|\/+$/g, '');
  if (prefix.split('/').some((p) => p === '..' || p === '.') || prefix.includes('//')) throw new StudioError('bad_input', `${how}: the prefix "${prefix}" has an empty, "." or ".." part`, field);
  return { bucket, prefix };
}

/** The address as text (`s3://bucket/prefix`). */
export function formatStorageAddress(a: StorageAddress): string {
  return `s3://${a.bucket}${a.prefix ? `/${a.prefix}` : ''}`;
}

/** Checks an endpoint is an http(s) URL without credentials in it; returns it normalised. */
export function parseEndpoint(text: string, field = 'endpoint'): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StudioError('bad_input', `端点应为 http(s) 地址 / the endpoint must be an http(s) URL, got "${text}"`, field);
  }
  if (url.protocol !== 'http:' && url.protocol !== 'https:') throw new StudioError('bad_input', `端点应为 http(s) 地址 / the endpoint must be an http(s) URL, got "${text}"`, field);
  if (url.username || url.password) throw new StudioError('bad_input', '端点地址不能包含密钥 / the endpoint must not carry credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY instead', field);
  return url.origin + url.pathname.replace(/\/+$/, '');
}
