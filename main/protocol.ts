import { readFile } from 'node:fs/promises';
import { extname, join, normalize, sep } from 'node:path';
import type { Protocol } from 'electron';
import { STUDIO_CSP } from './security';

/** The scheme the UI is loaded from (never file://). */
export const SCHEME = 'studio';
export const ORIGIN = `${SCHEME}://app`;

const TYPES: Record<string, string> = {
  '.html': 'text/html; charset=utf-8',
  '.js': 'text/javascript; charset=utf-8',
  '.mjs': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.svg': 'image/svg+xml',
  '.png': 'image/png',
  '.jpg': 'image/jpeg',
  '.woff2': 'font/woff2',
  '.json': 'application/json',
};

/** Resolves a studio:// URL to a file inside `root`, or null when it would leave it. */
export function resolveInside(root: string, url: string): string | null {
  const { pathname } = new URL(url);
  const rel = decodeURIComponent(pathname === '/' ? '/index.html' : pathname);
  const file = normalize(join(root, rel));
  return file.startsWith(root.endsWith(sep) ? root : root + sep) ? file : null;
}

/** Serves the built renderer from `root` under studio://app/ with the CSP. */
export function setupProtocol(protocol: Protocol, root: string): void {
  protocol.handle(SCHEME, async (request) => {
    const file = resolveInside(root, request.url);
    if (!file) return new Response('not found', { status: 404 });
    try {
      const body = await readFile(file);
      return new Response(body, { headers: { 'content-type': TYPES[extname(file)] ?? 'application/octet-stream', 'content-security-policy': STUDIO_CSP } });
    } catch {
      return new Response('not found', { status: 404 });
    }
  });
}
