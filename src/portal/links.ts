import { networkInterfaces } from 'node:os';
import { addressReach, type StudioData } from '../model/index.js';
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

/**
 * What to say about links phones elsewhere cannot open (bilingual, one line), or undefined when
 * every link is on a public address: loopback links work on this computer only, private-LAN links
 * only for phones on the same network. Published links (`…/p/<token>/index.html`) get the advice
 * that fits them (a public address for the storage), portal links the advice to publish.
 */
export function reachWarning(urls: readonly string[]): string | undefined {
  const reach = urls.map((u) => addressReach(u));
  const at = (kind: string) => {
    const u = urls.find((_, i) => reach[i] === kind);
    return u ? new URL(u).host : '';
  };
  const published = urls.some((u) => /\/p\/[^/]+\/index\.html$/.test(u));
  const fixZh = published ? '请把 --public-base（工作室“发布”中的公开访问地址）设为手机能打开的地址，例如 CDN 或自定义域名' : '请先发布到云存储（shequn publish / 工作室“发布”）';
  const fixEn = published ? 'Set --public-base (the public address in the studio\'s Publish settings) to an address phones can open, such as a CDN or custom domain.' : 'Publish the packs first (shequn publish, or Publish in the studio).';
  if (reach.includes('loopback')) {
    return `这些链接指向 ${at('loopback')}，只有本机能打开，店主的手机扫码打不开：${fixZh}。These links point at ${at('loopback')}: they open on this computer only, not on store owners' phones. ${fixEn}`;
  }
  if (reach.includes('private')) {
    return `这些链接指向局域网地址 ${at('private')}，只有连在同一网络（同一 Wi‑Fi）的手机能打开，外地门店打不开：${fixZh}。These links point at the private LAN address ${at('private')}: only phones on the same network can open them, not stores in other cities. ${fixEn}`;
  }
  return undefined;
}

/** A printable page with every store's portal QR code (one card per store, A4 friendly). */
export async function portalSheetHtml(data: StudioData, links: readonly PortalLink[]): Promise<string> {
  const owners = new Map(data.stores.map((s) => [s.id, s.ownerName]));
  // Printed too: a sheet of codes that only open in the office must not go out unnoticed.
  const warning = reachWarning(links.map((l) => l.url));
  const cards: string[] = [];
  for (const l of links) {
    const svg = qrSvg(l.url, 2);
    cards.push(`<div class="card"><div class="qr">${svg}</div><div class="name">${esc(l.storeName)}</div><div class="owner">${esc(owners.get(l.store) ?? '')} · ${esc(l.store)}</div><div class="url">${esc(l.url)}</div></div>`);
  }
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><title>${esc(data.brand.name)} · 门店内容包二维码</title>
<style>
body{font:14px/1.4 -apple-system,"PingFang SC","Microsoft YaHei",sans-serif;margin:16px;color:#222}
h1{font-size:18px;margin:0 0 4px}p.note{color:#666;margin:0 0 12px}p.warn{border:2px solid #b42318;color:#b42318;border-radius:6px;padding:8px;margin:0 0 12px;font-weight:600}
.grid{display:grid;grid-template-columns:repeat(3,1fr);gap:10px}
.card{border:1px dashed #999;border-radius:6px;padding:10px;text-align:center;break-inside:avoid;page-break-inside:avoid}
.qr svg{width:150px;height:150px}.name{font-weight:600;font-size:15px}.owner{color:#555}.url{font-size:9px;color:#777;word-break:break-all;margin-top:4px}
@media print{body{margin:8mm}.grid{gap:6mm}p.note{display:none}}
@page{size:A4;margin:10mm}
</style></head><body>
<h1>${esc(data.brand.name)} · 门店内容包二维码</h1>
${warning ? `<p class="warn" role="alert">${esc(warning)}</p>` : ''}<p class="note">每位店主扫自己的码即可打开内容包。请沿虚线剪开分发；链接泄露后请在工作室中更换。</p>
<div class="grid">${cards.join('\n')}</div>
</body></html>
`;
}
