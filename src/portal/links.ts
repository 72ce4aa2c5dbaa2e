import { networkInterfaces } from 'node:os';
import type { StudioData } from '../model/index.js';
import { esc } from '../pack/index-html.js';
import { qrSvg } from '../render/qr/svg.js';
import { activeToken } from './tokens.js';

/** The port `shequn serve` listens on by default (links assume it unless told otherwise). */
export const DEFAULT_PORT = 5178;

/** One store's portal address. */
export interface PortalLink {
  store: string;
  storeName: string;
  url: string;
}

/** The machine's first LAN IPv4 address, or undefined. */
export function lanAddress(): string | undefined {
  for (const list of Object.values(networkInterfaces())) {
    for (const a of list ?? []) if (a.family === 'IPv4' && !a.internal) return a.address;
  }
  return undefined;
}

/** The host links use: the given one, else the LAN address when sharing is on, else 127.0.0.1. */
export function linkHost(data: StudioData, host?: string): string {
  if (host) return host;
  return (data.portal.lan && lanAddress()) || '127.0.0.1';
}

/** Each store's portal address (stores with an active token; revoked ones are left out). */
export function portalLinks(data: StudioData, opts: { host?: string; port?: number } = {}): PortalLink[] {
  const host = linkHost(data, opts.host);
  const hostPart = host.includes(':') && !host.startsWith('[') ? `[${host}]` : host;
  const origin = `http://${hostPart}:${opts.port ?? DEFAULT_PORT}`;
  const out: PortalLink[] = [];
  for (const s of data.stores) {
    const t = activeToken(data, s.id);
    if (t) out.push({ store: s.id, storeName: s.storeName, url: `${origin}/p/${t.token}` });
  }
  return out;
}

/** A printable page with every store's portal QR code (one card per store, A4 friendly). */
export async function portalSheetHtml(data: StudioData, links: readonly PortalLink[]): Promise<string> {
  const owners = new Map(data.stores.map((s) => [s.id, s.ownerName]));
  const cards: string[] = [];
  for (const l of links) {
    const svg = qrSvg(l.url, 2);
    cards.push(`<div class="card"><div class="qr">${svg}</div><div class="name">${esc(l.storeName)}</div><div class="owner">${esc(owners.get(l.store) ?? '')} · ${esc(l.store)}</div><div class="url">${esc(l.url)}</div></div>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(data.brand.name)} · 门店内容包二维码</title>
<style>
body{font:14px/1.4 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:16px;color:#222}
h1{font-size:18px;margin:0 0 4px}p.note{color:#666;margin:0 0 12px}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:10px}
.card{border:1px dashed #999;border-radius:6px;padding:10px;text-align:center;break-inside:avoid;page-break-inside:avoid}
.qr svg{width:150px;height:150px}.name{font-weight:600;font-size:15px}.owner{color:#555}.url{font-size:9px;color:#777;word-break:break-all;margin-top:4px}
@media print{body{margin:8mm}.grid{gap:6mm}p.note{display:none}}
@page{size:A4;margin:10mm}
</style></head><body>
<h1>${esc(data.brand.name)} · 门店内容包二维码</h1>
<p class="note">每位店主扫自己的码即可打开内容包。请沿虚线剪开分发；链接泄露后请在工作室中更换。</p>
<div class="grid">${cards.join('\n')}</div>
</body></html>
`;
}
