import sharp from 'sharp';
import type { VariantContext } from '../compose/types.js';
import type { GroupType, Post, PosterSize, StoreOwner, StudioData, Template, TemplateVersion } from '../model/index.js';
import { charCount } from '../model/text.js';
import { unifiedDiff, type TextDiff } from './diff.js';
import { captionCard, composeSheet, type SheetCell, type SheetRow, type Sized } from './sheet.js';
import { latestApproved } from './versions.js';
import { sourceHash } from '../workspace/hash.js';
import { findTemplate, findVersion, KIND_WORDS, STATE_WORDS, worstCaseText, worstReasonText } from '../model/index.js';
import { displayWidth, selectWorstCases, type WorstCases, type WorstStore } from './worst.js';

/** The template version being rendered. */
export interface ProofSubject {
  id: string;
  version: number;
  source: string;
}

/** The variant a case renders, for renderers that work from the workspace data (captions go through compose). */
export interface ProofVariant {
  data: StudioData;
  post: Post;
  group: GroupType;
  store: StoreOwner;
}

/** A rendered caption: its text, or its text with findings of the checks on it. */
export type CaptionProof = string | { text: string; notes: string[] };

/** The render calls a proof needs; the default set (src/review/renderers.ts) wires src/compose, src/render, src/video. */
export interface ProofRenderers {
  context(data: StudioData, post: Post, group: GroupType, store: StoreOwner): VariantContext | Promise<VariantContext>;
  /** Poster image bytes (any format sharp reads) of a version for one context and size, without watermark. */
  poster(t: ProofSubject, ctx: VariantContext, size: PosterSize): Promise<Buffer>;
  /** The caption text of a version for one variant, with check findings worth the manager's eye. */
  caption(t: ProofSubject, ctx: VariantContext, v: ProofVariant): Promise<CaptionProof> | CaptionProof;
  /** The storyboard's text-layer and end-card frames of a version for one context. */
  videoFrames(t: ProofSubject, ctx: VariantContext): Promise<{ label: string; image: Buffer }[]>;
}

/** Progress and cancellation of a proof render. */
export interface ProofOptions {
  onProgress?: (p: { done: number; total: number; current?: string }) => void;
  signal?: AbortSignal;
}

/** One case a version is rendered for (a cell of the sheet). */
interface ProofCase {
  row: string;
  label: string;
  group: GroupType;
  store: WorstStore;
  size?: PosterSize;
}

/** A rendered proof: the sheet, the side-by-side comparison, the text diff and what was covered. */
export interface ProofResult {
  template: string;
  kind: Template['kind'];
  version: number;
  hash: string;
  sheet: Sized;
  compare: Sized | null;
  cells: string[];
  worstCases: string[];
  problems: string[];
  /** Check findings on the rendered output (captions: Advertising-Law words, lengths...). */
  notes: string[];
  previousApproved: number | null;
  diff: TextDiff;
}

const POSTER_CELL = 300;
const CAPTION_CELL = 460;
const VIDEO_CELL = 240;

/** Short store label: name plus why it is a worst case. */
function storeLabel(w: WorstStore): string {
  return `${w.store.storeName}（${w.reasons.map((r) => worstReasonText('zh', r)).join('、')}）`;
}

/** The cases the sheet covers for a template kind: every group × size × worst store for posters, etc. */
export function proofCases(kind: Template['kind'], wc: WorstCases): ProofCase[] {
  const out: ProofCase[] = [];
  if (kind === 'poster') {
    for (const group of wc.groups)
      for (const size of wc.sizes) for (const store of wc.stores) out.push({ row: group.name, label: `${size} · ${store.store.storeName}`, group, store, size });
  } else if (kind === 'caption') {
    for (const group of wc.groups) out.push({ row: `文案 · ${storeLabel(wc.captionStore)}`, label: group.name, group, store: wc.captionStore });
  } else {
    for (const store of wc.stores) {
      const group = wc.groups.find((g) => store.store.groupTypes.includes(g.id)) ?? wc.groups[0]!;
      out.push({ row: `${storeLabel(store)} · ${group.name}`, label: '', group, store });
    }
  }
  return out;
}

async function errorImage(message: string, width: number): Promise<Buffer> {
  return (await captionCard(`渲染失败 render failed: ${message}`, width)).buf;
}

/** Renders one version for one case into labelled cells (render errors become red cells). */
async function renderCase(
  r: ProofRenderers,
  data: StudioData,
  t: Template,
  v: TemplateVersion,
  c: ProofCase,
  post: Post,
  problems: string[],
  notes: string[],
): Promise<SheetCell[]> {
  try {
    const ctx = await r.context(data, post, c.group, c.store.store);
    const subject: ProofSubject = { id: t.id, version: v.version, source: v.source };
    if (t.kind === 'poster') return [{ label: c.label, image: await r.poster(subject, ctx, c.size!) }];
    if (t.kind === 'caption') {
      const got = await r.caption(subject, ctx, { data, post, group: c.group, store: c.store.store });
      const { text, notes: found } = typeof got === 'string' ? { text: got, notes: [] } : got;
      notes.push(...found.map((n) => `v${v.version} ${c.label}: ${n}`));
      const len = charCount(text);
      const max = c.group.rules.captionMaxLength;
      const card = await captionCard(text, CAPTION_CELL);
      const flag = len > max ? ' — 超出字数上限 OVER THE LIMIT' : found.length ? ` — ${found.length} 条检查发现` : '';
      return [{ label: `${c.label} · ${len}/${max} 字${flag}`, image: card.buf, warn: len > max || found.length > 0 }];
    }
    const frames = await r.videoFrames(subject, ctx);
    return frames.map((f) => ({ label: f.label, image: f.image }));
  } catch (err) {
    const msg = (err as Error).message ?? String(err);
    problems.push(`v${v.version} ${c.row} ${c.label}: ${msg}`);
    return [{ label: `${c.label} — 失败 FAILED`, image: await errorImage(msg, t.kind === 'caption' ? CAPTION_CELL : POSTER_CELL), warn: true }];
  }
}

function cellWidth(kind: Template['kind']): number {
  return kind === 'poster' ? POSTER_CELL : kind === 'caption' ? CAPTION_CELL : VIDEO_CELL;
}

/** Cases shown side by side against the previous approved version (a few representative ones). */
function compareCases(kind: Template['kind'], cases: ProofCase[]): ProofCase[] {
  if (kind === 'poster') {
    const first = cases[0]!;
    return cases.filter((c) => c.group === first.group && c.store === first.store);
  }
  return cases.slice(0, kind === 'caption' ? 2 : 1);
}

/** True when two images have the same pixels (after scaling both to a small size). */
async function samePixels(a: Buffer, b: Buffer): Promise<boolean> {
  const small = (x: Buffer) => sharp(x).resize(64, 64, { fit: 'fill' }).removeAlpha().raw().toBuffer();
  const [x, y] = await Promise.all([small(a), small(b)]);
  return x.equals(y);
}

/**
 * Renders the proof of one version against the workspace's worst cases: one sheet with every case,
 * a side-by-side comparison with the previous approved version (when there is one) and the source diff.
 * Pure apart from the render calls: nothing is written (see proof-files.ts).
 */
export async function renderProof(
  data: StudioData,
  templateId: string,
  version: number,
  r: ProofRenderers,
  at = new Date().toISOString(),
  opts: ProofOptions = {},
): Promise<ProofResult> {
  const t = findTemplate(data, templateId);
  const v = findVersion(t, version);
  const wc = selectWorstCases(data, t);
  const cases = proofCases(t.kind, wc);
  const prev = latestApproved(t, v.version);
  const compared = prev ? compareCases(t.kind, cases) : [];
  const total = cases.length + compared.length;
  let done = 0;
  const step = (current: string): void => {
    if (opts.signal?.aborted) throw Object.assign(new Error('proof cancelled'), { name: 'AbortError' });
    opts.onProgress?.({ done, total, current });
    done++;
  };
  const problems: string[] = [];
  const notes: string[] = [];
  const rows: SheetRow[] = [];
  const cells: string[] = [];
  const rendered = new Map<ProofCase, SheetCell[]>();
  for (const c of cases) {
    step(`${c.row} · ${c.label}`);
    const got = await renderCase(r, data, t, v, c, wc.post, problems, notes);
    rendered.set(c, got);
    let row = rows.find((x) => x.heading === c.row);
    if (!row) rows.push((row = { heading: c.row, cells: [] }));
    row.cells.push(...got);
    cells.push(...got.map((g) => `${c.row} · ${g.label}`));
  }
  const worstCases = [
    ...wc.stores.map((s) => `store "${s.store.id}" ${s.store.storeName}: ${s.reasons.join(', ')}`),
    `post "${wc.post.id}": ${wc.postReason} (${displayWidth(wc.post.title)} wide title)`,
    `group types: ${wc.groups.map((g) => g.name).join(', ')}`,
    ...(t.kind === 'poster' ? [`sizes: ${wc.sizes.join(', ')}`] : []),
  ];
  const hash = v.hash || sourceHash(v.source);
  const sheet = await composeSheet({
    title: `校样 · ${t.name}（${t.id}）v${v.version} · ${KIND_WORDS[t.kind][0]} · ${STATE_WORDS[v.state][0]}`,
    lines: [`sha256 ${hash.slice(0, 16)}… · 生成于 ${at}`, ...worstCases.map((l) => worstCaseText('zh', l)), ...(problems.length ? [`${problems.length} 个用例渲染失败`] : []), ...(notes.length ? [`输出上有 ${notes.length} 条检查发现`] : [])],
    rows,
    cellWidth: cellWidth(t.kind),
    perLine: t.kind === 'poster' ? 6 : t.kind === 'caption' ? 3 : 6,
  });
  const diff = unifiedDiff(prev?.source ?? '', v.source, prev ? `${t.id} v${prev.version} (approved)` : '/dev/null', `${t.id} v${v.version} (${v.state})`);
  let compare: Sized | null = null;
  if (prev) {
    const pairs: SheetRow[] = [];
    for (const c of compared) {
      step(`v${prev.version} ${c.row} · ${c.label}`);
      const old = await renderCase(r, data, t, prev, c, wc.post, problems, []);
      const now = rendered.get(c)!;
      for (let i = 0; i < Math.max(old.length, now.length); i++) {
        const o = old[i];
        const n = now[i];
        const same = o && n ? await samePixels(o.image, n.image) : false;
        const label = (o ?? n)!.label;
        const pair: SheetCell[] = [];
        if (o) pair.push({ label: `v${prev.version} 已批准`, image: o.image });
        if (n) pair.push({ label: `v${v.version} ${same ? '（看不出变化）' : '（有变化）'}`, image: n.image, warn: !same });
        pairs.push({ heading: `${c.row} · ${label}`, cells: pair });
      }
    }
    compare = await composeSheet({
      title: `对比 · ${t.name}（${t.id}）v${prev.version} → v${v.version}`,
      lines: [`源码：+${diff.added} −${diff.removed} 行`],
      rows: pairs,
      cellWidth: t.kind === 'poster' ? 360 : cellWidth(t.kind),
      perLine: 2,
    });
  }
  opts.onProgress?.({ done: total, total });
  return { template: t.id, kind: t.kind, version: v.version, hash, sheet, compare, cells, worstCases, problems, notes, previousApproved: prev?.version ?? null, diff };
}
