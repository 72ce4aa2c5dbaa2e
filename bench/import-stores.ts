// Store import at scale: a GBK CSV of N store owners (what Excel writes on Chinese Windows) is
// imported into a fresh workspace, then imported again (all unchanged), then exported.
// Usage: npm run bench:import-stores [-- ROWS]   Prints one JSON line.
import { mkdtemp, rm, stat, writeFile } from 'node:fs/promises';
import os from 'node:os';
import path from 'node:path';
import { resourceUsage } from 'node:process';
import iconv from 'iconv-lite';
import { createWorkspace } from '../src/workspace/index.js';
import { exportStoresCsv, folderAvatars, importStores } from '../src/workspace/import/index.js';
import { minimalStudio } from '../test/helpers/studio.js';

const rows = Number(process.argv[2] ?? 50_000);
const dir = await mkdtemp(path.join(os.tmpdir(), 'shequn-bench-import-'));
try {
  const lines = ['门店编号,门店名称,店主,昵称,口头禅,地址,区域,电话,云店链接,社群类型'];
  for (let i = 0; i < rows; i++) {
    const id = `S${String(i).padStart(6, '0')}`;
    lines.push(`${id},禾田小食·第${i}号店,店主${i},小${i},"街坊的事, 就是我的事 ""${i}""",幸福里小区${i}号,朝阳区,138${String(i).padStart(8, '0')},https://shop.example.com/s/${id},社区群；宝妈群`);
  }
  const file = path.join(dir, 'stores.csv');
  await writeFile(file, iconv.encode(lines.join('\r\n') + '\r\n', 'gbk'));
  const bytes = (await stat(file)).size;
  const rssBefore = process.memoryUsage().rss;
  const ws = await createWorkspace(path.join(dir, 'ws'), minimalStudio());

  let t = performance.now();
  const first = await importStores(ws, { path: file }, folderAvatars(dir));
  const importMs = performance.now() - t;
  t = performance.now();
  const again = await importStores(ws, { path: file }, folderAvatars(dir));
  const reimportMs = performance.now() - t;
  t = performance.now();
  await exportStoresCsv(ws.data().stores, ws.data().groupTypes, path.join(dir, 'out.csv'));
  const exportMs = performance.now() - t;
  t = performance.now();
  await ws.update((d) => void (d.brand.slogan = 'one more write'));
  const updateMs = performance.now() - t;
  const studioBytes = (await stat(ws.paths.studio)).size;
  await ws.close();

  if (first.created !== rows || again.unchanged !== rows || first.errors.length) throw new Error('unexpected import result');
  console.log(
    JSON.stringify({
      bench: 'import-stores',
      rows,
      csvMB: +(bytes / 1048576).toFixed(2),
      encoding: first.encoding,
      importMs: Math.round(importMs),
      rowsPerSec: Math.round(rows / (importMs / 1000)),
      reimportUnchangedMs: Math.round(reimportMs),
      exportMs: Math.round(exportMs),
      updateWithBackupMs: Math.round(updateMs),
      studioJsonMB: +(studioBytes / 1048576).toFixed(2),
      rssBeforeMB: Math.round(rssBefore / 1048576),
      maxRssMB: Math.round(resourceUsage().maxRSS / 1024),
    }),
  );
} finally {
  await rm(dir, { recursive: true, force: true });
}
