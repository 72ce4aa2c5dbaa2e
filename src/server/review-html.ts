import type { Template, TemplateVersion, User } from '../model/index.js';
import type { ProofInfo } from '../review/proof-files.js';
import type { QueueItem } from '../review/queue.js';

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
.state{font-weight:bold}.in_review{color:#b36b00}.approved{color:#137333}.changes_requested{color:#a50e0e}.retired,.draft{color:#666}
img.sheet{max-width:100%;border:1px solid #ccc;background:#fff}pre.diff{background:#fff;border:1px solid #ddd;padding:8px;overflow:auto}
.add{background:#e6ffec}.del{background:#ffebe9}.hunk{color:#6a737d}.msg{padding:8px 12px;border-radius:4px;margin:8px 0}
.ok{background:#e6ffec}.err{background:#ffebe9}form.act{background:#fff;border:1px solid #ddd;padding:12px;max-width:720px}
textarea{width:100%;min-height:70px}button{padding:6px 16px;margin-right:8px}
header form{display:inline;margin-left:12px}header button{padding:2px 10px}.who{float:right}
form.login{background:#fff;border:1px solid #ddd;padding:16px;max-width:420px}form.login label{display:block;margin:8px 0}form.login input{width:100%;padding:6px}`;

/** Who the browser is on the review pages, for the header: a signed-in manager (with the sign-out form's token), or the shared link only. */
export type Viewer = { user: Pick<User, 'id' | 'name'>; csrf: string } | { user?: undefined; next?: string };

function whoHtml(v: Viewer | undefined): string {
  if (!v) return '';
  if (v.user) {
    return `<span class="who">已登录 Signed in: ${esc(v.user.name || v.user.id)} (${esc(v.user.id)})<form method="post" action="/review/logout"><input type="hidden" name="csrf" value="${esc(v.csrf)}"><button type="submit">退出 Sign out</button></form></span>`;
  }
  return `<span class="who"><a href="/review/login${v.next ? `?next=${encodeURIComponent(v.next)}` : ''}">经理登录 Sign in</a></span>`;
}

/** A complete HTML page (no scripts). */
export function page(title: string, body: string, refreshSeconds?: number, viewer?: Viewer): string {
  const refresh = refreshSeconds ? `<meta http-equiv="refresh" content="${Math.max(1, Math.round(refreshSeconds))}">` : '';
  return `<!doctype html><html lang="zh-CN"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width,initial-scale=1">${refresh}
<title>${esc(title)}</title><style>${STYLE}</style></head><body><header>${whoHtml(viewer)}<a href="/review">审核 Review</a> · ${esc(title)}</header><main>${body}</main></body></html>`;
}

/** The sign-in page: a manager's id and personal key (the shared link alone only lets one look). */
export function loginPage(o: { next: string; message?: string; id?: string }): string {
  return page(
    '经理登录 Manager sign-in',
    `${o.message ? `<p class="msg err">${esc(o.message)}</p>` : ''}<form class="login" method="post" action="/review/login">
<input type="hidden" name="next" value="${esc(o.next)}">
<label>账号 User id <input name="id" autocomplete="username" required value="${esc(o.id ?? '')}"></label>
<label>个人密钥 Personal key <input name="key" type="password" autocomplete="current-password" required></label>
<button type="submit">登录 Sign in</button>
</form><p><small>密钥由创建账号时显示一次；遗失请找其他经理重新签发。 The key was shown once when your account was made; if it is lost, another manager issues a new one (shequn user key).</small></p>`,
  );
}

/** The queue page. */
export function queuePage(items: (QueueItem & { proofReady: boolean })[], viewer?: Viewer): string {
  if (!items.length) return page('审核队列 Review queue', '<p>没有待审核的版本 · nothing is waiting for review.</p>', undefined, viewer);
  const rows = items
    .map(
      (i) => `<tr><td><a href="/review/${encodeURIComponent(i.template)}/${i.version}">${esc(i.name)}</a> <small>(${esc(i.template)})</small></td>
<td>${esc(i.kind)}</td><td>v${i.version}</td><td>${i.previousApproved === null ? '—' : `v${i.previousApproved}`}</td><td>${esc(i.submitter)}</td><td>${esc(i.submittedAt)}</td><td>${i.proofReady ? 'ready' : 'renders on open'}</td></tr>`,
    )
    .join('\n');
  return page(
    '审核队列 Review queue',
    `<table><thead><tr><th>template</th><th>kind</th><th>version</th><th>approved now</th><th>submitted by</th><th>submitted at</th><th>proof</th></tr></thead><tbody>${rows}</tbody></table>`,
    undefined,
    viewer,
  );
}

function diffHtml(unified: string): string {
  if (!unified) return '<p>source unchanged.</p>';
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
}

/** The page of one version: state, proof sheet, comparison, source diff, history and the review form. */
export function versionPage(v: VersionView): string {
  const t = v.template;
  const ver = v.version;
  const base = `/review/${encodeURIComponent(t.id)}/${ver.version}`;
  const parts: string[] = [];
  if (v.message) parts.push(`<p class="msg ${v.message.ok ? 'ok' : 'err'}">${esc(v.message.text)}</p>`);
  parts.push(
    `<h1>${esc(t.name)} <small>(${esc(t.id)}) v${ver.version}</small></h1>
<p>kind ${esc(t.kind)} · state <span class="state ${esc(ver.state)}">${esc(ver.state)}</span> · sha256 <code>${esc(ver.hash)}</code> · created by ${esc(ver.createdBy)}${v.submitter ? ` · submitted by ${esc(v.submitter)}` : ''}</p>`,
  );
  if (ver.state === 'in_review' && v.viewer.user) {
    const me = v.viewer.user;
    const own = me.id === v.submitter;
    parts.push(`<form class="act" method="post" action="${base}/approve">
<input type="hidden" name="csrf" value="${esc(v.viewer.csrf)}">
<p>审核人 Reviewer: <b>${esc(me.name || me.id)}</b> (${esc(me.id)})${own ? ' — 这是你提交的版本，需由另一位经理批准 · you submitted this version: another manager must approve it' : ''}</p>
<p><label>意见 Comment (optional)<br><textarea name="comment" maxlength="4000"></textarea></label></p>
<button type="submit"${own ? ' disabled' : ''}>批准 Approve</button><button type="submit" formaction="${base}/reject">退回修改 Request changes</button>
</form>`);
  } else if (ver.state === 'in_review') {
    parts.push(`<p class="msg">审批需要经理本人登录 · Approving needs a manager signed in with their own id and key: <a href="/review/login?next=${encodeURIComponent(base)}">经理登录 Sign in</a></p>`);
  }
  if (v.proof) {
    const p = v.proof;
    parts.push(`<h2>Proof sheet</h2><ul>${p.worstCases.map((w) => `<li>${esc(w)}</li>`).join('')}</ul>
${p.problems.length ? `<p class="msg err">${p.problems.map(esc).join('<br>')}</p>` : ''}
${p.notes.length ? `<p class="msg err">Checks on the output:<br>${p.notes.map(esc).join('<br>')}</p>` : ''}
<p><a href="${base}/sheet.jpg"><img class="sheet" src="${base}/sheet.jpg" alt="proof sheet of ${esc(t.id)} v${ver.version}, ${p.cells.length} cases" width="${p.width}" height="${p.height}"></a></p>
<p><small>rendered ${esc(p.renderedAt)} · ${p.cells.length} cases</small></p>`);
    parts.push(`<h2>Compared with ${p.previousApproved === null ? 'nothing (no approved version before)' : `v${p.previousApproved} (approved)`}</h2>`);
    if (p.compare) parts.push(`<p><img class="sheet" src="${base}/compare.jpg" alt="previous approved and new side by side"></p>`);
    parts.push(`<h3>Source diff (+${p.diff.added} −${p.diff.removed})</h3>${diffHtml(p.diff.unified)}`);
  } else if (v.proofPending) {
    const { done, total } = v.proofPending;
    parts.push(`<p class="msg">The proof sheet is being rendered${total ? ` (${done} of ${total} cases)` : ''}; this page reloads by itself. Approve only once you have seen it.</p>`);
  } else if (v.proofError) {
    parts.push(`<p class="msg err">The proof sheet could not be rendered: ${esc(v.proofError)}</p>`);
  }
  if (ver.comments.length) {
    parts.push(
      `<h2>History</h2><table><tr><th>when</th><th>who</th><th>act</th><th>comment</th></tr>${ver.comments
        .map((c) => `<tr><td>${esc(c.at)}</td><td>${esc(c.by)}</td><td>${esc(c.action)}</td><td>${esc(c.text)}</td></tr>`)
        .join('')}</table>`,
    );
  }
  return page(`${t.name} v${ver.version}`, parts.join('\n'), v.proofPending ? 5 : undefined, v.viewer);
}

/** A refusal page (403 and friends). */
export function refusalPage(title: string, text: string): string {
  return page(title, `<p class="msg err">${esc(text)}</p>`);
}
