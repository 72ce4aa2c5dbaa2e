import { createHash } from 'node:crypto';
import type { Manifest, ManifestEntry } from './manifest.js';
import { orderBySlot, type SlotPlace } from './slots.js';

/** How to render the index page: file links relative (in the pack) or under a portal base. */
export interface IndexOptions {
  /** Prefix of every file link, e.g. `/p/<token>/files/`; '' for the pack's own relative links. */
  base?: string;
  /** Caption and channel texts by pack path (read from the pack's text files). */
  texts: Map<string, string>;
  /** "Now" for expiry marking at render time (the page re-checks on the phone too). */
  now?: number;
  /** Portal mode: expired entries are withdrawn (no texts, images or links), not just marked. */
  withdrawExpired?: boolean;
  /** Link to the whole pack as a zip, when offered. */
  zipHref?: string;
  /** CSP nonce for the inline script (portal). */
  nonce?: string;
  /** The link of a pack file when it is not `base` + path (published pages: content-addressed keys). */
  hrefFor?: (path: string) => string;
  /**
   * Report activity (page opened, file downloaded, caption copied) to `url` with a same-origin or
   * collector beacon; `pack` is the pack key's first 16 hex digits. No third-party script.
   */
  beacon?: { url: string; pack?: string; via: 'portal' | 'published' };
  /**
   * A static page carries its own Content-Security-Policy in a meta tag (storage cannot send the
   * header): inline style and script allowed by their hashes, beacons only to `connect`.
   */
  metaCsp?: { connect?: string };
}

const ESC: Record<string, string> = { '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' };

/** Escapes text for HTML content and attribute values. */
export function esc(s: string): string {
  return s.replace(/[&<>"']/g, (c) => ESC[c]!);
}

/** Percent-encodes each segment of a pack path for use in a link (Chinese names work on file:// too). */
export function hrefOf(base: string, path: string): string {
  return base + path.split('/').map(encodeURIComponent).join('/');
}

const CSS = `
*{box-sizing:border-box}
body{margin:0;font:16px/1.55 -apple-system,"PingFang SC","Microsoft YaHei","Noto Sans CJK SC",sans-serif;background:#f4f4f5;color:#1f1f1f}
header{background:var(--brand);color:#fff;padding:16px}
header h1{margin:0;font-size:20px}
header p{margin:4px 0 0;opacity:.9;font-size:14px}
main{max-width:720px;margin:0 auto;padding:8px}
nav{display:flex;flex-wrap:wrap;gap:6px;padding:8px 0}
nav a{background:#fff;border:1px solid #ddd;border-radius:16px;padding:4px 12px;color:#333;text-decoration:none;font-size:14px}
section.entry{background:#fff;border-radius:12px;margin:12px 0;padding:14px;box-shadow:0 1px 3px rgba(0,0,0,.08)}
section.entry h2{margin:0 0 4px;font-size:18px}
.meta{color:#666;font-size:13px}
.tip{background:#fff8e6;border-left:4px solid #f5a623;padding:8px 10px;margin:10px 0;font-size:14px}
.block{margin:12px 0}
.block h3{margin:0 0 6px;font-size:15px;display:flex;justify-content:space-between;align-items:center;gap:8px}
pre.text{white-space:pre-wrap;word-break:break-word;background:#f7f7f8;border-radius:8px;padding:10px;margin:0;font:inherit}
button.copy{min-height:44px;min-width:96px;border:0;border-radius:22px;background:var(--brand);color:#fff;font-size:16px;padding:0 18px}
button.copy.done{background:#2e7d32}
.media img,.media video{display:block;width:100%;height:auto;border-radius:8px;margin:8px 0;background:#eee}
.hint{color:#595959;font-size:13px}
.qr img{width:160px;height:160px}
a.dl{display:inline-block;margin:4px 0 0;color:var(--brand)}
.badge{display:none;background:#c62828;color:#fff;border-radius:6px;padding:2px 8px;font-size:13px;margin-left:6px}
.expired .badge{display:inline-block}
.expired .content{opacity:.45}
.expired button.copy{background:#6b6b6b}
.withdrawn{color:#c62828;font-weight:600;padding:8px 0}
.slot{display:inline-block;border-radius:6px;padding:1px 8px;margin:4px 0;font-size:14px;background:#eef2ff;color:#3346a8}
.slot:empty{display:none}
.slot.today{background:var(--brand);color:#fff;font-weight:600}
footer{color:#595959;font-size:12px;text-align:center;padding:16px}
`;

// Copy with the async clipboard where allowed, else a selected textarea + execCommand: WeChat's
// in-app browser often lacks navigator.clipboard. Expiry is checked again on the phone — when the
// page opens and at every tap — and expired content is withdrawn (texts, images and copy buttons
// removed), so nothing past its date can be copied from a page left open or a saved pack.
const SCRIPT = `
(function(){
function fallback(t){var a=document.createElement('textarea');a.value=t;a.setAttribute('readonly','');a.style.position='fixed';a.style.top='0';a.style.left='-9999px';a.style.fontSize='16px';document.body.appendChild(a);a.focus();a.select();a.setSelectionRange(0,t.length);var ok=false;try{ok=document.execCommand('copy')}catch(e){}document.body.removeChild(a);return ok}
function done(b,ok){var l=b.getAttribute('data-label');b.textContent=ok?'已复制 ✓':'请长按文字复制';if(ok)b.className='copy done';setTimeout(function(){b.textContent=l;b.className='copy'},2000)}
function expired(s){return !!s&&Date.now()>Number(s.getAttribute('data-expires'))}
function withdraw(s){s.classList.add('expired');var c=s.querySelector('.content');if(!c)return;while(c.firstChild)c.removeChild(c.firstChild);var p=document.createElement('p');p.className='withdrawn';p.textContent='此内容已过期，已撤回。请使用新的内容包。';c.appendChild(p);c.style.opacity='1'}
document.addEventListener('click',function(ev){var b=ev.target.closest&&ev.target.closest('button.copy');if(!b)return;var s=b.closest('[data-expires]');if(expired(s)){withdraw(s);return}var el=document.getElementById(b.getAttribute('data-for'));if(!el)return;var t=el.textContent;
if(navigator.clipboard&&window.isSecureContext){navigator.clipboard.writeText(t).then(function(){done(b,true)},function(){done(b,fallback(t))})}else{done(b,fallback(t))}});
document.querySelectorAll('[data-expires]').forEach(function(s){if(expired(s))withdraw(s)});
var d=new Date(),p=function(n){return(n<10?'0':'')+n},today=d.getFullYear()+'-'+p(d.getMonth()+1)+'-'+p(d.getDate()),W=['周日','周一','周二','周三','周四','周五','周六'];
var items=[].slice.call(document.querySelectorAll('section.entry')).map(function(s,i){var sl=(s.getAttribute('data-slots')||'').split(',').filter(Boolean),t=sl.filter(function(x){return x.slice(0,10)===today}),l=sl.filter(function(x){return x.slice(0,10)>today})[0],r=!sl.length?2:t.length?0:l?1:3,lab='';
if(r===0)lab='今天 '+t.map(function(x){return x.slice(11,16)}).join('、');else if(r===1){var y=+l.slice(0,4),m=+l.slice(5,7),dd=+l.slice(8,10);lab=m+'月'+dd+'日 '+W[new Date(y,m-1,dd).getDay()]+' '+l.slice(11,16)}
var b=s.querySelector('.slot');if(b){b.textContent=lab;b.className=r===0?'slot today':'slot'}return{s:s,i:i,r:r,k:r===0?t[0]:r===1?l:''}});
items.sort(function(a,b){return a.r-b.r||(a.k<b.k?-1:a.k>b.k?1:0)||a.i-b.i});var main=document.querySelector('main'),nav=document.querySelector('nav');
items.forEach(function(x){main.appendChild(x.s);if(nav){var a=nav.querySelector('a[href="#'+x.s.id+'"]');if(a)nav.appendChild(a)}});
})();
`;

function fmtDate(v: string): string {
  return /^\d{4}-\d{2}-\d{2}/.test(v) ? v.slice(0, 10) : v;
}

/** The entry's planned send times for the page's script (it re-sorts on the phone's own date). */
const slotsAttr = (e: ManifestEntry) => (e.slots?.length ? ` data-slots="${esc(e.slots.join(','))}"` : '');

// Reports activity with navigator.sendBeacon (a text/plain POST: no preflight, nothing read back),
// configured by the body's data-beacon / data-pack / data-via; elements with data-path are counted.
const BEACON_SCRIPT = `
(function(){var b=document.body,u=b.getAttribute('data-beacon');if(!u)return;var k=b.getAttribute('data-pack')||undefined,v=b.getAttribute('data-via')||undefined;
function s(e,f){var d=JSON.stringify({e:e,f:f||undefined,k:k,s:v});try{if(navigator.sendBeacon&&navigator.sendBeacon(u,d))return}catch(x){}try{fetch(u,{method:'POST',body:d,mode:'no-cors',keepalive:true,credentials:'omit'})}catch(x){}}
s('open');
document.addEventListener('click',function(ev){var t=ev.target.closest&&ev.target.closest('[data-path]');if(t)s(t.tagName==='BUTTON'?'copy':'download',t.getAttribute('data-path'))},true);
})();
`;

const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

/** The attribute that makes an element count in the activity beacon. */
function pathAttr(o: IndexOptions, path: string): string {
  return o.beacon ? ` data-path="${esc(path)}"` : '';
}

function href(o: IndexOptions, path: string): string {
  return o.hrefFor ? o.hrefFor(path) : hrefOf(o.base ?? '', path);
}

function textBlock(id: string, label: string, text: string, extra = ''): string {
  return `<div class="block"><h3><span>${esc(label)}</span><button class="copy" type="button" data-for="${id}" data-label="复制"${extra}>复制</button></h3><pre class="text" id="${id}">${esc(text)}</pre></div>`;
}

function entryHtml(e: ManifestEntry, i: number, o: IndexOptions, now: number, place: SlotPlace): string {
  const expired = now > e.expiresAt;
  const slot = `<div class="slot${place.rank === 0 ? ' today' : ''}">${esc(place.label)}</div>`;
  const head = `<h2>${esc(e.post.title)} · ${esc(e.group.name)}<span class="badge">已过期 · 请勿再发</span></h2>${slot}
<div class="meta">有效期：${esc(fmtDate(e.post.validFrom))} 至 ${esc(fmtDate(e.post.validUntil))}</div>`;
  const cls = `entry${expired ? ' expired' : ''}`;
  if (expired && o.withdrawExpired) {
    return `<section class="${cls}" id="e${i}"${slotsAttr(e)}>${head}<p class="withdrawn">此内容已过期，已撤回。请使用新的内容包。</p></section>`;
  }
  const parts: string[] = [];
  if (e.group.tip) parts.push(`<div class="tip">发布建议：${esc(e.group.tip)}</div>`);
  e.texts.forEach((t, j) => parts.push(textBlock(`t${i}-${j}`, t.label, o.texts.get(t.path) ?? '', pathAttr(o, t.path))));
  for (const p of e.posters) {
    parts.push(`<div class="block media"><h3><span>海报 ${esc(p.size.replace('x', ':'))}</span></h3><img src="${esc(href(o, p.path))}" alt="海报 ${esc(p.size)}" loading="lazy"><span class="hint">长按图片保存到相册</span> · <a class="dl" href="${esc(href(o, p.path))}" download${pathAttr(o, p.path)}>下载</a></div>`);
  }
  if (e.video) {
    const cover = e.cover ? ` poster="${esc(href(o, e.cover))}"` : '';
    const coverLink = e.cover ? `<a class="dl" href="${esc(href(o, e.cover))}" download${pathAttr(o, e.cover)}>下载封面</a>` : '';
    parts.push(`<div class="block media"><h3><span>短视频</span></h3><video src="${esc(href(o, e.video))}"${cover} controls playsinline preload="metadata"></video><a class="dl" href="${esc(href(o, e.video))}" download${pathAttr(o, e.video)}>下载视频</a>${coverLink}</div>`);
  }
  if (e.qr) {
    parts.push(`<div class="block qr"><h3><span>专属二维码</span></h3><img src="${esc(href(o, e.qr))}" alt="二维码"><div class="hint">${esc(e.link)}</div></div>`);
  }
  return `<section class="${cls}" id="e${i}" data-expires="${e.expiresAt}"${slotsAttr(e)}>${head}<div class="content">${parts.join('\n')}</div></section>`;
}

/** The pack's phone-first index page: self-contained (inline CSS and JS), images linked relatively. */
export function renderIndexHtml(m: Pick<Manifest, 'store' | 'brand' | 'createdAt' | 'entries'>, o: IndexOptions): string {
  const now = o.now ?? Date.now();
  const nonce = o.nonce ? ` nonce="${esc(o.nonce)}"` : '';
  // Today's sends first (with the time), later ones with their date, then the rest.
  const ordered = orderBySlot(m.entries, now);
  const nav = m.entries.length > 1 ? `<nav>${ordered.map(({ entry: e, index: i }) => `<a href="#e${i}">${esc(e.post.title)} · ${esc(e.group.name)}</a>`).join('')}</nav>` : '';
  const zip = o.zipHref ? `<p><a class="dl" href="${esc(o.zipHref)}" download${pathAttr(o, 'pack.zip')}>下载全部（zip）</a></p>` : '';
  const style = `:root{--brand:${esc(/^#[0-9a-fA-F]{6}$/.test(m.brand.color) ? m.brand.color : '#c8102e')}}${CSS}`;
  const script = o.beacon ? SCRIPT + BEACON_SCRIPT : SCRIPT;
  const csp = o.metaCsp
    ? `\n<meta http-equiv="Content-Security-Policy" content="${esc(
        [`default-src 'none'`, `img-src 'self'`, `media-src 'self'`, `style-src ${sha(style)}`, `script-src ${sha(script)}`, `connect-src ${o.metaCsp.connect ?? "'none'"}`, `base-uri 'none'`, `form-action 'none'`].join('; '),
      )}">`
    : '';
  const body = o.beacon ? ` data-beacon="${esc(o.beacon.url)}" data-via="${o.beacon.via}"${o.beacon.pack ? ` data-pack="${esc(o.beacon.pack)}"` : ''}` : '';
  return `<!doctype html>
<html lang="zh-CN">
<head>
<meta charset="utf-8">${csp}
<meta name="viewport" content="width=device-width,initial-scale=1">
<meta name="referrer" content="no-referrer">
<title>${esc(m.store.storeName)} · 内容包</title>
<style${nonce}>${style}</style>
</head>
<body${body}>
<header><h1>${esc(m.store.storeName)}</h1><p>${esc(m.brand.name)} · ${esc(m.store.ownerName)} 的内容包 · 生成于 ${esc(m.createdAt.slice(0, 16).replace('T', ' '))}</p></header>
<main>
${zip}${nav}
${m.entries.length ? ordered.map(({ entry, index, place }) => entryHtml(entry, index, o, now, place)).join('\n') : '<p class="none">暂时没有可以发的内容。有新内容时，这里会更新。</p>'}
</main>
<footer>点“复制”后到群里粘贴；长按图片或视频保存。</footer>
<script${nonce}>${script}</script>
</body>
</html>
`;
}
