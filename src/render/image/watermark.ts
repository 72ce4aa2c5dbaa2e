import satori from 'satori';
import type { PosterFonts } from '../text/fonts.js';
import { FONT_FAMILY } from '../text/fonts.js';
import { svgToRaster, type Raster } from './raster.js';

/** The draft watermark text. */
export const WATERMARK_TEXT = '草稿 / DRAFT';

/** A transparent layer with a diagonal "草稿 / DRAFT" pattern over the whole poster. */
export async function renderWatermark(width: number, height: number, fonts: PosterFonts): Promise<Raster> {
  const rows: unknown[] = [];
  const step = 250;
  for (let y = -height; y < height * 2; y += step) {
    rows.push({
      type: 'div',
      props: {
        style: { position: 'absolute', left: '-400px', top: `${y}px`, width: `${width + 800}px`, display: 'flex', justifyContent: 'space-around', transform: 'rotate(-30deg)', color: 'rgba(200, 16, 46, 0.26)', fontSize: '76px', fontWeight: 700, letterSpacing: '6px' },
        children: [0, 1, 2].map(() => ({ type: 'span', props: { children: WATERMARK_TEXT } })),
      },
    });
  }
  const el = { type: 'div', props: { style: { display: 'flex', position: 'relative', width: `${width}px`, height: `${height}px`, fontFamily: FONT_FAMILY }, children: rows } };
  const svg = await satori(el as unknown as Parameters<typeof satori>[0], { width, height, fonts: fonts.satori });
  return svgToRaster(svg);
}
