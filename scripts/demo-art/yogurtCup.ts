import { almond, blueberry, cashew, leaf, strawberrySlice } from './nuts.js';
import { PALETTE } from './palette.js';
import { textSvg } from './text.js';

function granola(x0: number, y0: number, w: number, h: number, n: number): string {
  const out: string[] = [];
  // A fixed linear-congruential sequence keeps the crumbs identical on every run.
  let seed = 7;
  const rnd = () => ((seed = (seed * 1103515245 + 12345) % 2147483648) / 2147483648);
  for (let i = 0; i < n; i++) {
    const x = x0 + rnd() * w;
    const y = y0 + rnd() * h;
    const r = 5 + rnd() * 7;
    const col = ['#d9a55b', '#c58a3e', '#e8c07d', '#b5742f'][i % 4];
    out.push(`<ellipse cx="${x.toFixed(1)}" cy="${y.toFixed(1)}" rx="${r.toFixed(1)}" ry="${(r * 0.7).toFixed(1)}" fill="${col}" transform="rotate(${Math.round(rnd() * 180)} ${x.toFixed(1)} ${y.toFixed(1)})"/>`);
  }
  return out.join('');
}

/** 轻食酸奶坚果杯: a glass of layered yogurt, berries, granola and nuts, with a spoon (800×800). */
export async function yogurtCupSvg(): Promise<string> {
  const c = PALETTE;
  const band = await textSvg({ x: 262, y: 560, width: 276, height: 56, text: '酸奶坚果杯', size: 36, weight: 900, color: c.primary });
  const bandSub = await textSvg({ x: 262, y: 608, width: 276, height: 30, text: '轻食 · 早餐 / 加餐', size: 18, weight: 700, color: c.secondary });
  const cup = 'M210,300 L590,300 L548,700 C546,716 534,724 518,724 L282,724 C266,724 254,716 252,700 Z';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
<defs>
  <radialGradient id="bg" cx="50%" cy="35%" r="80%"><stop offset="0" stop-color="#f1fbf4"/><stop offset="1" stop-color="#b9e3c9"/></radialGradient>
  <clipPath id="cup"><path d="${cup}"/></clipPath>
  <linearGradient id="glass" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#fff" stop-opacity="0.55"/><stop offset="0.25" stop-color="#fff" stop-opacity="0.05"/><stop offset="0.8" stop-color="#fff" stop-opacity="0"/><stop offset="1" stop-color="#fff" stop-opacity="0.35"/></linearGradient>
  <linearGradient id="spoon" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#d7dde2"/><stop offset="1" stop-color="#9aa5ae"/></linearGradient>
</defs>
<rect width="800" height="800" fill="url(#bg)"/>
<circle cx="120" cy="130" r="70" fill="#fff" opacity="0.5"/><circle cx="700" cy="640" r="110" fill="#fff" opacity="0.35"/>
${leaf(80, 620, 1.6, -30, '#7cc48b')}${leaf(690, 160, 1.4, 150, '#7cc48b')}
<ellipse cx="400" cy="728" rx="250" ry="30" fill="#5b9a72" opacity="0.25"/>
<g transform="rotate(18 660 470)"><ellipse cx="660" cy="300" rx="40" ry="56" fill="url(#spoon)"/><ellipse cx="660" cy="300" rx="28" ry="42" fill="#eef2f4" opacity="0.6"/><rect x="652" y="350" width="16" height="330" rx="8" fill="url(#spoon)"/></g>
<g clip-path="url(#cup)">
  <rect x="200" y="300" width="400" height="440" fill="#fbf8f2"/>
  <path d="M200,400 C260,380 320,420 400,398 C480,376 540,420 600,400 L600,470 C540,492 470,450 400,474 C330,498 260,456 200,476 Z" fill="#9c3b66"/>
  <path d="M200,430 C260,416 330,446 400,430 C480,412 540,446 600,432" stroke="#c95b8a" stroke-width="10" fill="none" opacity="0.6"/>
  ${blueberry(250, 440, 12)}${blueberry(540, 430, 11)}${blueberry(410, 452, 10)}
  <rect x="200" y="620" width="400" height="120" fill="#e2b470"/>
  ${granola(230, 630, 340, 90, 60)}
  <path d="M200,616 C280,600 340,632 400,616 C470,598 530,630 600,614 L600,628 C530,644 470,612 400,630 C340,646 280,614 200,630 Z" fill="#fbf8f2"/>
  <rect x="200" y="300" width="400" height="440" fill="url(#glass)"/>
</g>
<path d="${cup}" fill="none" stroke="#ffffff" stroke-width="6" opacity="0.9"/>
<path d="M232,320 L268,690" stroke="#fff" stroke-width="10" stroke-linecap="round" opacity="0.55"/>
<path d="M206,302 C250,250 300,236 400,234 C500,236 550,250 594,302 Z" fill="#fbf8f2"/>
<ellipse cx="400" cy="300" rx="194" ry="16" fill="#f3eee4"/>
${granola(250, 244, 300, 50, 26)}
${strawberrySlice(300, 262, 1.15, -25)}${strawberrySlice(488, 258, 1.1, 20)}${strawberrySlice(400, 232, 1.0, 0)}
${blueberry(350, 272, 15)}${blueberry(450, 280, 14)}${blueberry(540, 282, 13)}${blueberry(262, 286, 12)}
${almond(358, 234, 0.8, -60)}${cashew(446, 236, 0.8, 20)}${almond(520, 238, 0.7, 50)}
${leaf(398, 214, 1.2, -70, '#5aa650')}${leaf(404, 214, 1.0, -130, '#6cbf5f')}
<rect x="256" y="552" width="288" height="94" rx="12" fill="#e9d3ad" opacity="0.95"/>
<rect x="256" y="552" width="288" height="94" rx="12" fill="none" stroke="${c.primary}" stroke-width="2.5" stroke-dasharray="6 6" opacity="0.6"/>
${band}${bandSub}
</svg>`;
}
