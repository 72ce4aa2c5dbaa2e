/** Emoji on video end cards and storyboard stills are drawn as colour pictures, not dropped (issue 16, point 2). */
import { describe, expect, it } from 'vitest';
import { buildVariantContext } from '../../src/compose/context.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import { memoryVideoAssets } from '../../src/video/assets.js';
import { builtinStoryboards } from '../../src/video/builtins.js';
import { createLayerRenderer } from '../../src/video/layers.js';
import { endCardRaster } from '../../src/video/plan.js';
import { describeAsset } from '../../src/workspace/assets.js';
import type { Raster } from '../../src/render/image/raster.js';

/** Pixels of a strongly green hue (💚 #78B159): the demo's end card has none of its own. */
function green(r: Raster): number {
  let n = 0;
  for (let i = 0; i < r.data.length; i += r.channels) {
    const [red, g, b] = [r.data[i]!, r.data[i + 1]!, r.data[i + 2]!];
    if (g > 140 && g > red + 30 && g > b + 50) n++;
  }
  return n;
}

describe('emoji in video pictures', () => {
  it("an end card draws the catchphrase's emoji in colour", async () => {
    const { data, assets } = await buildDemoStudio();
    const images = new Map(assets.map((a) => [describeAsset(a.bytes, a.name).id, { bytes: a.bytes, name: a.name }]));
    const sb = builtinStoryboards().find((b) => b.storyboard.id === 'warm-open')!.storyboard;
    const renderer = createLayerRenderer();
    const fmt = { width: 540, height: 960, fps: 30 };
    const store = data.stores.find((s) => s.id === 'lc012')!;
    const ctxOf = (catchphrase: string) => buildVariantContext({ ...data, stores: data.stores.map((s) => (s.id === store.id ? { ...s, catchphrase } : s)) }, data.posts[0]!, 'moms', store.id);
    const plain = await endCardRaster(sb, ctxOf('甜一点，日子就好一点～'), fmt, renderer, memoryVideoAssets(images));
    const withEmoji = await endCardRaster(sb, ctxOf('甜一点💚💚，日子就好一点～'), fmt, renderer, memoryVideoAssets(images));
    expect(green(withEmoji) - green(plain)).toBeGreaterThan(200);
  });
});
