import { StudioError } from '../../model/index.js';

/** A Redis server as the studio and its workers reach it. */
export interface RedisAddress {
  /** The address as shown to people: the URL without its password. */
  shown: string;
  host: string;
  port: number;
  db: number;
  username?: string;
  password?: string;
  tls: boolean;
}

const USAGE = '队列地址应为 redis://HOST:PORT[/DB] / the queue address must be redis://HOST:PORT[/DB]';

/** Parses `redis://[user:password@]HOST:PORT[/DB]` (or `rediss://` for TLS); anything else is a bad_input naming `field`. */
export function parseRedisUrl(text: string, field = 'queue'): RedisAddress {
  let url: URL;
  try {
    url = new URL(text.trim());
  } catch {
    throw new StudioError('bad_input', `${USAGE}, got "${text}"`, field);
  }
  if (url.protocol !== 'redis:' && url.protocol !== 'rediss:') throw new StudioError('bad_input', `${USAGE}, got "${url.protocol}//…"`, field);
  if (!url.hostname) throw new StudioError('bad_input', `${USAGE}: the host is missing`, field);
  const port = url.port ? Number(url.port) : 6379;
  const path = url.pathname.replace(/^\/+/, '');
  if (path && !/^\d{1,5}$/.test(path)) throw new StudioError('bad_input', `${USAGE}: the database "${path}" is not a number`, field);
  if (url.search || url.hash) throw new StudioError('bad_input', `${USAGE}: no query or fragment`, field);
  const host = url.hostname.replace(/^\[|\]$/g, '');
  const shown = `${url.protocol}//${url.username ? `${decodeURIComponent(url.username)}@` : url.password ? '***@' : ''}${url.host}${path ? `/${path}` : ''}`;
  return {
    shown,
    host,
    port,
    db: path ? Number(path) : 0,
    ...(url.username ? { username: decodeURIComponent(url.username) } : {}),
    ...(url.password ? { password: decodeURIComponent(url.password) } : {}),
    tls: url.protocol === 'rediss:',
  };
}

/** The ioredis options BullMQ gets: commands wait for a reconnect rather than fail (BullMQ needs `maxRetriesPerRequest: null`). */
export function redisOptions(a: RedisAddress): { host: string; port: number; db: number; username?: string; password?: string; tls?: object; maxRetriesPerRequest: null; retryStrategy: (times: number) => number } {
  return {
    host: a.host,
    port: a.port,
    db: a.db,
    ...(a.username ? { username: a.username } : {}),
    ...(a.password ? { password: a.password } : {}),
    ...(a.tls ? { tls: {} } : {}),
    maxRetriesPerRequest: null,
    // Reconnect for ever, at most every 2 s: a restarted Redis is found again; how long is too long is the caller's call.
    retryStrategy: (times) => Math.min(2000, 100 * times),
  };
}
