/**
 * Compose throughput on the demo studio: every variant of every post (composeAll with checks),
 * the whole check report, and the editor's live preview (an unsaved post whose head changes on
 * each "keystroke": Lexical parse + section compile + compose + checks). Ends with one JSON line.
 */
import { checkWorkspace } from '../src/compose/checkAll.js';
import { composeAll, composeVariant } from '../src/compose/compose.js';
import { sectionTextToLexical } from '../src/compose/sections.js';
import { buildDemoStudio } from '../src/demo/index.js';

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;
const time = (fn: () => void) => {
  const t0 = performance.now();
  fn();
  return performance.now() - t0;
};

const { data } = await buildDemoStudio();
const firstMs = time(() => composeAll(data));
const allRuns: number[] = [];
let variants = 0;
for (let i = 0; i < 7; i++) allRuns.push(time(() => (variants = composeAll(data).length)));
const checkRuns: number[] = [];
for (let i = 0; i < 5; i++) checkRuns.push(time(() => checkWorkspace(data)));

const post = data.posts[0]!;
const group = data.stores[0]!.groupTypes[0]!;
const store = data.stores[0]!.id;
const heads = Array.from({ length: 60 }, (_, i) => sectionTextToLexical(`第 ${i} 次输入：离过年不到两个月啦！{{vars.nickname}}帮你想好了～`));
const previewRuns = heads.map((head) => time(() => composeVariant(data, { ...post, head }, group, store)));

const result = {
  bench: 'compose',
  variants,
  firstComposeAllMs: Math.round(firstMs),
  composeAllMs: Math.round(median(allRuns)),
  msPerVariant: +(median(allRuns) / variants).toFixed(2),
  checkWorkspaceMs: Math.round(median(checkRuns)),
  previewKeystrokeMs: +median(previewRuns).toFixed(2),
  previewKeystrokeP90Ms: +[...previewRuns].sort((a, b) => a - b)[Math.floor(previewRuns.length * 0.9)]!.toFixed(2),
};
console.log(JSON.stringify(result));
