/**
 * Golden line breaks on the worst-case proof set (issue 16, point 4): for every built-in layout ×
 * size × group type × worst store (longest store name, longest catchphrase) of the demo's longest
 * post, the lines of every text box obey the breaking rules, and match the committed golden
 * (test/fixtures/render/poster-lines.json; `npm run test:update-goldens` rewrites it deliberately).
 */
import { existsSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildVariantContext } from '../../src/compose/context.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import { PosterSize } from '../../src/model/index.js';
import { textValues } from '../../src/render/layout/poster-context.js';
import { posterTexts } from '../../src/render/poster-texts.js';
import { builtinPosterTemplates } from '../../src/render/template/builtins.js';
import { loadFonts } from '../../src/render/text/fonts.js';
import { NO_END, NO_START } from '../../src/render/text/line-break.js';
import { selectWorstCases } from '../../src/review/worst.js';

const GOLDEN = join(import.meta.dirname, '../fixtures/render/poster-lines.json');
const UPDATE = process.env.UPDATE_GOLDENS === '1';

/** Spans no line break may fall inside (whitespace removed): a number with its unit or currency, a short bracket pair, a Latin word. */
const PROTECTED = /[¥￥$]?[0-9]+(?:\.[0-9]+)?(?:千卡|小时|公里|小袋|元|日装|盒|袋|杯|g|岁|%)|第[一二三四五六七八九十0-9]|（[^（）]{1,8}）|「[^「」]{1,8}」|[A-Za-z]+/g;
const squeeze = (s: string) => s.replace(/\s+/g, '');
const content = (s: string) => [...s].filter((c) => !/[\s\p{P}\p{Extended_Pictographic}\uFE0F\u200D]/u.test(c)).length;

describe('line breaks of every text box on the worst-case proof set', async () => {
  const { data } = await buildDemoStudio();
  const fonts = loadFonts();
  const golden: Record<string, Record<string, string[]>> = existsSync(GOLDEN) ? JSON.parse(readFileSync(GOLDEN, 'utf8')) : {};
  const seen: typeof golden = {};

  for (const t of builtinPosterTemplates()) {
    it(`${t.id}: every size, group type and worst store`, () => {
      const wc = selectWorstCases(data, t);
      for (const size of PosterSize.options) {
        for (const group of wc.groups) {
          for (const { store } of wc.stores) {
            const ctx = buildVariantContext(data, wc.post, group.id, store.id);
            const values = textValues(ctx) as Record<string, string>;
            const key = `${t.id} ${size} ${group.id} ${store.id}`;
            const boxes: Record<string, string[]> = {};
            for (const box of posterTexts({ id: t.id, version: 1, source: t.versions[0]!.source }, size, ctx, fonts)) {
              boxes[box.slot] = box.lines;
              const where = `${key} ${box.slot}`;
              box.lines.forEach((line, i) => {
                expect(NO_START.has([...line][0] ?? ''), `${where}: line ${i} "${line}" starts with closing punctuation`).toBe(false);
                expect(NO_END.has([...line].at(-1) ?? ''), `${where}: line ${i} "${line}" ends with an opening bracket`).toBe(false);
                if (!box.truncated) expect(line.endsWith('…'), `${where}: "…" in a text that was not cut`).toBe(false);
              });
              if (box.lines.length > 1) expect(content(box.lines.at(-1)!), `${where}: a lone last character "${box.lines.at(-1)}"`).toBeGreaterThan(1);
              // A cut ends at a paragraph or sentence end, or at a clause with "…" — never "…" right after punctuation.
              const last = box.lines.at(-1) ?? "";
              const paragraphEnd = (values[box.slot] ?? '').split('\n').some((p) => squeeze(p).endsWith(squeeze(last)));
              if (box.truncated && !paragraphEnd) expect(last, `${where}: cut mid-clause`).toMatch(/([。！？!?]|[^\p{P}\s]…)$/u);
              // No break inside a protected span of the source (whitespace ignored: lines drop spaces at breaks).
              const src = squeeze(values[box.slot] ?? '');
              let at = 0;
              const breaks: number[] = [];
              for (const line of box.lines.slice(0, box.truncated ? -1 : undefined)) {
                const l = squeeze(line).replace(/^[·|｜/]/, '');
                const found = src.indexOf(l, at);
                if (found < 0) break; // an emoji or a dropped separator: the check below needs exact slices
                at = found + l.length;
                breaks.push(at);
              }
              for (const m of src.matchAll(PROTECTED)) {
                for (const b of breaks.slice(0, -1)) expect(b > m.index! && b < m.index! + m[0].length, `${where}: break inside "${m[0]}"`).toBe(false);
              }
            }
            seen[key] = boxes;
            if (!UPDATE) expect(boxes, `${key}: lines differ from the golden (npm run test:update-goldens, then look at the posters)`).toEqual(golden[key]);
          }
        }
      }
    });
  }

  it('the golden file covers exactly the cases (rewritten with UPDATE_GOLDENS=1)', () => {
    if (UPDATE) {
      writeFileSync(GOLDEN, JSON.stringify({ ...golden, ...seen }, null, 1) + '\n');
      return;
    }
    expect(Object.keys(seen).sort()).toEqual(Object.keys(golden).sort());
  });
});
