/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the browser.)
import { execFileSync, spawnSync } from 'node:child_process';
import { existsSync, mkdirSync, readdirSync, rmSync, statSync, writeFileSync } from 'node:fs';
import { mkdtemp, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { chromium, type BrowserContext, type Page } from 'playwright-core';
import { afterEach } from 'vitest';
import { startServer, type StudioServer } from '../../src/server/app.js';
import { createStudio } from '../../src/setup/init.js';
import type { Workspace } from '../../src/workspace/types.js';
import { servicesOf } from '../helpers/session.js';

/** The repository root. */
export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
/** Where the built renderer is served from. */
export const RENDERER_DIR = path.join(ROOT, 'out', 'renderer');
/** Where screenshots go (looked at by people, kept as CI artifacts). */
export const SCREENS_DIR = path.join(ROOT, 'test-artifacts', 'screens');

function newest(dir: string): number {
  if (!existsSync(dir)) return 0;
  if (!statSync(dir).isDirectory()) return statSync(dir).mtimeMs;
  let t = 0;
  for (const e of readdirSync(dir, { withFileTypes: true })) {
    const p = path.join(dir, e.name);
    t = Math.max(t, e.isDirectory() ? newest(p) : statSync(p).mtimeMs);
  }
  return t;
}

/** Sources the renderer bundle is made from (the UI and the browser-safe parts of src/). */
const SOURCES = ['renderer', 'src/api', 'src/model', 'src/compose/nodes', 'src/compose/text.ts'].map((p) => path.join(ROOT, p));

/**
 * Builds the renderer when out/renderer is missing or older than its sources: the whole
 * `electron-vite build` first; when main/ does not build (the core is in flux), the renderer
 * alone with vite.web.config.ts. A lock directory keeps parallel test files from building twice.
 */
export function ensureRendererBuilt(): { built: boolean; how?: string; ms: number } {
  const t0 = Date.now();
  const index = path.join(RENDERER_DIR, 'index.html');
  const fresh = () => existsSync(index) && SOURCES.every((s) => newest(s) <= statSync(index).mtimeMs);
  if (fresh()) return { built: false, ms: 0 };
  const lock = path.join(ROOT, 'out', '.e2e-build.lock');
  mkdirSync(path.dirname(lock), { recursive: true });
  for (let i = 0; ; i++) {
    try {
      mkdirSync(lock);
      break;
    } catch {
      if (i > 600) throw new Error(`the renderer build lock ${lock} is held for too long; remove it if no build runs`);
      spawnSync('sleep', ['0.5']);
      if (fresh()) return { built: false, ms: Date.now() - t0 };
    }
  }
  try {
    const electronVite = path.join(ROOT, 'node_modules', 'electron-vite', 'bin', 'electron-vite.js');
    // vitest sets NODE_ENV=test; a build inheriting it bundles React's and antd's development code.
    const env = { ...process.env, NODE_ENV: 'production', ELECTRON_SKIP_BINARY_DOWNLOAD: '1' };
    const full = spawnSync(process.execPath, [electronVite, 'build'], { cwd: ROOT, encoding: 'utf8', env });
    if (full.status === 0 && existsSync(index)) return { built: true, how: 'electron-vite build', ms: Date.now() - t0 };
    const vite = path.join(ROOT, 'node_modules', 'vite', 'bin', 'vite.js');
    execFileSync(process.execPath, [vite, 'build', '--config', 'vite.web.config.ts', '--logLevel', 'warn'], { cwd: ROOT, stdio: 'pipe', env });
    return { built: true, how: `vite build --config vite.web.config.ts (electron-vite failed: ${(full.stderr || full.stdout).trim().split('\n').slice(-3).join(' | ')})`, ms: Date.now() - t0 };
  } finally {
    rmSync(lock, { recursive: true, force: true });
  }
}

/** A demo workspace in a temp folder served in web mode, as `npm start` does without Electron. */
export interface Studio {
  dir: string;
  ws: Workspace;
  server: StudioServer;
  /** The demo users' personal keys (shown once when the workspace was made), by user id. */
  keys: Record<string, string>;
  close(): Promise<void>;
}

/** Creates a fresh demo workspace and serves it with the built renderer on 127.0.0.1. */
export async function startStudio(): Promise<Studio> {
  const dir = await mkdtemp(path.join(tmpdir(), 'sq-e2e-'));
  const { ws, keys } = await createStudio(path.join(dir, 'workspace'), { demo: true });
  const services = servicesOf(ws, { server: true });
  const server = await startServer({ ws, services, port: 0, rendererDir: RENDERER_DIR });
  return {
    dir,
    ws,
    server,
    keys: Object.fromEntries(keys.map((k) => [k.id, k.key])),
    close: async () => {
      await server.close();
      await services.close();
      await ws.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}

/** Debian's chromium, headless, in a fresh profile. */
export async function launchBrowser(): Promise<{ context: BrowserContext; page: Page; close(): Promise<void> }> {
  const executablePath = execFileSync('sh', ['-c', 'command -v chromium'], { encoding: 'utf8' }).trim();
  const profile = await mkdtemp(path.join(tmpdir(), 'sq-chromium-'));
  const context = await chromium.launchPersistentContext(profile, {
    executablePath,
    headless: true,
    viewport: { width: 1440, height: 900 },
    locale: 'zh-CN',
    args: ['--headless', '--no-sandbox', '--disable-gpu', '--disable-background-networking', '--disable-component-update', '--disable-sync', '--no-first-run'],
  });
  await watchErrors(context);
  const page = context.pages()[0] ?? (await context.newPage());
  return {
    context,
    page,
    close: async () => {
      await context.close();
      await rm(profile, { recursive: true, force: true });
    },
  };
}

/**
 * Errors pages threw since the last test ended (uncaught exceptions and unhandled promise
 * rejections, in every page of every browser this file launched). The harness's own afterEach
 * fails the test that caused them, so no test file can forget to look (issue 17 point 9).
 */
const pageErrors: string[] = [];

/** A rejection's reason as text: "Object" says nothing, so plain objects are shown as JSON. */
const REJECTION_PROBE = `window.addEventListener('unhandledrejection', (e) => {
  const r = e.reason;
  let text;
  try { text = r instanceof Error ? r.stack || r.message : typeof r === 'object' ? JSON.stringify(r).slice(0, 500) : String(r); } catch { text = String(r); }
  console.error('[unhandledrejection] ' + text);
});`;

function watchPage(page: Page): void {
  page.on('pageerror', (e) => pageErrors.push(`${page.url()}: pageerror: ${e.message}`));
  page.on('console', (m) => {
    if (m.type() === 'error' && m.text().startsWith('[unhandledrejection]')) pageErrors.push(`${page.url()}: ${m.text()}`);
  });
}

async function watchErrors(context: BrowserContext): Promise<void> {
  await context.addInitScript({ content: REJECTION_PROBE });
  for (const p of context.pages()) watchPage(p);
  context.on('page', watchPage);
}

/** Takes (and clears) the page errors seen so far; for a test that expects one. */
export function takePageErrors(): string[] {
  return pageErrors.splice(0);
}

afterEach(() => {
  const errors = takePageErrors();
  if (errors.length) throw new Error(`the page threw or left a promise rejection unhandled:\n${errors.join('\n')}`);
});

/** Saves a screenshot (the whole page, or the viewport for dialogs) as test-artifacts/screens/<name>.png. */
export async function screenshot(page: Page, name: string, fullPage = true): Promise<string> {
  mkdirSync(SCREENS_DIR, { recursive: true });
  const file = path.join(SCREENS_DIR, `${name}.png`);
  await page.screenshot({ path: file, fullPage });
  return file;
}

/** One axe-core violation, reduced to what a report needs. */
export interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: string[];
}

/** Toast layers (antd message and notification): they come and go on their own timers, so they are never scanned. */
const TOASTS = ['.ant-message', '.ant-notification'];

/**
 * Waits until the page's transient UI has settled: no finite animation or transition running
 * outside the toast layers (infinite ones — spinners, skeleton shimmer — never end and are left
 * alone) and no element in an enter/leave motion state (antd's rc-motion classes such as
 * `.ant-zoom-leave`). On a loaded machine a dialog or a toast read mid-fade is low contrast
 * (issue 15 point 11); toasts are left out of the scan instead of waited for (they stay 3 s).
 */
export async function settled(page: Page, timeout = 15_000): Promise<void> {
  await page.waitForFunction(
    (toasts) => {
      const inToast = (el: Element | null) => !!el && toasts.some((t) => el.closest(t));
      const moving = document.getAnimations().some((a) => {
        if (a.playState !== 'running' && !a.pending) return false;
        if (a.effect?.getComputedTiming().endTime === Infinity) return false;
        const target = (a.effect as KeyframeEffect | null)?.target ?? null;
        return !inToast(target);
      });
      // A motion class whose element animates nothing for 2 s is stuck, not moving: antd's button
      // loading icon can keep `-motion-leave-active` when its transition never starts (width 0 → 0),
      // and nothing on screen changes any more.
      const w = window as unknown as { __sqMotionSeen?: WeakMap<Element, number> };
      const seen = (w.__sqMotionSeen ??= new WeakMap());
      const now = performance.now();
      const motion = Array.from(document.querySelectorAll('[class*="-enter"], [class*="-leave"], [class*="-appear"]')).some((el) => {
        if (inToast(el)) return false;
        if (!seen.has(el)) seen.set(el, now);
        // (A spinner inside it turns for ever: that is not the motion ending.)
        const animating = el.getAnimations({ subtree: true }).some((a) => (a.playState === 'running' || a.pending) && a.effect?.getComputedTiming().endTime !== Infinity);
        return animating || now - seen.get(el)! < 2000;
      });
      // A button in its loading state drawn half-transparent (a request in flight) is not a state to
      // judge contrast in. The studio's theme keeps busy buttons opaque (opacityLoading 1, issue 17),
      // so only a faded one is waited for: a long call (a proof render) must not hold every scan.
      const loading = Array.from(document.querySelectorAll('.ant-btn-loading')).some((b) => Number(getComputedStyle(b).opacity) < 1);
      return !moving && !motion && !loading;
    },
    TOASTS,
    { timeout, polling: 100 },
  );
}

/** Runs axe-core in the page (toast layers left out), once its transient UI has settled, and returns the serious and critical violations. */
export async function axeSerious(page: Page): Promise<AxeViolation[]> {
  await settled(page);
  const axe = (await import('axe-core')).default as { source: string };
  // Evaluated over the DevTools protocol, so the page's CSP (script-src 'self') does not block it.
  if (!(await page.evaluate(() => 'axe' in window))) await page.evaluate(axe.source);
  const result = await page.evaluate(async (toasts) => {
    const w = window as unknown as { axe: { run(ctx: Document, opts: object): Promise<{ violations: { id: string; impact: string | null; help: string; nodes: { target: string[] }[] }[] }> } };
    return w.axe.run({ exclude: toasts.map((t) => [t]) } as unknown as Document, { resultTypes: ['violations'] });
  }, TOASTS);
  return result.violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => ({ id: v.id, impact: v.impact, help: v.help, nodes: v.nodes.slice(0, 5).map((n) => n.target.join(' ')) }));
}

/** Appends one line to test-artifacts/e2e-timings.json (what the suite measured). */
export function recordTimings(name: string, figures: Record<string, number | string>): void {
  mkdirSync(path.dirname(SCREENS_DIR), { recursive: true });
  const file = path.join(path.dirname(SCREENS_DIR), `e2e-${name}.json`);
  writeFileSync(file, JSON.stringify({ name, at: new Date().toISOString(), ...figures }, null, 2) + '\n');
  console.log(`[e2e ${name}] ${JSON.stringify(figures)}`);
}

/**
 * Switches the studio's 当前身份 to a user, as a person does: picks the user in the top bar's select,
 * types the user's personal key into the dialog that asks for it, and confirms; waits until the
 * switch shows the user. `name` is the text of the user's option (e.g. 品牌经理).
 */
export async function switchIdentity(page: Page, name: string, key: string): Promise<void> {
  await chooseIdentity(page, name);
  const input = page.getByTestId('identity-key');
  await input.fill(key);
  await page.locator('.ant-modal-footer .ant-btn-primary').click();
  await page.waitForFunction((n) => document.querySelector('[data-testid=acting-as]')?.textContent?.includes(n), name, { timeout: 15_000 });
}

/**
 * Runs `step` until it stops throwing, for at most `timeout` ms (antd dropdowns open with an
 * animation a click can miss). Between tries it presses Escape (closing a half-open dropdown)
 * unless `escape` is false, and waits 300 ms.
 */
export async function retryStep(page: Page, step: () => Promise<void>, timeout = 15_000, escape = true): Promise<void> {
  const end = Date.now() + timeout;
  for (;;) {
    try {
      return await step();
    } catch (err) {
      if (Date.now() > end) throw err;
      if (escape) await page.keyboard.press('Escape').catch(() => undefined);
      await page.waitForTimeout(300);
    }
  }
}

/**
 * What every e2e file starts from: the renderer built, a fresh demo studio served on loopback and
 * Debian's Chromium with one page, whose uncaught errors go into `pageErrors` (each file asserts
 * there were none).
 */
export async function openStudio(pageErrors: string[]): Promise<{ studio: Studio; browser: Awaited<ReturnType<typeof launchBrowser>>; page: Page; build: ReturnType<typeof ensureRendererBuilt> }> {
  const build = ensureRendererBuilt();
  const studio = await startStudio();
  const browser = await launchBrowser();
  browser.page.on('pageerror', (e) => pageErrors.push(e.message));
  return { studio, browser, page: browser.page, build };
}

/** Opens the studio's main screen in `page` and waits until it is ready (the 新建内容 button shows). */
export async function gotoStudio(page: Page, studio: Studio): Promise<void> {
  await page.goto(studio.server.openUrl);
  await page.getByTestId('new-post').waitFor();
}

/** A screenshot named `file` once antd's colour transitions (0.2–0.3 s) are over, and axe's serious findings on it kept under `name` in `a11y`. */
export async function captureScreen(page: Page, a11y: Record<string, AxeViolation[]>, name: string, full = true, file = name): Promise<void> {
  await page.waitForTimeout(400);
  await screenshot(page, file, full);
  a11y[name] = await axeSerious(page);
}

/** Picks a user in the 当前身份 select and waits for the dialog that asks for their key. */
export async function chooseIdentity(page: Page, name: string): Promise<void> {
  const select = page.getByTestId('acting-as');
  const option = page.locator('.ant-select-dropdown:not(.ant-select-dropdown-hidden) .ant-select-item-option').filter({ hasText: name }).first();
  for (let i = 0; ; i++) {
    try {
      await select.click();
      await option.click({ timeout: 2000 });
      // A click on an option of a dropdown that is still animating can select nothing: then no
      // dialog comes and the pick is made again (bounded).
      await page.getByTestId('identity-key').waitFor({ timeout: 8000 });
      return;
    } catch (err) {
      // antd opens its dropdown with an animation a click can miss.
      if (i > 12) throw err;
      await page.keyboard.press('Escape').catch(() => undefined);
      await page.waitForTimeout(300);
    }
  }
}
