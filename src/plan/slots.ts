import { randomBytes } from 'node:crypto';
import { findGroup, findPost, StudioError, type PlanSlot, type StudioData } from '../model/index.js';
import { SlotTime } from '../model/plan.js';

/** A slot as lists show it: with the post's title and the group type's name. */
export interface SlotView extends PlanSlot {
  title: string;
  groupName: string;
}

/** Which slots to list: dates (inclusive, `YYYY-MM-DD`), one post or one group type. */
export interface SlotFilter {
  from?: string;
  to?: string;
  post?: string;
  group?: string;
}

function checkTime(at: string, field = 'at'): string {
  const r = SlotTime.safeParse(at);
  if (!r.success) throw new StudioError('bad_input', `${field}: “${at}” ${r.error.issues[0]!.message}（格式 YYYY-MM-DD HH:MM，北京时间）`, field);
  return at;
}

/** Refuses a slot for a group type the post does not go to. */
function checkTarget(data: StudioData, post: string, group: string): void {
  const p = findPost(data, post);
  findGroup(data, group);
  if (p.groupTypes.length && !p.groupTypes.includes(group)) {
    throw new StudioError('bad_input', `内容 ${post} 不发往群类型 ${group}（它发往 ${p.groupTypes.join('、')}）/ post "${post}" does not go to group type "${group}" (it goes to ${p.groupTypes.join(', ')})`, 'group');
  }
}

function refuseDuplicate(data: StudioData, slot: Omit<PlanSlot, 'id'>, except?: string): void {
  const same = data.plan.slots.find((s) => s.id !== except && s.post === slot.post && s.group === slot.group && s.at === slot.at);
  if (same) throw new StudioError('conflict', `${slot.at} 已经安排了 ${slot.post} → ${slot.group}（${same.id}）/ ${slot.post} is already planned for ${slot.group} at ${slot.at} (slot ${same.id})`, 'at');
}

/** Adds a send slot to the draft (post and group type must exist and fit); returns it. */
export function addSlot(draft: StudioData, input: Omit<PlanSlot, 'id'>, id = `slot-${randomBytes(4).toString('hex')}`): PlanSlot {
  checkTime(input.at);
  checkTarget(draft, input.post, input.group);
  refuseDuplicate(draft, input);
  const slot: PlanSlot = { id, post: input.post, group: input.group, at: input.at };
  draft.plan.slots.push(slot);
  return slot;
}

function findSlot(data: StudioData, id: string): PlanSlot {
  const s = data.plan.slots.find((x) => x.id === id);
  if (!s) throw new StudioError('not_found', `没有排期 ${id} / slot "${id}" not found`, 'id');
  return s;
}

/** Moves a slot to another time (and group type): what dragging on the calendar does. */
export function moveSlot(draft: StudioData, id: string, to: { at: string; group?: string }): PlanSlot {
  const slot = findSlot(draft, id);
  checkTime(to.at);
  const group = to.group ?? slot.group;
  if (group !== slot.group) checkTarget(draft, slot.post, group);
  refuseDuplicate(draft, { post: slot.post, group, at: to.at }, id);
  slot.at = to.at;
  slot.group = group;
  return { ...slot };
}

/** Removes slots by id, or every slot of a post (optionally one group type, optionally one time); returns them. */
export function removeSlots(draft: StudioData, which: { id?: string; post?: string; group?: string; at?: string }): PlanSlot[] {
  if (which.id) findSlot(draft, which.id);
  else if (!which.post) throw new StudioError('bad_input', '请给出排期编号，或内容编号 / give a slot id, or a post (with --group and --at to narrow it)', 'id');
  const hit = (s: PlanSlot) => (which.id ? s.id === which.id : s.post === which.post && (!which.group || s.group === which.group) && (!which.at || s.at === which.at));
  const removed = draft.plan.slots.filter(hit);
  if (!removed.length) throw new StudioError('not_found', `没有符合条件的排期 / no slot of post "${which.post}"${which.group ? ` for ${which.group}` : ''}${which.at ? ` at ${which.at}` : ''}`, 'post');
  draft.plan.slots = draft.plan.slots.filter((s) => !hit(s));
  return removed;
}

/** The slots in time order, with titles and group names; the filter's dates are inclusive. */
export function listSlots(data: StudioData, f: SlotFilter = {}): SlotView[] {
  const posts = new Map(data.posts.map((p) => [p.id, p]));
  const groups = new Map(data.groupTypes.map((g) => [g.id, g]));
  return data.plan.slots
    .filter((s) => (!f.from || s.at.slice(0, 10) >= f.from) && (!f.to || s.at.slice(0, 10) <= f.to) && (!f.post || s.post === f.post) && (!f.group || s.group === f.group))
    .sort((a, b) => a.at.localeCompare(b.at) || a.group.localeCompare(b.group) || a.post.localeCompare(b.post))
    .map((s) => ({ ...s, title: posts.get(s.post)?.title ?? s.post, groupName: groups.get(s.group)?.name ?? s.group }));
}
