import { createHeadlessEditor } from '@lexical/headless';
import { $createParagraphNode, $createTextNode, $getRoot } from 'lexical';
import { describe, expect, it } from 'vitest';
import { renderTemplate } from '../../src/compose/handlebars/index.js';
import { $createVariableNode, $isVariableNode, VariableNode, VARIABLE_NAMES, VARIABLES } from '../../src/model/nodes/index.js';
import {
  lexicalToSectionText,
  linesToLexical,
  readSection,
  sectionDisplay,
  SectionError,
  sectionSource,
  sectionTextToLexical,
  sectionTextToLines,
  type SectionLines,
} from '../../src/compose/sections.js';

const vars = { nickname: '芳姐', storeName: '幸福里店' };
const render = (src: string) => renderTemplate('section-test', src, { vars, link: 'https://s.example/x?sq_post=p' });

describe('VariableNode (shared with the editor)', () => {
  it('serializes exactly as the contract says and reads the minimal form back', () => {
    const editor = createHeadlessEditor({ nodes: [VariableNode], onError: (e) => { throw e; } });
    editor.update(() => {
      const p = $createParagraphNode();
      p.append($createTextNode('你好 '), $createVariableNode('nickname'));
      $getRoot().append(p);
    }, { discrete: true });
    const json = editor.getEditorState().toJSON() as unknown as { root: { children: { children: unknown[] }[] } };
    expect(json.root.children[0]!.children[1]).toEqual({ type: 'variable', version: 1, name: 'nickname' });
    const state = editor.parseEditorState({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'variable', version: 1, name: 'link' }] }] } } as never);
    state.read(() => {
      const node = ($getRoot().getFirstChild() as never as { getFirstChild(): unknown }).getFirstChild();
      expect($isVariableNode(node as never)).toBe(true);
      expect((node as VariableNode).getName()).toBe('link');
      expect((node as VariableNode).getTextContent()).toBe('{{link}}');
      expect((node as VariableNode).isInline()).toBe(true);
    });
  });

  it('refuses unknown variable names', () => {
    expect(() => readSection({ root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'variable', version: 1, name: 'bogus' }] }] } }, 'head')).toThrow(
      'head: unknown variable "bogus"',
    );
  });

  it('every variable has a zh-CN and an English label', () => {
    for (const name of VARIABLE_NAMES) {
      expect(VARIABLES[name].zh).toMatch(/\p{Script=Han}/u);
      expect(VARIABLES[name].en).toMatch(/^[A-Z][a-z]/);
    }
    expect(VARIABLE_NAMES).toEqual(['ownerName', 'nickname', 'catchphrase', 'storeName', 'address', 'district', 'phone', 'offer', 'link', 'validUntil', 'brandName', 'brandIpName', 'productName', 'price']);
  });
});

describe('Lexical → section text', () => {
  it('paragraphs and line breaks become lines, emoji stay, variables become expressions', () => {
    const doc = {
      root: {
        type: 'root',
        children: [
          { type: 'paragraph', children: [{ type: 'text', text: '🧧 你好 ' }, { type: 'variable', version: 1, name: 'nickname' }, { type: 'linebreak', version: 1 }, { type: 'text', text: '第二行👨‍👩‍👧' }] },
          { type: 'paragraph', children: [] },
          { type: 'paragraph', children: [{ type: 'text', text: '下单：' }, { type: 'variable', version: 1, name: 'link' }, { type: 'tab', text: '\t' }] },
        ],
      },
    };
    expect(lexicalToSectionText(doc)).toBe('🧧 你好 {{vars.nickname}}\n第二行👨‍👩‍👧\n\n下单：{{link}}\t');
  });

  it('text typed with {{ }} is escaped, so it prints literally and is never evaluated', () => {
    const doc = sectionTextToLexical('x');
    (doc.root.children[0] as { children: unknown[] }).children = [{ type: 'text', text: '写 {{vars.phone}} 和 {{#each x}} 都不执行 ' }, { type: 'variable', version: 1, name: 'storeName' }];
    const src = lexicalToSectionText(doc);
    expect(src).toBe('写 \\{{vars.phone}} 和 \\{{#each x}} 都不执行 {{vars.storeName}}');
    expect(render(src)).toBe('写 {{vars.phone}} 和 {{#each x}} 都不执行 幸福里店');
  });

  it('braces and backslashes next to variables survive', () => {
    const lines: SectionLines = [
      [{ type: 'text', text: 'C:\\' }, { type: 'var', name: 'nickname' }, { type: 'text', text: '}} {' }, { type: 'var', name: 'storeName' }, { type: 'text', text: '} \\{{x}}' }],
    ];
    const src = sectionSource(lines);
    expect(render(src)).toBe('C:\\芳姐}} {幸福里店} \\{{x}}');
    expect(sectionTextToLines(src)).toEqual(lines);
  });

  it('richer documents come down to paragraphs (headings, lists, links)', () => {
    const doc = {
      root: {
        type: 'root',
        children: [
          { type: 'heading', tag: 'h1', children: [{ type: 'text', text: '标题' }] },
          { type: 'list', children: [{ type: 'listitem', children: [{ type: 'text', text: '一 ' }, { type: 'link', url: 'https://x', children: [{ type: 'text', text: '链接' }] }] }] },
        ],
      },
    };
    expect(lexicalToSectionText(doc)).toBe('标题\n一 链接');
  });

  it('a document that is not Lexical is a SectionError naming the section', () => {
    expect(() => readSection({ nope: 1 }, 'waist')).toThrow(SectionError);
    expect(() => readSection({ nope: 1 }, 'waist')).toThrow(/^waist: not a Lexical document/);
    expect(() => sectionTextToLexical('{{store.phone}}', 'leg')).toThrow(/leg: "\{\{store.phone\}\}" is not a variable/);
  });
});

describe('round trips', () => {
  const texts = [
    '🧧 离过年不到两个月啦！\n今年给长辈带点啥？{{vars.nickname}}帮你想好了～',
    '\n\n空行在前\n\n',
    '👉 云店下单：{{link}}\n⏰ 活动到 {{vars.validUntil}}',
    '字面 \\{{vars.phone}} 不执行',
    '{{literal "{"}}{{vars.storeName}}{{literal "}"}}',
    'A\\\\{{vars.nickname}}',
  ];

  it('section text → Lexical → section text is the identity', () => {
    for (const t of texts) expect(lexicalToSectionText(sectionTextToLexical(t))).toBe(t);
  });

  it('Lexical → text → Lexical → text is stable, and line breaks become paragraphs', () => {
    const withBreak = { root: { type: 'root', children: [{ type: 'paragraph', children: [{ type: 'text', text: 'a' }, { type: 'linebreak' }, { type: 'variable', version: 1, name: 'price' }] }] } };
    const text = lexicalToSectionText(withBreak);
    expect(text).toBe('a\n{{vars.price}}');
    const again = sectionTextToLexical(text);
    expect(again.root.children).toHaveLength(2);
    expect(lexicalToSectionText(again)).toBe(text);
  });

  it('display text shows user text as typed and variables as expressions', () => {
    expect(sectionDisplay(readSection(sectionTextToLexical('价 \\{{x}} {{vars.price}}')))).toBe('价 {{x}} {{vars.price}}');
  });

  it('fuzz: random text with braces, backslashes and variables renders as typed and parses back', () => {
    const alphabet = ['{', '}', '\\', 'a', '好', ' ', '"', '!', '#', '>', '&', '~'];
    let seed = 7;
    const rnd = (n: number) => {
      seed = (seed * 1103515245 + 12345) % 2147483648;
      return seed % n;
    };
    for (let iter = 0; iter < 300; iter++) {
      const lines: SectionLines = [];
      for (let l = 0, nl = 1 + rnd(3); l < nl; l++) {
        const line: SectionLines[number] = [];
        for (let s = 0, ns = rnd(5); s < ns; s++) {
          if (rnd(3) === 0) line.push({ type: 'var', name: (['nickname', 'storeName', 'link'] as const)[rnd(3)]! });
          else {
            let t = '';
            for (let k = 0, len = 1 + rnd(6); k < len; k++) t += alphabet[rnd(alphabet.length)];
            const last = line[line.length - 1];
            if (last?.type === 'text') last.text += t;
            else line.push({ type: 'text', text: t });
          }
        }
        lines.push(line);
      }
      const src = sectionSource(lines);
      const expected = lines.map((l) => l.map((s) => (s.type === 'var' ? (s.name === 'link' ? 'https://s.example/x?sq_post=p' : vars[s.name as keyof typeof vars]) : s.text)).join('')).join('\n');
      expect(render(src), src).toBe(expected);
      expect(sectionTextToLines(src), src).toEqual(lines);
      expect(readSection(linesToLexical(lines))).toEqual(lines);
    }
  });
});
