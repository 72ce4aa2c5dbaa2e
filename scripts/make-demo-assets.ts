/**
 * Draws the demo brand's images (logo, brand IP, product pictures, store-owner avatars) from SVG
 * written in scripts/demo-art/ and writes them to assets/demo/. Deterministic: run it again and the
 * files come out the same. Usage: npx tsx scripts/make-demo-assets.ts
 */
import { mkdir, writeFile } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import sharp from 'sharp';
import { avatarSvg } from './demo-art/avatar.js';
import { AVATARS } from './demo-art/avatars.js';
import { giftBoxSvg } from './demo-art/giftBox.js';
import { kidsPackSvg } from './demo-art/kidsPack.js';
import { logoSvg } from './demo-art/logo.js';
import { mascotSvg } from './demo-art/mascot.js';
import { yogurtCupSvg } from './demo-art/yogurtCup.js';

const outDir = join(dirname(fileURLToPath(import.meta.url)), '..', 'assets', 'demo');

async function png(svg: string, file: string, size: number): Promise<void> {
  const bytes = await sharp(Buffer.from(svg)).resize(size, size).png({ compressionLevel: 9, palette: true, quality: 95 }).toBuffer();
  await writeFile(join(outDir, file), bytes);
  console.log(`${file}  ${bytes.length} bytes`);
}

/** Product drawings are 800×800 SVG; rasterised at a higher density to 1080×1080 for posters. */
async function jpeg(svg: string, file: string): Promise<void> {
  const bytes = await sharp(Buffer.from(svg), { density: (72 * 1080) / 800 }).resize(1080, 1080).jpeg({ quality: 86, mozjpeg: true }).toBuffer();
  await writeFile(join(outDir, file), bytes);
  console.log(`${file}  ${bytes.length} bytes`);
}

await mkdir(outDir, { recursive: true });
await png(await logoSvg(), 'logo.png', 600);
await png(mascotSvg(), 'mascot-lili.png', 600);
await jpeg(await giftBoxSvg(), 'product-gift-box.jpg');
await jpeg(await kidsPackSvg(), 'product-kids-pack.jpg');
await jpeg(await yogurtCupSvg(), 'product-yogurt-cup.jpg');
for (const spec of AVATARS) await png(avatarSvg(spec), spec.file, 320);
