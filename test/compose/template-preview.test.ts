import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { dispatch } from '../../src/api/dispatcher.js';
import { captionTemplateKind } from '../../src/compose/template-preview.js';
import { memoryWorkspace } from '../helpers/memory-workspace.js';
import { composeStudio } from './fixtures.js';
import { ctx } from '../helpers/session.js';

const builtin = (name: string) => readFileSync(new URL(`../../templates/captions/${name}.hbs`, import.meta.url), 'utf8');

describe('compose.templatePreview (the caption template screen\'s live preview)', () => {
  it('renders an unsaved source exactly as compose renders the saved one, and writes nothing', async () => {
    const ws = memoryWorkspace(composeStudio());
    const saved = await dispatch('compose.variant', { post: 'p1', group: 'vip', store: 'S001' }, ctx(ws));
    const same = await dispatch('compose.templatePreview', { template: { id: 'caption-group', source: builtin('group') }, post: 'p1', group: 'vip', store: 'S001' }, ctx(ws));
    expect(same).toMatchObject({ kind: 'group', text: saved.caption, tooLong: false });
    expect(same.error).toBeUndefined();

    const edited = builtin('group').replace('这期的活动和大家说一下：', '尊敬的会员您好');
    const out = await dispatch('compose.templatePreview', { template: { id: 'caption-group', source: edited }, post: 'p1', group: 'vip', store: 'S001' }, ctx(ws));
    expect(out.text).toContain('尊敬的会员您好');
    expect(out.text).toContain('sq_store=S001');
    expect(ws.writes).toBe(0);
  });

  it('reports a template mistake with its line instead of failing, so the editor can show it', async () => {
    const ws = memoryWorkspace(composeStudio());
    const source = '第一行\n{{#if store.name}}\n没有结束';
    const out = await dispatch('compose.templatePreview', { template: { id: 'caption-group', source }, post: 'p1', group: 'vip', store: 'S001' }, ctx(ws));
    expect(out.text).toBe('');
    expect(out.error?.message).toMatch(/template "caption-group"/);
    const missing = await dispatch('compose.templatePreview', { template: { id: 'caption-group', source: '你好\n{{store.phon}}' }, post: 'p1', group: 'vip', store: 'S001' }, ctx(ws));
    expect(missing.error).toMatchObject({ line: 2 });
    expect(missing.error!.message).toContain('store.phon');
  });

  it('writes for the channel the template declares, and says when the text is over its limit', async () => {
    const ws = memoryWorkspace(composeStudio());
    const moments = await dispatch('compose.templatePreview', { template: { id: 'caption-moments', source: builtin('moments') }, post: 'p1', group: 'community', store: 'S001' }, ctx(ws));
    expect(moments.kind).toBe('moments');
    const long = `{{!--\nchannel: group\n--}}\n${'好'.repeat(5000)}`;
    const over = await dispatch('compose.templatePreview', { template: { id: 'my-long', source: long }, post: 'p1', group: 'community', store: 'S001' }, ctx(ws));
    expect(over).toMatchObject({ kind: 'group', tooLong: true });
    expect(over.maxLength).toBeLessThan(5000);
  });

  it('names what is missing', async () => {
    const ws = memoryWorkspace(composeStudio());
    await expect(dispatch('compose.templatePreview', { template: { id: 'x', source: '' }, post: 'nope', group: 'vip', store: 'S001' }, ctx(ws))).rejects.toMatchObject({ code: 'not_found', field: 'post' });
    await expect(dispatch('compose.templatePreview', { template: { id: 'x', source: '' }, post: 'p1', group: 'vip', store: 'S404' }, ctx(ws))).rejects.toMatchObject({ code: 'not_found', field: 'store' });
  });

  it('finds the channel kind from the front matter, else the built-in id', () => {
    expect(captionTemplateKind('anything', '{{!--\nchannel: video\n--}}\nx')).toBe('video');
    expect(captionTemplateKind('caption-moments', 'x')).toBe('moments');
    expect(captionTemplateKind('mine', 'x')).toBe('group');
  });
});
