// Results at scale: a GBK order export of N rows (tracking links, some inside redirects, refunds,
// duplicates) is imported into the workspace's results files, imported again (all duplicates),
// reported by store. Beside it, the alternative the storage choice rejected, measured in the same
// run: the orders inside studio.json, where every save (the editor autosaves) runs ws.update's
// steps — copy, validate, back up, write — over them.
// Usage: npm run bench:results [-- ROWS]   Prints one JSON line.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import iconv from 'iconv-lite';
import { JSONFile } from 'lowdb/node';
import { z } from 'zod';
import { buildTrackingLink } from '../src/compose/link.js';
import { buildDemoStudio } from '../src/demo/index.js';
import { StudioData } from '../src/model/index.js';
import { importResults, reportResults, ResultsStore } from '../src/results/index.js';
import { writeBackup } from '../src/workspace/backups.js';
import { createWorkspace } from '../src/workspace/index.js';

const rows = Number(process.argv[2] ?? 50_000);
const dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-bench-results-'));
const cpu = () => {
  const u = process.cpuUsage();
  return (u.user + u.system) / 1000;
};
const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)]!;

try {
  const demo = await buildDemoStudio();
  const ws = await createWorkspace(path.join(dir, 'ws'), demo.data, demo.assets);
  const stores = ws.data().stores.map((s) => s.id);
  const pairs = [['spring-gift', 'community'], ['spring-gift', 'moms'], ['school-snack', 'moms'], ['spring-gift', 'vip']] as const;
  const lines = ['订单编号,下单时间,支付时间,商品名称,商品数量,实付金额(元),订单状态,推广链接'];
  for (let i = 0; i < rows; i++) {
    const [post, group] = pairs[i % pairs.length]!;
    const store = stores[i % stores.length]!;
    let link = buildTrackingLink({ base: `https://yun.example.com/store/${store}`, post, group, store, channel: i % 5 === 0 ? 'moments' : undefined });
    if (i % 3 === 0) link = `https://wx.example.com/jump?url=${encodeURIComponent(link)}`;
    if (i % 50 === 0) link = '';
    const t = `2027-01-${String(1 + (i % 28)).padStart(2, '0')} ${String(i % 24).padStart(2, '0')}:${String(i % 60).padStart(2, '0')}:00`;
    lines.push(`E${i},${t},${t},山野坚果礼盒,${1 + (i % 3)},"￥${(1000 + (i % 900)).toLocaleString('en-US')}.50",${i % 17 === 0 ? '退款成功' : '交易成功'},${link}`);
    if (i % 100 === 0) lines.push(lines[lines.length - 1]!); // a duplicated row
  }
  const file = path.join(dir, 'orders.csv');
  await writeFile(file, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
  const csvBytes = (await stat(file)).size;
  const store = new ResultsStore(ws.paths.results);

  let t0 = performance.now();
  let c0 = cpu();
  const first = await importResults(ws, store, { path: file });
  const importMs = performance.now() - t0;
  const importCpuMs = cpu() - c0;
  t0 = performance.now();
  const again = await importResults(ws, store, { path: file });
  const reimportMs = performance.now() - t0;
  t0 = performance.now();
  c0 = cpu();
  const results = await store.read();
  const report = reportResults(ws.data(), results, 'store');
  const reportMs = performance.now() - t0;
  const reportCpuMs = cpu() - c0;
  if (first.imported !== rows || again.imported !== 0 || report.reduce((a, r) => a + r.orders + r.refunds, 0) !== rows) throw new Error('unexpected import result');

  // A save as the editor makes it (one post edited): results apart (the real ws.update) …
  const separate: number[] = [];
  const separateCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [t, c] = [performance.now(), cpu()];
    await ws.update((d) => void (d.posts[0]!.title = `新春年货礼盒 ${i}`));
    separate.push(performance.now() - t);
    separateCpu.push(cpu() - c);
  }
  // … and the alternative: the same steps over a studio.json that also holds the orders.
  const Order = z.object({ id: z.string(), at: z.string().optional(), amount: z.number(), refund: z.boolean(), status: z.string().optional(), product: z.string().optional(), quantity: z.number().optional(), post: z.string().optional(), group: z.string().optional(), store: z.string().optional(), channel: z.string().optional(), hook: z.string().optional(), templates: z.array(z.string()).optional(), source: z.object({ file: z.string(), row: z.number() }), importedAt: z.string() });
  const WithOrders = StudioData.extend({ orders: z.array(Order) });
  const altFile = new JSONFile<z.infer<typeof WithOrders>>(path.join(dir, 'alt', 'studio.json'));
  await (await import('node:fs/promises')).mkdir(path.join(dir, 'alt'), { recursive: true });
  let doc = WithOrders.parse({ ...ws.data(), orders: [...results.orders.values()] });
  await altFile.write(doc);
  const inside: number[] = [];
  const insideCpu: number[] = [];
  for (let i = 0; i < 5; i++) {
    const [t, c] = [performance.now(), cpu()];
    const draft = structuredClone(doc);
    draft.posts[0]!.title = `新春年货礼盒 ${i}`;
    const next = WithOrders.parse(draft);
    await writeBackup(path.join(dir, 'alt', '.backups'), JSON.stringify(doc, null, 2));
    await altFile.write(next);
    doc = next;
    inside.push(performance.now() - t);
    insideCpu.push(cpu() - c);
  }
  const altBytes = (await stat(path.join(dir, 'alt', 'studio.json'))).size;
  const studioBytes = (await stat(ws.paths.studio)).size;
  const ordersBytes = (await stat(store.file('orders'))).size;
  await ws.close();

  console.log(
    JSON.stringify({
      bench: 'results',
      rows,
      csvMB: +(csvBytes / 1048576).toFixed(2),
      encoding: first.encoding,
      imported: first.imported,
      duplicates: first.duplicates,
      refunds: first.refunds,
      unattributed: first.unattributed,
      importMs: Math.round(importMs),
      importCpuMs: Math.round(importCpuMs),
      rowsPerSec: Math.round(rows / (importMs / 1000)),
      reimportMs: Math.round(reimportMs),
      reportByStoreMs: Math.round(reportMs),
      reportCpuMs: Math.round(reportCpuMs),
      ordersJsonlMB: +(ordersBytes / 1048576).toFixed(2),
      saveMs_resultsApart: Math.round(median(separate)),
      saveCpuMs_resultsApart: Math.round(median(separateCpu)),
      saveMs_ordersInStudioJson: Math.round(median(inside)),
      saveCpuMs_ordersInStudioJson: Math.round(median(insideCpu)),
      saveRatio: +(median(inside) / median(separate)).toFixed(1),
      studioJsonKB_apart: Math.round(studioBytes / 1024),
      studioJsonMB_withOrders: +(altBytes / 1048576).toFixed(2),
      loadavg: os.loadavg().map((x) => +x.toFixed(2)),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
