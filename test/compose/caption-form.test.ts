/**
 * Caption templates as a form (issue 17, point 1): blocks per group type with chips generate a
 * Handlebars source that compose renders as the caption; the form comes back out of the source;
 * a hand edit of the source is noticed; an unknown chip is refused naming the block.
 */
import { describe, expect, it } from 'vitest';
import { buildDemoStudio } from '../../src/demo/index.js';
import { previewCaptionTemplate } from '../../src/compose/template-preview.js';
import { captionFormOf, captionSourceFromForm, defaultCaptionForm, type CaptionForm } from '../../src/model/caption-form.js';
import { createTemplateEngine } from '../../src/compose/handlebars/index.js';

const header = { id: 'caption-form-test', name: '表单文案', channel: 'group' };

describe('caption form', () => {
  it('generates a source compose renders: per group type blocks, chips as the store and post values', async () => {
    const { data } = await buildDemoStudio();
    const form: CaptionForm = {
      ...defaultCaptionForm(),
      groups: { moms: { greeting: '宝妈们好～', body: '{头部}', offer: '{优惠内容}', link: '戳这里：{下单链接}', closing: '{店主昵称} 敬上 {{不是变量}}' } },
    };
    const source = captionSourceFromForm(form, header);
    // The engine compose uses accepts it (strict, known helpers only).
    expect(() => createTemplateEngine().compile('t', source, 'text')).not.toThrow();
    const store = data.stores.find((s) => s.active && s.groupTypes.includes('moms') && s.groupTypes.includes('community'))!;
    const post = data.posts.find((p) => p.groupTypes.includes('moms') && p.groupTypes.includes('community'))!;
    const moms = previewCaptionTemplate(data, post.id, 'moms', store.id, { id: header.id, source });
    expect(moms.error).toBeUndefined();
    expect(moms.text.startsWith('宝妈们好～')).toBe(true);
    expect(moms.text).toContain(post.offer.slice(0, 6));
    expect(moms.text).toMatch(/戳这里：https?:\/\//);
    // Braces the author typed stay text.
    expect(moms.text).toContain(`${store.nickname || store.ownerName} 敬上 {{不是变量}}`);
    const community = previewCaptionTemplate(data, post.id, 'community', store.id, { id: header.id, source });
    expect(community.error).toBeUndefined();
    expect(community.text.startsWith('大家好，')).toBe(true);
    expect(community.text).toContain(`—— ${store.nickname || store.ownerName}`);
    expect(community.text).toMatch(/https?:\/\//);
  });

  it('the form comes back out of its source; a hand edit is noticed', () => {
    const form = { ...defaultCaptionForm(), groups: { vip: { greeting: '尊敬的会员，', body: '{腰部}', offer: '', link: '{下单链接}', closing: '' } } };
    const source = captionSourceFromForm(form, header);
    const back = captionFormOf(source);
    expect(back).toEqual({ form, header, edited: false });
    expect(captionFormOf(source.replace('尊敬的会员，\n', '尊敬的会员们，\n')).edited).toBe(true);
    // A source written by hand (the built-ins) has no form.
    expect(captionFormOf('{{!--\nid: x\n--}}\n{{sections.head}}\n')).toEqual({ header: { id: 'x' }, edited: false });
  });

  it('refuses a chip it does not know, naming the block', () => {
    const form = { ...defaultCaptionForm(), blocks: { ...defaultCaptionForm().blocks, closing: '{店长微信}' } };
    expect(() => captionSourceFromForm(form, header)).toThrow(/blocks\.closing: \{店长微信\} is not a variable/);
  });
});
