import type { SectionReader } from '../compose/sections.js';
import { CHANNEL_KINDS, type StudioData } from '../model/index.js';
import { matchGroupTypes } from '../workspace/import/rows.js';
import { findTrackingIds } from './attribution.js';
import type { ResultField, ResultHeader } from './columns.js';
import { hookOf, templatesOf } from './hook.js';
import type { Attribution } from './types.js';

/** Words people write for a channel kind. */
const CHANNEL_WORDS: Record<string, (typeof CHANNEL_KINDS)[number]> = {
  群: 'group', 社群: 'group', 群聊: 'group', 社群消息: 'group', 微信群: 'group',
  朋友圈: 'moments', 视频: 'video', 短视频: 'video', 视频号: 'video', 抖音: 'video',
};

/** What attributing a row needs, built once per import. */
export class Attributor {
  private readonly posts: Map<string, StudioData['posts'][number]>;
  private readonly stores: Map<string, string>;
  private readonly hooks = new Map<string, string>();
  /** Ids that are not in the workspace, each reported once. */
  readonly unknown = new Map<string, { row: number; column: string }>();

  constructor(
    private readonly data: StudioData,
    private readonly header: ResultHeader,
    private readonly reader?: SectionReader,
  ) {
    this.posts = new Map(data.posts.flatMap((p) => [[p.id, p], [p.title.trim(), p]] as const));
    this.stores = new Map(data.stores.flatMap((s) => [[s.id, s.id], [s.storeName.trim(), s.id]] as const));
  }

  private cell(cells: readonly string[], f: ResultField): string {
    const i = this.header.byField.get(f);
    return i === undefined ? '' : (cells[i] ?? '').trim();
  }

  private channelKind(v: string | undefined): string | undefined {
    if (!v) return undefined;
    const ch = this.data.channels.find((c) => c.id === v || c.name === v);
    if (ch) return ch.kind;
    if ((CHANNEL_KINDS as readonly string[]).includes(v)) return v;
    return CHANNEL_WORDS[v];
  }

  private note(kind: string, id: string, row: number, column: string): void {
    const key = `${kind} "${id}"`;
    if (!this.unknown.has(key)) this.unknown.set(key, { row, column });
  }

  /** The row's attribution: explicit columns first, then any cell that carries a tracking link or its parameters. */
  attribute(cells: readonly string[], row: number): Attribution {
    let linkIds: ReturnType<typeof findTrackingIds>;
    let linkColumn = '';
    for (let i = 0; i < cells.length && !linkIds; i++) {
      linkIds = findTrackingIds(cells[i] ?? '');
      if (linkIds) linkColumn = this.header.labels[i] || `#${i + 1}`;
    }
    const label = (f: ResultField) => this.header.labels[this.header.byField.get(f)!] ?? f;
    const out: Attribution = {};

    const postCell = this.cell(cells, 'post');
    const post = postCell ? this.posts.get(postCell) : undefined;
    if (postCell && !post) this.note('post', postCell, row, label('post'));
    out.post = post?.id ?? (postCell || linkIds?.post);
    if (!postCell && linkIds && !this.posts.has(linkIds.post)) this.note('post', linkIds.post, row, linkColumn);

    const groupCell = this.cell(cells, 'group');
    if (groupCell) {
      const { ids, unknown } = matchGroupTypes(groupCell, this.data.groupTypes);
      if (ids[0]) out.group = ids[0];
      else this.note('group type', unknown[0] ?? groupCell, row, label('group'));
    }
    if (!out.group && linkIds) {
      out.group = linkIds.group;
      if (!this.data.groupTypes.some((g) => g.id === linkIds.group)) this.note('group type', linkIds.group, row, linkColumn);
    }

    const storeCell = this.cell(cells, 'store');
    if (storeCell) {
      out.store = this.stores.get(storeCell) ?? storeCell;
      if (!this.stores.has(storeCell)) this.note('store', storeCell, row, label('store'));
    } else if (linkIds) {
      out.store = linkIds.store;
      if (!this.stores.has(linkIds.store)) this.note('store', linkIds.store, row, linkColumn);
    }

    if (!out.post && !out.group && !out.store) return {};
    out.channel = this.channelKind(this.cell(cells, 'channel')) ?? this.channelKind(linkIds?.channel) ?? 'group';
    const p = out.post ? this.posts.get(out.post) : undefined;
    if (p) {
      const key = `${p.id}\u0000${out.group ?? ''}`;
      let hook = this.hooks.get(key);
      if (hook === undefined) this.hooks.set(key, (hook = hookOf(p, out.group ? { id: out.group } : undefined, this.reader)));
      if (hook) out.hook = hook;
      const templates = templatesOf(p);
      if (templates.length) out.templates = templates;
    }
    for (const k of Object.keys(out) as (keyof Attribution)[]) if (out[k] === undefined) delete out[k];
    return out;
  }
}
