#!/usr/bin/env node
// `npm start`: builds the UI when needed, then opens the Electron window where Electron can
// run; otherwise starts the same studio in web mode on 127.0.0.1 and says why.
// Usage: npm start [-- WORKSPACE_DIR] [--web]
import { spawn, spawnSync } from 'node:child_process';
import { existsSync, readFileSync, statSync, readdirSync } from 'node:fs';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { ensureElectronBinary } from './electron-binary.mjs';

const root = resolve(dirname(fileURLToPath(import.meta.url)), '..');
const args = process.argv.slice(2);
const forceWeb = args.includes('--web') || process.env.SHEQUN_WEB === '1';
const workspaceArg = args.find((a) => !a.startsWith('-'));

function newestMtime(dir) {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuilt() {
  const built = join(root, 'out', 'renderer', 'index.html');
  const sources = ['renderer', 'main', 'src/api'].map((d) => join(root, d)).filter(existsSync);
  const stale = !existsSync(built) || sources.some((d) => newestMtime(d) > statSync(built).mtimeMs);
  if (!stale) return;
  console.log('构建界面 Building the studio UI (first start or changed sources)…');
  const res = spawnSync(process.execPath, [join(root, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js'), 'build'], { cwd: root, stdio: 'inherit' });
  if (res.status !== 0) {
    console.error('The UI build failed (see above). Fix it, or run "npm run build" to see the error again.');
    process.exit(res.status ?? 1);
  }
}

function whyNoElectron() {
  if (forceWeb) return 'web mode was asked for (--web or SHEQUN_WEB=1)';
  if (process.platform === 'linux' && !process.env.DISPLAY && !process.env.WAYLAND_DISPLAY) return 'there is no display (DISPLAY/WAYLAND_DISPLAY unset)';
  return null;
}

async function startWeb(reason) {
  console.log(`网页模式 Web mode: ${reason}.`);
  const { register } = await import('tsx/esm/api');
  register();
  const { startStudioWeb } = await import('../src/server/web-mode.ts');
  await startStudioWeb({ workspace: workspaceArg ? resolve(workspaceArg) : undefined, rendererDir: join(root, 'out', 'renderer') });
}

ensureBuilt();
const reason = whyNoElectron();
if (reason) {
  await startWeb(reason);
} else {
  const binary = await ensureElectronBinary(root);
  if (!binary.ok) {
    await startWeb(`the Electron binary is not available (${binary.reason})`);
  } else {
    const child = spawn(binary.path, [root, ...(workspaceArg ? [resolve(workspaceArg)] : [])], { stdio: 'inherit' });
    let started = Date.now();
    child.on('exit', async (code) => {
      if (code !== 0 && Date.now() - started < 5000) await startWeb(`Electron exited at start (code ${code})`);
      else process.exit(code ?? 0);
    });
  }
}
