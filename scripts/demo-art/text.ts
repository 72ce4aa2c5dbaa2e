import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import satori from 'satori';

const require = createRequire(import.meta.url);
const fontDir = require.resolve('@expo-google-fonts/noto-sans-sc/package.json').replace(/package\.json$/, '');

/** Noto Sans SC weights used by the demo artwork (loaded once, lazily). */
let fonts: { name: string; data: Buffer; weight: 400 | 700 | 900; style: 'normal' }[] | undefined;
function loadFonts() {
  fonts ??= [
    { name: 'Noto Sans SC', data: readFileSync(`${fontDir}400Regular/NotoSansSC_400Regular.ttf`), weight: 400, style: 'normal' },
    { name: 'Noto Sans SC', data: readFileSync(`${fontDir}700Bold/NotoSansSC_700Bold.ttf`), weight: 700, style: 'normal' },
    { name: 'Noto Sans SC', data: readFileSync(`${fontDir}900Black/NotoSansSC_900Black.ttf`), weight: 900, style: 'normal' },
  ];
  return fonts;
}

/** Options for one line (or wrapped block) of text drawn as vector paths. */
export interface TextBox {
  x: number;
  y: number;
  width: number;
  height: number;
  text: string;
  size: number;
  color: string;
  weight?: 400 | 700 | 900;
  align?: 'left' | 'center' | 'right';
  letterSpacing?: number;
  /** Allow wrapping onto several lines (default: one line). */
  wrap?: boolean;
}

/**
 * Lays text out with satori (glyphs become paths, so no system font is needed when rasterising)
 * and returns a nested <svg> element placed at (x, y), ready to drop into a larger SVG.
 */
export async function textSvg(box: TextBox): Promise<string> {
  const justify = box.align === 'left' ? 'flex-start' : box.align === 'right' ? 'flex-end' : 'center';
  const svg = await satori(
    {
      type: 'div',
      key: null,
      props: {
        style: {
          width: box.width,
          height: box.height,
          display: 'flex',
          alignItems: 'center',
          justifyContent: justify,
          textAlign: box.align ?? 'center',
          fontFamily: 'Noto Sans SC',
          fontSize: box.size,
          fontWeight: box.weight ?? 700,
          color: box.color,
          letterSpacing: box.letterSpacing ?? 0,
          lineHeight: 1.2,
          whiteSpace: box.wrap ? 'normal' : 'nowrap',
        },
        children: box.text,
      },
    } as never,
    { width: box.width, height: box.height, fonts: loadFonts() },
  );
  return svg.replace('<svg ', `<svg x="${box.x}" y="${box.y}" `);
}
