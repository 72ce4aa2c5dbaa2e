import type { FastifyReply } from 'fastify';
import { esc } from '../../pack/index-html.js';

/** Security headers of every portal page: nothing external, scripts only with the page's nonce. */
export function portalCsp(nonce?: string): string {
  const script = nonce ? `'nonce-${nonce}'` : "'none'";
  return [
    "default-src 'none'",
    "img-src 'self'",
    "media-src 'self'",
    `style-src ${nonce ? `'nonce-${nonce}'` : "'unsafe-inline'"}`,
    `script-src ${script}`,
    // The page's activity beacon goes to its own server (/a/<token>) only.
    `connect-src ${nonce ? "'self'" : "'none'"}`,
    "base-uri 'none'",
    "form-action 'none'",
    "frame-ancestors 'none'",
  ].join('; ');
}

function page(title: string, body: string): string {
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1"><title>${esc(title)}</title>
<style>body{font:16px/1.6 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;max-width:560px;margin:40px auto;padding:0 16px;color:#333}h1{font-size:20px}</style></head>
<body><h1>${esc(title)}</h1><p>${body}</p></body></html>`;
}

// One fixed body for every "not found": a wrong token, another store's file, a missing file.
const NOT_FOUND = page('页面不存在 · Not found', '这个链接无效或已更换。请向总部索取新的内容包链接。<br>This link is not valid (it may have been replaced).');
const GONE = page('内容已过期 · Expired', '这条内容已过有效期，已从门店内容包中撤回，请勿再发布。<br>This content has expired and was withdrawn.');
const TOO_MANY = page('请稍后再试 · Too many attempts', '无效链接尝试次数过多，请稍后再试。<br>Too many invalid links from this address; try again later.');

function send(reply: FastifyReply, code: number, body: string): FastifyReply {
  return reply
    .code(code)
    .header('Cache-Control', 'no-store')
    .header('Content-Security-Policy', portalCsp())
    .type('text/html; charset=utf-8')
    .send(body);
}

/** The one 404 of the portal (identical bytes and headers whatever the cause). */
export function notFound(reply: FastifyReply): FastifyReply {
  return send(reply, 404, NOT_FOUND);
}

/** 410 for withdrawn (expired) content. */
export function gone(reply: FastifyReply): FastifyReply {
  return send(reply, 410, GONE);
}

/** 429 with Retry-After for an address that sent too many bad tokens. */
export function tooMany(reply: FastifyReply, retryAfter: number): FastifyReply {
  reply.header('Retry-After', String(retryAfter));
  return send(reply, 429, TOO_MANY);
}
