import { noteText, worstCaseText, type Template, type TemplateVersion, type User } from '../model/index.js';
import type { ProofInfo } from '../review/proof-files.js';
import type { QueueItem } from '../review/queue.js';
import { chinaTime, reviewText, type ReviewLang } from './review-text.js';

/** Escapes text for HTML element content and quoted attribute values. */
export function esc(value: unknown): string {
  return String(value ?? '')
    .replace(/&/g, '&amp;')
    .replace(/</g, '&lt;')
    .replace(/>/g, '&gt;')
    .replace(/"/g, '&quot;')
    .replace(/'/g, '&#39;');
}

const STYLE = `body{font-family:system-ui,"Noto Sans SC","PingFang SC",sans-serif;margin:0;color:#222;background:#f6f6f4}
header{background:#8a1020;color:#fff;padding:12px 24px}header a{color:#fff}main{padding:16px 24px;max-width:1400px}
table{border-collapse:collapse;background:#fff}td,th{border:1px solid #ddd;padding:6px 10px;text-align:left}
.state{font-weight:bold}.in_review{color:#8a5300}.approved{color:#137333}.changes_requested{color:#a50e0e}.retired,.draft{color:#666}
img.sheet{max-width:100%;border:1px solid #ccc;background:#fff}pre.diff{background:#fff;border:1px solid #ddd;padding:8px;overflow:auto}
.add{background:#e6ffec}.del{background:#ffebe9}.hunk{color:#6a737d}.msg{padding:8px 12px;border-radius:4px;margin:8px 0}
.ok{background:#e6ffec}.err{background:#ffebe9}form.act{background:#fff;border:1px solid #ddd;padding:12px;max-width:720px}
textarea{width:100%;min-height:70px}button{padding:6px 16px;margin-right:8px}
header form{display:inline;margin-left:12px}header button{padding:2px 10px}.who{float:right}
form.login{background:#fff;border:1px solid #ddd;padding:16px;max-width:420px}form.login label{display:block;margin:8px 0}form.login input{width:100%;padding:6px}`;

/** Who the browser is on the review pages, for the header: a signed-in manager (with the sign-out form's token), or the shared link only. */
export type Viewer = { user: Pick<User, 'id' | 'name'>; csrf: string } | { user?: undefined; next?: string };

/** How a page speaks: its language and the names of the workspace's users (ids are shown as the person's name). */
export interface PageVoice {
  lang: ReviewLang;
  /** User id → name. */
  names?: ReadonlyMap<string, string>;
}

const ZH: PageVoice = { lang: 'zh' };

/** A person as the pages name them: their name, with the id in small print when it differs. */
function person(id: string | undefined, voice: PageVoice): string {
  if (!id) return '';
  const name = voice.names?.get(id);
  return name && name !== id ? `${esc(name)} <small>(${esc(id)})</small>` : esc(id);
}

/** A stored time in China time, labelled. */
function when(iso: string, voice: PageVoice): string {
  return `${esc(chinaTime(iso))} <small>${esc(reviewText(voice.lang)('chinaTime'))}</small>`;
}

function whoHtml(v: Viewer | undefined, voice: PageVoice): string {
  const t = reviewText(voice.lang);
  if (!v) return '';
  if (v.user) {
    return `<span class="who">${t('signedIn')}: ${esc(v.user.name || v.user.id)} (${esc(v.user.id)})<form method="post" action="/review/logout"><input type="hidden" name="csrf" value="${esc(v.csrf)}"><button type="submit">${t('signOut')}</button></form></span>`;
  }
  return `<span class="who"><a href="/review/login${v.next ? `?next=${encodeURIComponent(v.next)}` : ''}">${t('signIn')}</a></span>`;
}

/**
 * A complete HTML page (no scripts): one `banner` header and one `main` with the page's h1 (the
 * title, unless the body brings its own).
 */
export function page(title: string, body: string, refreshSeconds?: number, viewer?: Viewer, voice: PageVoice = ZH): string {
  const t = reviewText(voice.lang);
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${Math.max(1, Math.round(refreshSeconds))}">` : '';
  const h1 = /<h1[\s>]/.test(body) ? '' : `<h1>${esc(title)}</h1>`;
  return `<!doctype html><html lang="${voice.lang === 'zh' ? 'zh-CN' : 'en'}"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}
<title>${esc(title)}</title><style>${STYLE}</style></head><body><header>${whoHtml(viewer, voice)}<nav aria-label="${t('review')}"><a href="/review">${t('review')}</a> · ${esc(title)}</nav></header><main>${h1}${body}</main></body></html>`;
}

/** The sign-in page: a manager's id and personal key (the shared link alone only lets one look). */
export function loginPage(o: { next: string; message?: string; id?: string }, voice: PageVoice = ZH): string {
  const t = reviewText(voice.lang);
  return page(
    t('signIn'),
    `${o.message ? `<p class="msg err">${esc(o.message)}</p>` : ''}<form class="login" method="post" action="/review/login">
<input type="hidden" name="next" value="${esc(o.next)}">
<label>${t('userId')} <input name="id" autocomplete="username" required value="${esc(o.id ?? '')}"></label>
<label>${t('personalKey')} <input name="key" type="password" autocomplete="current-password" required></label>
<button type="submit">${t('login')}</button>
</form><p><small>${t('keyHelp')}</small></p>`,
    undefined,
    undefined,
    voice,
  );
}

/** The queue page. */
export function queuePage(items: (QueueItem & { proofReady: boolean })[], viewer?: Viewer, voice: PageVoice = ZH): string {
  const t = reviewText(voice.lang);
  if (!items.length) return page(t('queue'), `<p>${t('nothing')}</p>`, undefined, viewer, voice);
  const rows = items
    .map(
      (i) => `<tr><td><a href="/review/${encodeURIComponent(i.template)}/${i.version}">${esc(i.name)}</a> <small>(${esc(i.template)})</small></td>
<td>${esc(t(`kind.${i.kind}`))}</td><td>v${i.version}</td><td>${i.previousApproved === null ? '—' : `v${i.previousApproved}`}</td><td>${person(i.submitter, voice)}</td><td>${when(i.submittedAt, voice)}</td><td>${i.proofReady ? t('proofReady') : t('proofOnOpen')}</td></tr>`,
    )
    .join('\n');
  return page(
    t('queue'),
    `<table><thead><tr><th scope="col">${t('template')}</th><th scope="col">${t('kind')}</th><th scope="col">${t('version')}</th><th scope="col">${t('approvedNow')}</th><th scope="col">${t('submittedBy')}</th><th scope="col">${t('submittedAt')}</th><th scope="col">${t('proof')}</th></tr></thead><tbody>${rows}</tbody></table>`,
    undefined,
    viewer,
    voice,
  );
}

function diffHtml(unified: string, voice: PageVoice): string {
  if (!unified) return `<p>${reviewText(voice.lang)('sourceSame')}</p>`;
  const lines = unified.split('\n').map((l) => {
    const cls = l.startsWith('@@') ? 'hunk' : l.startsWith('+') && !l.startsWith('+++') ? 'add' : l.startsWith('-') && !l.startsWith('---') ? 'del' : '';
    return cls ? `<span class="${cls}">${esc(l)}</span>` : esc(l);
  });
  return `<pre class="diff">${lines.join('\n')}</pre>`;
}

/** What the version page shows. */
export interface VersionView {
  template: Template;
  version: TemplateVersion;
  submitter?: string;
  proof?: ProofInfo;
  proofError?: string;
  /** The proof is being rendered (done of total cases): the page reloads itself. */
  proofPending?: { done: number; total: number };
  /** Who looks: a signed-in manager may approve; the shared link alone only shows the sign-in link. */
  viewer: Viewer;
  message?: { ok: boolean; text: string };
  /** The page's language and the users' names (default: Chinese, ids as written). */
  voice?: PageVoice;
}

/** The page of one version: state, proof sheet, comparison, source diff, history and the review form. */
export function versionPage(v: VersionView): string {
  const voice = v.voice ?? ZH;
  const tr = reviewText(voice.lang);
  const t = v.template;
  const ver = v.version;
  const base = `/review/${encodeURIComponent(t.id)}/${ver.version}`;
  const parts: string[] = [];
  if (v.message) parts.push(`<p class="msg ${v.message.ok ? 'ok' : 'err'}">${esc(v.message.text)}</p>`);
  parts.push(
    `<h1>${esc(t.name)} <small>(${esc(t.id)}) v${ver.version}</small></h1>
<p>${tr('kind')} ${esc(tr(`kind.${t.kind}`))} · ${tr('state')} <span class="state ${esc(ver.state)}">${esc(tr(`state.${ver.state}`))}</span> · sha256 <code>${esc(ver.hash)}</code> · ${tr('createdBy')} ${person(ver.createdBy, voice)}${v.submitter ? ` · ${tr('submittedBy')} ${person(v.submitter, voice)}` : ''}</p>`,
  );
  if (ver.state === 'in_review' && v.viewer.user) {
    const me = v.viewer.user;
    const own = me.id === v.submitter;
    parts.push(`<form class="act" method="post" action="${base}/approve">
<input type="hidden" name="csrf" value="${esc(v.viewer.csrf)}">
<p>${tr('reviewer')}: <b>${esc(me.name || me.id)}</b> (${esc(me.id)})${own ? ` — ${tr('ownSubmission')}` : ''}</p>
<p><label>${tr('comment')}<br><textarea name="comment" maxlength="4000"></textarea></label></p>
<button type="submit"${own ? ' disabled' : ''}>${tr('approve')}</button><button type="submit" formaction="${base}/reject">${tr('reject')}</button>
</form>`);
  } else if (ver.state === 'in_review') {
    parts.push(`<p class="msg">${tr('needSignIn')}<a href="/review/login?next=${encodeURIComponent(base)}">${tr('signIn')}</a></p>`);
  }
  if (v.proof) {
    const p = v.proof;
    parts.push(`<h2>${tr('proofSheet')}</h2><ul>${p.worstCases.map((w) => `<li>${esc(worstCaseText(voice.lang, w))}</li>`).join('')}</ul>
${p.problems.length ? `<p class="msg err">${p.problems.map(esc).join('<br>')}</p>` : ''}
${p.notes.length ? `<p class="msg err">${tr('outputChecks')}<br>${p.notes.map((n) => esc(noteText(voice.lang, n))).join('<br>')}</p>` : ''}
<p><a href="${base}/sheet.jpg"><img class="sheet" src="${base}/sheet.jpg" alt="${esc(tr('sheetAlt', { id: t.id, v: ver.version, n: p.cells.length }))}" width="${p.width}" height="${p.height}"></a></p>
<p><small>${tr('rendered', { at: `${chinaTime(p.renderedAt)} ${tr('chinaTime')}`, n: p.cells.length })}</small></p>`);
    parts.push(`<h2>${p.previousApproved === null ? tr('comparedNone') : tr('comparedWith', { v: p.previousApproved })}</h2>`);
    if (p.compare) parts.push(`<p><img class="sheet" src="${base}/compare.jpg" alt="${esc(tr('compareAlt'))}"></p>`);
    parts.push(`<h3>${tr('sourceDiff', { a: p.diff.added, r: p.diff.removed })}</h3>${diffHtml(p.diff.unified, voice)}`);
  } else if (v.proofPending) {
    const { done, total } = v.proofPending;
    // No self-refreshing page (a timed refresh takes the page from under a screen reader): a link to look again.
    parts.push(`<p class="msg" role="status">${tr('proofPending', { progress: total ? tr('proofProgress', { done, total }) : '' })} <a href="${base}" data-refresh>${tr('reload')}</a></p>`);
  } else if (v.proofError) {
    parts.push(`<p class="msg err">${esc(tr('proofFailed', { why: v.proofError }))}</p>`);
  }
  if (ver.comments.length) {
    parts.push(
      `<h2>${tr('history')}</h2><table><tr><th scope="col">${tr('when')}</th><th scope="col">${tr('who')}</th><th scope="col">${tr('act')}</th><th scope="col">${tr('commentCol')}</th></tr>${ver.comments
        .map((c) => `<tr><td>${when(c.at, voice)}</td><td>${person(c.by, voice)}</td><td>${esc(tr(`act.${c.action}`))}</td><td>${esc(c.text)}</td></tr>`)
        .join('')}</table>`,
    );
  }
  return page(`${t.name} v${ver.version}`, parts.join('\n'), undefined, v.viewer, voice);
}

/** A refusal page (403 and friends). */
export function refusalPage(title: string, text: string, voice: PageVoice = ZH): string {
  return page(title, `<p class="msg err">${esc(text)}</p>`, undefined, undefined, voice);
}
