import { PALETTE } from './palette.js';

function spikes(cx: number, cy: number, rx: number, ry: number, count: number, depth: number): string {
  const pts: string[] = [];
  for (let i = 0; i < count * 2; i++) {
    const a = (i / (count * 2)) * Math.PI * 2;
    const bottom = Math.sin(a) > 0.55;
    const k = i % 2 === 0 ? 1 + depth * (bottom ? 0.25 : 1) : 1;
    pts.push(`${(cx + Math.cos(a) * rx * k).toFixed(1)},${(cy + Math.sin(a) * ry * k).toFixed(1)}`);
  }
  return pts.join(' ');
}

/** A chestnut (栗子) shape centred on (x, y), about 2·r wide. */
export function chestnut(x: number, y: number, r: number, id: string): string {
  return `<defs><linearGradient id="${id}" x1="0" y1="0" x2="0.6" y2="1"><stop offset="0" stop-color="#a9643a"/><stop offset="1" stop-color="#6b3318"/></linearGradient></defs>
<path d="M${x},${y - r} C${x + r * 0.35},${y - r * 0.7} ${x + r},${y - r * 0.1} ${x + r},${y + r * 0.45} C${x + r},${y + r * 0.95} ${x - r},${y + r * 0.95} ${x - r},${y + r * 0.45} C${x - r},${y - r * 0.1} ${x - r * 0.35},${y - r * 0.7} ${x},${y - r} Z" fill="url(#${id})"/>
<path d="M${x - r * 0.92},${y + r * 0.5} C${x - r * 0.6},${y + r * 0.78} ${x + r * 0.6},${y + r * 0.78} ${x + r * 0.92},${y + r * 0.5} C${x + r * 0.9},${y + r * 0.92} ${x - r * 0.9},${y + r * 0.92} ${x - r * 0.92},${y + r * 0.5} Z" fill="#e8c79a"/>
<ellipse cx="${x - r * 0.38}" cy="${y - r * 0.15}" rx="${r * 0.14}" ry="${r * 0.32}" fill="#fff" opacity="0.35" transform="rotate(20 ${x - r * 0.38} ${y - r * 0.15})"/>`;
}

/** The brand IP 栗栗, a little hedgehog holding a chestnut (600×600, transparent). */
export function mascotSvg(): string {
  const c = PALETTE;
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
<defs>
  <radialGradient id="spk" cx="50%" cy="40%" r="60%"><stop offset="0" stop-color="#a55d36"/><stop offset="1" stop-color="#6e3519"/></radialGradient>
  <radialGradient id="face" cx="50%" cy="40%" r="65%"><stop offset="0" stop-color="#fff1dc"/><stop offset="1" stop-color="${c.cream}"/></radialGradient>
</defs>
<ellipse cx="300" cy="548" rx="170" ry="22" fill="#000" opacity="0.12"/>
<polygon points="${spikes(300, 300, 205, 195, 22, 0.2)}" fill="url(#spk)" stroke="#5c2b13" stroke-width="6" stroke-linejoin="round"/>
<polygon points="${spikes(300, 292, 170, 160, 18, 0.16)}" fill="#9a5430" opacity="0.7"/>
<path d="M292,112 C284,86 300,64 322,58" stroke="#4d6b2e" stroke-width="8" fill="none" stroke-linecap="round"/>
<path d="M318,60 C350,28 408,36 420,60 C390,90 340,90 318,60 Z" fill="${c.secondary}"/>
<path d="M322,60 C350,58 380,58 412,60" stroke="#8fbf6a" stroke-width="4" fill="none" stroke-linecap="round"/>
<ellipse cx="232" cy="490" rx="46" ry="28" fill="#6e3519"/><ellipse cx="368" cy="490" rx="46" ry="28" fill="#6e3519"/>
<ellipse cx="232" cy="496" rx="30" ry="16" fill="${c.cream}"/><ellipse cx="368" cy="496" rx="30" ry="16" fill="${c.cream}"/>
<path d="M150,330 C150,230 220,196 300,196 C380,196 450,230 450,330 C450,430 390,486 300,486 C210,486 150,430 150,330 Z" fill="url(#face)"/>
<circle cx="190" cy="222" r="30" fill="${c.cream}"/><circle cx="190" cy="222" r="16" fill="#f5b3a8"/>
<circle cx="410" cy="222" r="30" fill="${c.cream}"/><circle cx="410" cy="222" r="16" fill="#f5b3a8"/>
<path d="M196,262 C230,222 272,212 300,236 C328,212 370,222 404,262 C370,248 330,246 300,262 C270,246 230,248 196,262 Z" fill="#8a4826"/>
<ellipse cx="246" cy="318" rx="24" ry="30" fill="#2b1a12"/><ellipse cx="354" cy="318" rx="24" ry="30" fill="#2b1a12"/>
<circle cx="254" cy="306" r="9" fill="#fff"/><circle cx="362" cy="306" r="9" fill="#fff"/>
<circle cx="240" cy="328" r="4" fill="#fff" opacity="0.8"/><circle cx="348" cy="328" r="4" fill="#fff" opacity="0.8"/>
<ellipse cx="204" cy="364" rx="28" ry="17" fill="${c.blush}" opacity="0.55"/><ellipse cx="396" cy="364" rx="28" ry="17" fill="${c.blush}" opacity="0.55"/>
<ellipse cx="300" cy="356" rx="20" ry="14" fill="#3b2016"/><ellipse cx="294" cy="351" rx="6" ry="4" fill="#fff" opacity="0.6"/>
<path d="M274,382 Q287,398 300,384 Q313,398 326,382" stroke="#3b2016" stroke-width="6" fill="none" stroke-linecap="round" stroke-linejoin="round"/>
<path d="M286,392 Q300,420 314,392 Z" fill="#e46a5e"/>
${chestnut(300, 462, 44, 'nut')}
<ellipse cx="244" cy="466" rx="30" ry="21" fill="${c.cream}" stroke="#e0bf92" stroke-width="4" transform="rotate(-25 244 466)"/>
<ellipse cx="356" cy="466" rx="30" ry="21" fill="${c.cream}" stroke="#e0bf92" stroke-width="4" transform="rotate(25 356 466)"/>
</svg>`;
}
