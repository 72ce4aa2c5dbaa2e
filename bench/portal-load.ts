// Portal load on loopback: the demo workspace's 12 stores get packs written by the pack writer
// (captions, real posters from the poster renderer, stored zips); the studio server runs in a child
// process on 127.0.0.1; this process keeps CONCURRENCY downloads in flight until ROUNDS × CONCURRENCY
// requests are done (60% pack.zip, 30% posters, 10% index pages), then stops the server.
// Usage: npm run bench:portal [-- CONCURRENCY ROUNDS]   (default 200 5). Prints one JSON line last.
import { fork } from 'node:child_process';
import { writeFile } from 'node:fs/promises';
import { Agent, request } from 'node:http';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import type { PosterSize } from '../src/model/index.js';
import { builtinPosterTemplates } from '../src/render/template/builtins.js';
import { createPosterRenderer } from '../src/render/renderer.js';
import { startServer } from '../src/server/app.js';
import { demoStudio } from '../src/setup/demo.js';
import { createWorkspace, openWorkspace } from '../src/workspace/index.js';
import { fixtureContext, fixtureImages, LONG_STORE } from '../test/fixtures/render/fixture.js';
import { tempDir } from '../test/hostile/helpers.js';
import { craftPortalPacks } from '../test/hostile/packs.js';

const SELF = fileURLToPath(import.meta.url);
const MAX_SECONDS = 180; // the loop stops by itself even if the server stalls

/** Child mode: serve the workspace read-only on 127.0.0.1 and report peak RSS when asked. */
async function serve(dir: string): Promise<void> {
  const ws = await openWorkspace(dir, { readOnly: true });
  const server = await startServer({ ws, host: '127.0.0.1', port: 0 });
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  const baseline = process.memoryUsage().rss;
  process.send!({ url: server.url, baselineMB: baseline / 1048576 });
  process.on('message', async (m) => {
    if (m !== 'stop') return;
    clearInterval(timer);
    await server.close();
    await ws.close();
    process.send!({ peakMB: Math.max(peak, process.memoryUsage().rss) / 1048576, maxRssMB: process.resourceUsage().maxRSS / 1024 });
    process.disconnect();
  });
}

/** Parent mode: make the packs, start the server child, run the load, print the figures. */
async function main(concurrency: number, rounds: number): Promise<void> {
  const root = await tempDir('portal-load');
  try {
    const { data, assets } = await demoStudio();
    const ws = await createWorkspace(path.join(root.dir, 'ws'), data, assets);
    // Real posters (1080 px wide JPEGs from the poster renderer), reused for every entry of every pack.
    const renderer = createPosterRenderer();
    const t = builtinPosterTemplates()[0]!;
    const posters: { size: string; path: string }[] = [];
    for (const size of ['9x16', '1x1', '3x4'] as PosterSize[]) {
      const out = await renderer.render({ template: { id: t.id, version: 1, source: t.versions[0]!.source }, size, ctx: fixtureContext(LONG_STORE), images: fixtureImages() });
      const file = path.join(root.dir, `poster-${size}.jpg`);
      await writeFile(file, out.bytes);
      posters.push({ size, path: file });
    }
    const packs = await craftPortalPacks(ws, posters, { posts: 3 });
    await ws.close();

    const child = fork(SELF, ['--serve', path.join(root.dir, 'ws')], { execArgv: ['--import', 'tsx'], stdio: ['ignore', 'inherit', 'inherit', 'ipc'] });
    const ready = await new Promise<{ url: string; baselineMB: number }>((resolve, reject) => {
      child.once('message', (m) => resolve(m as { url: string; baselineMB: number }));
      child.once('exit', (code) => reject(new Error(`server exited (${code})`)));
    });

    const urls: string[] = [];
    for (let i = 0; i < 20; i++) {
      const p = packs[i % packs.length]!;
      const kind = i % 10;
      if (kind < 6) urls.push(`/p/${p.token}/pack.zip`);
      else if (kind < 9) urls.push(`/p/${p.token}/files/${encodeURI(p.files.filter((f) => f.endsWith('.jpg'))[i % 9]!)}`);
      else urls.push(`/p/${p.token}`);
    }
    const total = concurrency * rounds;
    const agent = new Agent({ keepAlive: true, maxSockets: concurrency });
    const latencies: number[] = [];
    let bytes = 0;
    let errors = 0;
    const errorSamples: string[] = [];
    let next = 0;
    let clientPeak = process.memoryUsage().rss;
    const sampler = setInterval(() => (clientPeak = Math.max(clientPeak, process.memoryUsage().rss)), 50);
    const deadline = Date.now() + MAX_SECONDS * 1000;

    const one = (u: string) =>
      new Promise<void>((resolve) => {
        const t0 = performance.now();
        const fail = (why: string) => {
          errors++;
          if (errorSamples.length < 5) errorSamples.push(`${u.slice(0, 40)}: ${why}`);
          resolve();
        };
        const req = request(`${ready.url}${u}`, { agent, timeout: 60_000 }, (res) => {
          let n = 0;
          res.on('data', (c: Buffer) => (n += c.length));
          res.on('end', () => {
            latencies.push(performance.now() - t0);
            bytes += n;
            if (res.statusCode !== 200) fail(`HTTP ${res.statusCode}`);
            else resolve();
          });
          res.on('error', (e) => fail(e.message));
        });
        req.on('timeout', () => req.destroy(new Error('timeout')));
        req.on('error', (e) => fail(e.message));
        req.end();
      });
    const worker = async () => {
      while (next < total && Date.now() < deadline) await one(urls[next++ % urls.length]!);
    };
    const start = performance.now();
    await Promise.all(Array.from({ length: concurrency }, worker));
    const seconds = (performance.now() - start) / 1000;
    clearInterval(sampler);
    agent.destroy();

    child.send('stop');
    const server = await new Promise<{ peakMB: number; maxRssMB: number }>((resolve) => child.once('message', (m) => resolve(m as { peakMB: number; maxRssMB: number })));
    await new Promise((r) => child.once('exit', r));

    latencies.sort((a, b) => a - b);
    const pct = (p: number) => latencies[Math.min(latencies.length - 1, Math.floor((p / 100) * latencies.length))] ?? 0;
    const result = {
      bench: 'portal-load',
      stores: packs.length,
      concurrency,
      requests: next,
      completed: latencies.length,
      planned: total,
      errors,
      seconds: +seconds.toFixed(2),
      reqPerSec: Math.round(latencies.length / seconds),
      p50ms: Math.round(pct(50)),
      p95ms: Math.round(pct(95)),
      maxMs: Math.round(latencies.at(-1) ?? 0),
      MB: +(bytes / 1048576).toFixed(1),
      MBps: +(bytes / 1048576 / seconds).toFixed(1),
      serverBaselineMB: Math.round(ready.baselineMB),
      serverPeakRssMB: Math.round(server.peakMB),
      serverMaxRssMB: Math.round(server.maxRssMB),
      clientPeakRssMB: Math.round(clientPeak / 1048576),
      timedOut: next < total,
    };
    console.log(`portal load: ${result.requests}/${total} requests to ${packs.length} store packs, ${concurrency} in flight, ${result.seconds} s`);
    console.log(`  errors ${errors}${errorSamples.length ? ` (${errorSamples.join('; ')})` : ''}`);
    console.log(`  latency p50 ${result.p50ms} ms, p95 ${result.p95ms} ms, max ${result.maxMs} ms; ${result.reqPerSec} req/s`);
    console.log(`  ${result.MB} MB served, ${result.MBps} MB/s`);
    console.log(`  server RSS ${result.serverBaselineMB} MB at start, peak ${result.serverPeakRssMB} MB; client peak ${result.clientPeakRssMB} MB`);
    console.log(JSON.stringify(result));
    if (errors || result.timedOut) process.exitCode = 1;
  } finally {
    await root.cleanup();
  }
}

if (process.argv[2] === '--serve') await serve(process.argv[3]!);
else await main(Number(process.argv[2] ?? 200), Number(process.argv[3] ?? 5));
