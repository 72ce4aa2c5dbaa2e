import { spawn, type ChildProcess } from 'node:child_process';
import { existsSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterAll, describe, expect, it } from 'vitest';

const ROOT = join(__dirname, '..', '..');

/** Starts `npm start`'s script the way a user's machine without a display would run it. */
function start(home: string): { child: ChildProcess; output: () => string; address: Promise<string> } {
  const env: NodeJS.ProcessEnv = { ...process.env, SHEQUN_HOME: home, SHEQUN_PORT: '0' };
  delete env.DISPLAY;
  delete env.WAYLAND_DISPLAY;
  const child = spawn(process.execPath, [join(ROOT, 'scripts', 'start.mjs')], { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] });
  let out = '';
  const address = new Promise<string>((resolve, reject) => {
    const onData = (chunk: Buffer) => {
      out += chunk.toString();
      const m = out.match(/Open in a browser: (http:\/\/127\.0\.0\.1:\d+\/#token=\S+)/);
      if (m) resolve(m[1]!);
    };
    child.stdout!.on('data', onData);
    child.stderr!.on('data', onData);
    child.on('exit', (code) => reject(new Error(`npm start exited with ${code}:\n${out}`)));
  });
  return { child, output: () => out, address };
}

describe('npm start without a display', () => {
  let home: string;
  let child: ChildProcess | undefined;
  afterAll(async () => {
    child?.kill('SIGTERM');
    if (home) await rm(home, { recursive: true, force: true });
  });

  it('falls back to web mode on 127.0.0.1, says why, creates the demo and serves the studio', async () => {
    home = await mkdtemp(join(tmpdir(), 'shequn-home-'));
    const run = start(home);
    child = run.child;
    const url = await run.address;
    expect(run.output()).toMatch(/Web mode: there is no display/);
    expect(existsSync(join(home, 'demo-workspace', 'studio.json'))).toBe(true);
    const base = url.split('/#')[0]!;
    const token = url.split('#token=')[1]!;
    const page = await fetch(`${base}/`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain('<div id="root">');
    const posts = await fetch(`${base}/api/posts.list`, { method: 'POST', headers: { 'content-type': 'application/json', 'x-shequn-token': token }, body: '{}' });
    expect(((await posts.json()) as { result: unknown[] }).result).toHaveLength(3);
  }, 180_000);
});
