/// <reference lib="dom" />
// (Functions passed to page.evaluate run in the browser.)
import type { Page } from 'playwright-core';

/** The median of a list of numbers. */
export function median(xs: number[]): number {
  const s = [...xs].sort((a, b) => a - b);
  const m = Math.floor(s.length / 2);
  return s.length % 2 ? s[m]! : Math.round((s[m - 1]! + s[m]!) / 2);
}

/**
 * Types `text` one character at a time at the end of a section editor and measures, in the page,
 * the time from the input event to (a) the caption bubble showing the text typed so far and
 * (b) the poster preview showing a render of that revision (when there is a poster preview), with
 * the render time the studio reported for it.
 */
export async function measureTyping(page: Page, editorTestId: string, text: string): Promise<{ caption: number[]; poster: number[]; posterServer: number[] }> {
  await page.getByTestId(editorTestId).click();
  await page.keyboard.press('End');
  await page.evaluate(() => {
    const w = window as unknown as { __sq?: { t0: number; caption: number; poster: number; expect: string; rev: number } };
    if (w.__sq) return;
    const sq = (w.__sq = { t0: 0, caption: 0, poster: 0, expect: '', rev: 0 });
    document.addEventListener('beforeinput', () => {
      sq.t0 = performance.now();
      sq.caption = 0;
      sq.poster = 0;
    }, true);
    const check = () => {
      if (!sq.t0) return;
      const now = performance.now();
      const bubble = document.querySelector('[data-testid=caption-bubble]');
      if (!sq.caption && bubble && Number(bubble.getAttribute('data-revision')) >= sq.rev && bubble.textContent?.includes(sq.expect)) sq.caption = now - sq.t0;
      const poster = document.querySelector('[data-testid=poster-preview]');
      if (!sq.poster && poster && Number(poster.getAttribute('data-revision')) >= sq.rev) sq.poster = now - sq.t0;
    };
    new MutationObserver(check).observe(document.body, { subtree: true, childList: true, characterData: true, attributes: true });
  });
  const caption: number[] = [];
  const poster: number[] = [];
  const posterServer: number[] = [];
  const hasPoster = (await page.locator('[data-testid=poster-preview]').count()) > 0;
  let typed = '';
  for (const ch of text) {
    typed += ch;
    const rev = Number(await page.getByTestId('caption-bubble').getAttribute('data-revision')) + 1;
    await page.evaluate(({ expect, rev }) => {
      const sq = (window as unknown as { __sq: { expect: string; rev: number; t0: number } }).__sq;
      sq.expect = expect;
      sq.rev = rev;
      sq.t0 = 0;
    }, { expect: typed, rev });
    await page.keyboard.type(ch);
    const got = await page
      .waitForFunction(
        (wantPoster) => {
          const sq = (window as unknown as { __sq: { caption: number; poster: number } }).__sq;
          const server = Number(document.querySelector('[data-testid=poster-preview]')?.getAttribute('data-ms') ?? 0);
          return sq.caption > 0 && (!wantPoster || sq.poster > 0) ? { caption: sq.caption, poster: sq.poster, server } : null;
        },
        hasPoster,
        { timeout: 10_000, polling: 20 },
      )
      .then((h) => h.jsonValue() as Promise<{ caption: number; poster: number; server: number }>);
    caption.push(Math.round(got.caption));
    if (hasPoster) {
      poster.push(Math.round(got.poster));
      posterServer.push(got.server);
    }
    await page.waitForTimeout(120);
  }
  return { caption, poster, posterServer };
}
