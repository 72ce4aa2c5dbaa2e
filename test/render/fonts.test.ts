import satori from 'satori';
import { describe, expect, it } from 'vitest';
import { createServices } from '../../src/api/services.js';
import { assertSingleFont, FONT_FAMILY, fontPaths, loadFonts } from '../../src/render/text/fonts.js';
import { memoryWorkspace, tinyStudio } from '../helpers/memory-workspace.js';

describe('poster fonts', () => {
  it('loads Noto Sans SC regular and bold once per open workspace (its services): the same objects every time', () => {
    const services = createServices(memoryWorkspace(tinyStudio()));
    const a = services.fonts();
    const b = services.fonts();
    expect(b).toBe(a);
    expect(b.satori).toBe(a.satori);
    // Nothing is kept at module level: another load is another set of objects with the same fonts.
    const other = loadFonts();
    expect(other).not.toBe(a);
    expect(other.satori.map((f) => f.data.length)).toEqual(a.satori.map((f) => f.data.length));
    expect(a.satori.map((f) => [f.name, f.weight])).toEqual([
      [FONT_FAMILY, 400],
      [FONT_FAMILY, 700],
    ]);
    expect(fontPaths().regular).toMatch(/@expo-google-fonts\/noto-sans-sc\/400Regular\/NotoSansSC_400Regular\.ttf$/);
  });

  it('are whole TrueType fonts covering Chinese (not TTC, not WOFF2)', () => {
    const f = loadFonts();
    for (const font of f.satori) expect(font.data.readUInt32BE(0)).toBe(0x00010000);
    for (const ch of '幸福里社区生活超市（旗舰店）¥168') expect(f.metrics[400].has(ch.codePointAt(0)!)).toBe(true);
    expect(f.metrics[400].has(0x1f9e7)).toBe(false); // 🧧: no emoji in the font, the fitter removes them
    expect(f.metrics[700].measure('中文', 40)).toBe(80);
  });

  it('refuses font collections and web fonts with a clear reason', () => {
    expect(() => assertSingleFont(Buffer.from('ttcf\u0000\u0001\u0000\u0000'), 'x.ttc')).toThrow(/TTC and WOFF\/WOFF2 are not usable/);
    expect(() => assertSingleFont(Buffer.from('wOF2\u0000\u0001\u0000\u0000'), 'x.woff2')).toThrow(/x\.woff2/);
  });

  it('draws glyph outlines through satori, and our advance widths match satori\'s layout', async () => {
    const f = loadFonts();
    for (const [text, weight] of [['幸福里社区生活超市（旗舰店）', 700], ['Hello World 2026! 每天新鲜', 400]] as const) {
      const el = { type: 'div', props: { style: { display: 'flex', flexDirection: 'column', alignItems: 'flex-start', width: 1400, height: 80, fontFamily: FONT_FAMILY }, children: [{ type: 'div', props: { style: { fontSize: 40, fontWeight: weight, whiteSpace: 'nowrap' }, children: text } }] } };
      const svg = await satori(el as never, { width: 1400, height: 80, fonts: f.satori });
      const box = /<mask id="satori_om-id-0"><rect x="[\d.]+" y="[\d.]+" width="([\d.]+)"/.exec(svg);
      expect(Number(box![1])).toBeCloseTo(f.metricsFor(weight).measure(text, 40), 0);
      const path = /<path fill="[^"]+" d="([^"]+)"/.exec(svg);
      expect(path![1]!.length).toBeGreaterThan(500); // real outlines, not an empty run (what WOFF2 would give)
      expect(svg).not.toMatch(/<text/); // text is paths: no system font is ever asked for
    }
  });
});
