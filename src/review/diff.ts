/** One line of a line diff: kept (' '), removed ('-') or added ('+'). */
export interface DiffLine {
  op: ' ' | '-' | '+';
  text: string;
}

/** A unified-diff hunk (1-based line numbers as in `diff -u`). */
export interface Hunk {
  oldStart: number;
  oldLines: number;
  newStart: number;
  newLines: number;
  lines: DiffLine[];
}

/** Cells of the LCS table above which the middle is shown as a full replacement (keeps memory bounded). */
const MAX_CELLS = 4_000_000;

function splitLines(s: string): string[] {
  if (s === '') return [];
  const lines = s.split(/\r?\n/);
  if (lines[lines.length - 1] === '') lines.pop();
  return lines;
}

/** Line diff of two texts by longest common subsequence (common prefix/suffix trimmed first). */
export function diffLines(a: string, b: string): DiffLine[] {
  const x = splitLines(a);
  const y = splitLines(b);
  let pre = 0;
  while (pre < x.length && pre < y.length && x[pre] === y[pre]) pre++;
  let suf = 0;
  while (suf < x.length - pre && suf < y.length - pre && x[x.length - 1 - suf] === y[y.length - 1 - suf]) suf++;
  const xs = x.slice(pre, x.length - suf);
  const ys = y.slice(pre, y.length - suf);
  const out: DiffLine[] = x.slice(0, pre).map((text) => ({ op: ' ' as const, text }));
  const n = xs.length;
  const m = ys.length;
  if (n * m > MAX_CELLS) {
    for (const text of xs) out.push({ op: '-', text });
    for (const text of ys) out.push({ op: '+', text });
  } else {
    // lcs[i][j] = LCS length of xs[i..] and ys[j..], stored flat.
    const w = m + 1;
    const lcs = new Uint32Array((n + 1) * w);
    for (let i = n - 1; i >= 0; i--) {
      for (let j = m - 1; j >= 0; j--) {
        lcs[i * w + j] = xs[i] === ys[j] ? lcs[(i + 1) * w + j + 1]! + 1 : Math.max(lcs[(i + 1) * w + j]!, lcs[i * w + j + 1]!);
      }
    }
    let i = 0;
    let j = 0;
    while (i < n && j < m) {
      if (xs[i] === ys[j]) {
        out.push({ op: ' ', text: xs[i]! });
        i++;
        j++;
      } else if (lcs[(i + 1) * w + j]! >= lcs[i * w + j + 1]!) out.push({ op: '-', text: xs[i++]! });
      else out.push({ op: '+', text: ys[j++]! });
    }
    while (i < n) out.push({ op: '-', text: xs[i++]! });
    while (j < m) out.push({ op: '+', text: ys[j++]! });
  }
  for (const text of x.slice(x.length - suf)) out.push({ op: ' ', text });
  return out;
}

/** Groups a line diff into hunks with `context` unchanged lines around each change. */
export function toHunks(lines: DiffLine[], context = 3): Hunk[] {
  const hunks: Hunk[] = [];
  const changed = lines.map((l, k) => (l.op !== ' ' ? k : -1)).filter((k) => k >= 0);
  if (!changed.length) return hunks;
  // Line numbers before each diff line.
  const oldNo: number[] = [];
  const newNo: number[] = [];
  let o = 1;
  let nn = 1;
  for (const l of lines) {
    oldNo.push(o);
    newNo.push(nn);
    if (l.op !== '+') o++;
    if (l.op !== '-') nn++;
  }
  let start = Math.max(0, changed[0]! - context);
  let end = Math.min(lines.length, changed[0]! + context + 1);
  const flush = (): void => {
    const part = lines.slice(start, end);
    hunks.push({
      oldStart: oldNo[start]!,
      oldLines: part.filter((l) => l.op !== '+').length,
      newStart: newNo[start]!,
      newLines: part.filter((l) => l.op !== '-').length,
      lines: part,
    });
  };
  for (const k of changed.slice(1)) {
    if (k - context <= end) end = Math.min(lines.length, k + context + 1);
    else {
      flush();
      start = k - context;
      end = Math.min(lines.length, k + context + 1);
    }
  }
  flush();
  return hunks;
}

/** A text diff with its hunks, counts and unified-diff text. */
export interface TextDiff {
  hunks: Hunk[];
  added: number;
  removed: number;
  unified: string;
}

/** Unified-diff-like text of `a` → `b` (headers name the two sides). */
export function unifiedDiff(a: string, b: string, aName = 'a', bName = 'b', context = 3): TextDiff {
  const lines = diffLines(a, b);
  const hunks = toHunks(lines, context);
  const out = [`--- ${aName}`, `+++ ${bName}`];
  for (const h of hunks) {
    // diff -u writes an empty side's start as the line before it.
    const os = h.oldLines ? h.oldStart : h.oldStart - 1;
    const ns = h.newLines ? h.newStart : h.newStart - 1;
    out.push(`@@ -${os},${h.oldLines} +${ns},${h.newLines} @@`);
    for (const l of h.lines) out.push(`${l.op}${l.text}`);
  }
  return {
    hunks,
    added: lines.filter((l) => l.op === '+').length,
    removed: lines.filter((l) => l.op === '-').length,
    unified: hunks.length ? out.join('\n') + '\n' : '',
  };
}
