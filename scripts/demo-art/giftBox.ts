import { almond, berry, cashew, pistachio, walnut } from './nuts.js';
import { chestnut } from './mascot.js';
import { PALETTE } from './palette.js';
import { textSvg } from './text.js';

function lantern(x: number, top: number, s: number): string {
  return `<g transform="translate(${x} ${top}) scale(${s})">
<path d="M0,0 L0,40" stroke="#e8b64c" stroke-width="3"/>
<rect x="-22" y="38" width="44" height="12" rx="3" fill="#e8b64c"/>
<ellipse cx="0" cy="100" rx="62" ry="54" fill="#d7261e"/>
<path d="M-30,54 C-46,80 -46,120 -30,146 M0,46 L0,154 M30,54 C46,80 46,120 30,146" stroke="#a3150f" stroke-width="3" fill="none"/>
<ellipse cx="-20" cy="84" rx="12" ry="22" fill="#fff" opacity="0.18"/>
<rect x="-22" y="148" width="44" height="12" rx="3" fill="#e8b64c"/>
<path d="M-10,160 L-12,200 M0,160 L0,206 M10,160 L12,200" stroke="#e8b64c" stroke-width="3"/>
</g>`;
}

/** 新春山野坚果礼盒: a red gift box tied with gold ribbon, nuts in front (800×800). */
export async function giftBoxSvg(): Promise<string> {
  const gold = '#e8b64c';
  const label = await textSvg({ x: 262, y: 420, width: 276, height: 64, text: '山野坚果礼盒', size: 44, weight: 900, color: PALETTE.primary });
  const sub = await textSvg({ x: 262, y: 484, width: 276, height: 34, text: '拾果山房 · 12袋 1.2kg', size: 20, weight: 700, color: '#9a6a3a' });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
<defs>
  <radialGradient id="bg" cx="50%" cy="40%" r="75%"><stop offset="0" stop-color="#fff3dc"/><stop offset="1" stop-color="#f0c27e"/></radialGradient>
  <linearGradient id="front" x1="0" y1="0" x2="1" y2="1"><stop offset="0" stop-color="#b52a24"/><stop offset="1" stop-color="#7c1614"/></linearGradient>
  <linearGradient id="top" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#d54237"/><stop offset="1" stop-color="#b22c25"/></linearGradient>
  <linearGradient id="gold" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#f6d27a"/><stop offset="0.5" stop-color="${gold}"/><stop offset="1" stop-color="#c8902e"/></linearGradient>
</defs>
<rect width="800" height="800" fill="url(#bg)"/>
<g fill="none" stroke="#c0392b" opacity="0.14" stroke-width="3">
  <circle cx="120" cy="640" r="60"/><circle cx="120" cy="640" r="40"/><circle cx="690" cy="600" r="70"/><circle cx="690" cy="600" r="48"/>
  <circle cx="400" cy="130" r="90"/><circle cx="400" cy="130" r="66"/>
</g>
${lantern(110, -10, 0.9)}${lantern(690, -10, 0.9)}
<ellipse cx="400" cy="690" rx="330" ry="46" fill="#8a4a1c" opacity="0.25"/>
<path d="M180,330 L620,330 L620,650 L180,650 Z" fill="url(#front)"/>
<path d="M180,330 L620,330 L580,270 L220,270 Z" fill="url(#top)"/>
<path d="M170,318 L630,318 L630,352 L170,352 Z" fill="#c3342c"/><path d="M170,352 L630,352 L630,360 L170,360 Z" fill="#6d1311" opacity="0.35"/><path d="M170,318 L630,318 L590,262 L210,262 Z" fill="url(#top)"/>
<rect x="196" y="358" width="408" height="276" fill="none" stroke="${gold}" stroke-width="4"/>
<rect x="208" y="370" width="384" height="252" fill="none" stroke="${gold}" stroke-width="1.5" opacity="0.8"/>
<rect x="384" y="330" width="32" height="320" fill="url(#gold)"/>
<path d="M388,262 L412,262 L416,352 L384,352 Z" fill="url(#gold)"/>
<path d="M400,282 C350,226 300,236 320,272 C332,294 372,292 400,282 Z" fill="url(#gold)"/>
<path d="M400,282 C450,226 500,236 480,272 C468,294 428,292 400,282 Z" fill="url(#gold)"/>
<path d="M396,286 L370,340 L386,336 L394,352 Z M404,286 L430,340 L414,336 L406,352 Z" fill="#d9a43c"/>
<circle cx="400" cy="284" r="14" fill="#f6d27a"/>
<rect x="252" y="404" width="296" height="126" rx="16" fill="#fff6e6" stroke="${gold}" stroke-width="4"/>
${label}${sub}
${walnut(190, 660, 1.05, -10)}${almond(258, 700, 0.95, 60)}${cashew(118, 720, 1, 20)}
${pistachio(320, 724, 0.9, -30)}${berry(286, 660, 11)}${berry(218, 742, 10)}
<g>${chestnut(560, 690, 46, 'gnut')}</g>
${walnut(646, 712, 0.9, 18)}${almond(494, 728, 0.9, -70)}${cashew(700, 650, 0.9, -30)}${berry(610, 650, 10)}${berry(438, 742, 9)}
${pistachio(740, 740, 0.8, 40)}
</svg>`;
}
