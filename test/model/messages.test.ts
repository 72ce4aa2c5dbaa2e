import { describe, expect, it } from 'vitest';
import { coded, MESSAGES, messageText, StudioError, valueIssueText } from '../../src/model/index.js';
import { StoreOwnerInput } from '../../src/model/index.js';

const placeholders = (s: string) => new Set([...s.matchAll(/\{(\w+)\}/g)].map((m) => m[1]));

describe('coded messages (issue 17 point 3)', () => {
  it('every code has a Chinese and an English text, and the Chinese uses only parameters the code has', () => {
    const codes = Object.keys(MESSAGES);
    expect(codes.length).toBeGreaterThan(40);
    for (const [code, [zh, en]] of Object.entries(MESSAGES)) {
      expect(zh.trim(), code).not.toBe('');
      expect(en.trim(), code).not.toBe('');
      // The Chinese text is Chinese: at least one CJK character (a copied English text would slip through otherwise).
      // (Texts that are only placeholders and punctuation, like `{what} · {where}`, have nothing to translate.)
      if (/[A-Za-z]/.test(zh.replace(/\{\w+\}/g, ''))) expect(zh, code).toMatch(/[\u4e00-\u9fff]/);
      for (const p of placeholders(zh)) expect(placeholders(en).has(p) || code === 'value.invalid', `${code}: {${p}}`).toBe(true);
    }
  });

  it('fills parameters in either language; an unknown code gives undefined', () => {
    expect(messageText('import.idRepeated', { id: 'S1', row: 4 }, 'zh')).toBe('门店编号“S1”已在第 4 行出现过');
    expect(messageText('import.idRepeated', { id: 'S1', row: 4 }, 'en')).toBe('store id "S1" already appears on row 4');
    expect(messageText('no.such.code', {}, 'zh')).toBeUndefined();
  });

  it('a coded StudioError keeps the English message and carries code and parameters on the wire', () => {
    const err = StudioError.coded('bad_input', 'asset.tooBig', { name: 'a.png', limit: 15 }, 'base64');
    expect(err.toJSON()).toEqual({ code: 'bad_input', message: '"a.png" is larger than 15 MB; make it smaller and try again', field: 'base64', messageCode: 'asset.tooBig', params: { name: 'a.png', limit: 15 } });
    expect(coded('import.idEmpty')).toEqual({ code: 'import.idEmpty', message: 'the store id is empty' });
  });

  it("the store schema's complaints map to codes (the model's wording kept in English)", () => {
    const r = StoreOwnerInput.safeParse({ id: 'a', storeName: '', ownerName: 'x'.repeat(41), cloudStoreUrl: 'ftp://x', nickname: 'a\u202eb' });
    expect(r.success).toBe(false);
    const texts = r.success ? [] : r.error.issues.map((i) => valueIssueText(i as never));
    expect(texts.map((t) => t.code).sort()).toEqual(['value.controlChar', 'value.notUrl', 'value.storeNameMissing', 'value.tooLong'].sort());
    const control = texts.find((t) => t.code === 'value.controlChar')!;
    expect(messageText(control.code, control.params, 'zh')).toContain('U+202E');
  });
});

describe('render notes read back as coded messages', () => {
  it('each note form round-trips, with the output it concerns kept apart', async () => {
    const { codedNote, droppedNote, truncatedNote, safeAreaNote } = await import('../../src/model/index.js');
    const dropped = `poster 1x1 · spring-gift/community: ${droppedNote('head', '🧧🎉')}`;
    expect(dropped).toBe('poster 1x1 · spring-gift/community: head: removed 🧧🎉 (not in the poster font)');
    const d = codedNote(dropped);
    expect(d).toMatchObject({ code: 'note.dropped', params: { slot: 'head', chars: '🧧🎉' }, about: 'poster 1x1 · spring-gift/community' });
    expect(messageText(d.code, d.params, 'zh')).toBe('head：去掉了海报字体里没有的字符 🧧🎉');
    const t = codedNote(truncatedNote('waist', 3, 28, '年货: 礼盒'));
    expect(t).toMatchObject({ code: 'note.truncated', params: { slot: 'waist', lines: '3', px: '28', last: '年货: 礼盒' } });
    expect(t.about).toBeUndefined();
    expect(codedNote(`v2 海报: ${safeAreaNote('¥168', 10, 20, 300, 400)}`)).toMatchObject({ code: 'note.safeArea', params: { what: '¥168', x: '10', h: '400' }, about: 'v2 海报' });
    expect(codedNote('something else')).toEqual({ code: 'note.other', params: { note: 'something else' }, message: 'something else' });
  });
});

describe('notes and progress lines in either language', () => {
  it('translates the output a line concerns, slot names and video parts', async () => {
    const { noteText, progressText, droppedNote } = await import('../../src/model/index.js');
    expect(noteText('zh', `poster 1x1 · spring-gift/community: ${droppedNote('head', '🧧')}`)).toBe('海报 1x1 · spring-gift/community：头部：去掉了海报字体里没有的字符 🧧');
    expect(noteText('en', `poster 1x1 · a/b: ${droppedNote('head', '🧧')}`)).toBe('poster 1x1 · a/b: head: removed 🧧 (not in the poster font)');
    expect(progressText('zh', { current: 'composing lc008' })).toBe('正在整理 lc008 的内容');
    expect(progressText('zh', { current: 'video g0 body (71%)' })).toBe('视频 g0 正片（71%）');
    expect(progressText('zh', { current: 'poster 9x16 · lc001 spring-gift/community' })).toBe('海报 9x16 · lc001 spring-gift/community');
    expect(progressText('zh', { current: 'something new' })).toBe('something new');
  });
});

describe('a proof’s worst cases in Chinese', () => {
  it('reads the lines src/review/proof.ts writes', async () => {
    const { worstCaseText } = await import('../../src/model/index.js');
    expect(worstCaseText('zh', 'store "s2" 王芳的店: longest store name (32 wide), longest catchphrase (60 wide)')).toBe('门店“s2” 王芳的店：门店名最长（宽 32）、口头禅最长（宽 60）');
    expect(worstCaseText('zh', 'post "p1": the longest post using this template (40 wide title)')).toBe('内容“p1”：用这个模板的内容里最长的一篇（标题宽 40）');
    expect(worstCaseText('zh', 'group types: 社区群, 宝妈群')).toBe('群类型：社区群、宝妈群');
    expect(worstCaseText('zh', 'sizes: 9x16, 1x1')).toBe('尺寸：9x16、1x1');
    expect(worstCaseText('en', 'sizes: 9x16')).toBe('sizes: 9x16');
  });
});

describe('workspace notices in Chinese', () => {
  it('reads the lines opening a workspace writes', async () => {
    const { noticeText } = await import('../../src/model/index.js');
    expect(noticeText('zh', 'studio.json was migrated from schema 3 to 4 (3→4); the original is kept as .backups/studio.v3.json')).toBe('studio.json 已从数据版本 3 升级到 4（3→4）；原文件保存在 .backups/studio.v3.json');
    expect(noticeText('zh', 'studio.json was written by a newer Shequn Studio (schema 9); opened read-only')).toBe('studio.json 由更新版本的工作室写入（数据版本 9），已只读打开');
    expect(noticeText('zh', 'studio.json is damaged (it is empty or cut short (Unexpected end of JSON input)); showing the backup .backups/studio-1.json (read-only: nothing was changed on disk)')).toBe(
      'studio.json 已损坏（文件是空的或不完整 (Unexpected end of JSON input)）；正在显示备份 .backups/studio-1.json（只读：磁盘上的文件没有改动）',
    );
    expect(noticeText('zh', 'something else')).toBe('something else');
  });
});
