/**
 * Group types look different on posters (issue 16, point 5): the same post for one store, as the
 * demo's 社区群, 宝妈群 and VIP群 — each with its accent, badge and hook — differs visibly and in
 * the text drawn, on every layout.
 */
import { describe, expect, it } from 'vitest';
import { buildVariantContext } from '../../src/compose/context.js';
import { buildDemoStudio } from '../../src/demo/index.js';
import { createPosterRenderer } from '../../src/render/renderer.js';
import { describeAsset } from '../../src/workspace/assets.js';
import { builtinInputs } from './helpers.js';
import sharp from 'sharp';

/** Mean absolute difference (0..255) of small colour thumbnails: accents differ in hue more than in grey. */
async function colourDiff(a: Buffer, b: Buffer): Promise<number> {
  const [pa, pb] = await Promise.all([a, b].map((x) => sharp(x).resize(54, 72, { fit: 'fill' }).removeAlpha().raw().toBuffer()));
  let sum = 0;
  for (let i = 0; i < pa!.length; i++) sum += Math.abs(pa![i]! - pb![i]!);
  return sum / pa!.length;
}

describe('posters per group type', () => {
  it('community, moms and VIP posters of one post and store differ in badge, hook and colour on every layout', async () => {
    const { data, assets } = await buildDemoStudio();
    const images = new Map(assets.map((a) => [describeAsset(a.bytes, a.name).id, { bytes: a.bytes, name: a.name }]));
    const renderer = createPosterRenderer();
    const post = data.posts.find((p) => p.id === 'spring-gift')!;
    const diffs: string[] = [];
    for (const template of builtinInputs()) {
      const outs = [];
      for (const group of ['community', 'moms', 'vip']) {
        const ctx = buildVariantContext(data, post, group, 'lc009');
        outs.push({ group, out: await renderer.render({ template, size: '3x4', ctx, images }) });
      }
      const texts = outs.map(({ out }) => Object.fromEntries(out.texts.map((t) => [t.slot, t.lines.join('')])));
      expect(texts.map((t) => t.badge)).toEqual(['邻里好物', '宝妈安心选', '会员专享']);
      expect(new Set(texts.map((t) => t.hook)).size).toBe(3);
      for (let i = 0; i < outs.length; i++) {
        for (let j = i + 1; j < outs.length; j++) {
          const d = await colourDiff(outs[i]!.out.bytes, outs[j]!.out.bytes);
          // Another store's card alone differs by about 1.8-3.8 in grey; a group type's accent, badge and hook by more than 1.
          expect(d, `${template.id}: ${outs[i]!.group} vs ${outs[j]!.group}`).toBeGreaterThan(1);
          diffs.push(`${template.id} ${outs[i]!.group}/${outs[j]!.group} ${d.toFixed(2)}`);
        }
      }
    }
    console.log(`colour difference of group-type posters (3x4): ${diffs.join('; ')}`);
  }, 300_000); // every layout × size: minutes on a busy 2-core machine
});
