import { almond, berry, cashew, walnut } from './nuts.js';
import { PALETTE } from './palette.js';
import { textSvg } from './text.js';

function star(x: number, y: number, r: number, color: string): string {
  const pts: string[] = [];
  for (let i = 0; i < 10; i++) {
    const a = -Math.PI / 2 + (i * Math.PI) / 5;
    const k = i % 2 === 0 ? r : r * 0.45;
    pts.push(`${(x + Math.cos(a) * k).toFixed(1)},${(y + Math.sin(a) * k).toFixed(1)}`);
  }
  return `<polygon points="${pts.join(' ')}" fill="${color}" stroke-linejoin="round"/>`;
}

function pencil(x: number, y: number, rot: number, body: string): string {
  return `<g transform="translate(${x} ${y}) rotate(${rot})"><rect x="0" y="-14" width="300" height="28" rx="4" fill="${body}"/><rect x="0" y="-14" width="300" height="9" fill="#fff" opacity="0.25"/><rect x="-26" y="-14" width="30" height="28" rx="4" fill="#f48fb1"/><rect x="-2" y="-14" width="12" height="28" fill="#c9c9c9"/><path d="M300,-14 L346,0 L300,14 Z" fill="#f3d9ae"/><path d="M332,-4 L346,0 L332,4 Z" fill="#333"/></g>`;
}

function miniFace(x: number, y: number, s: number): string {
  const spikes: string[] = [];
  for (let i = 0; i < 28; i++) {
    const a = (i / 28) * Math.PI * 2;
    const k = i % 2 === 0 ? 1.22 : 1;
    spikes.push(`${(Math.cos(a) * 50 * k).toFixed(1)},${(Math.sin(a) * 46 * k).toFixed(1)}`);
  }
  return `<g transform="translate(${x} ${y}) scale(${s})">
<polygon points="${spikes.join(' ')}" fill="#8a4826"/>
<ellipse cx="0" cy="8" rx="40" ry="36" fill="${PALETTE.cream}"/>
<circle cx="-14" cy="4" r="6" fill="#2b1a12"/><circle cx="14" cy="4" r="6" fill="#2b1a12"/><circle cx="-12" cy="2" r="2" fill="#fff"/><circle cx="16" cy="2" r="2" fill="#fff"/>
<ellipse cx="0" cy="16" rx="5" ry="3.5" fill="#3b2016"/><path d="M-8,24 Q0,30 8,24" stroke="#3b2016" stroke-width="2.5" fill="none" stroke-linecap="round"/>
<ellipse cx="-25" cy="18" rx="7" ry="4.5" fill="${PALETTE.blush}" opacity="0.6"/><ellipse cx="25" cy="18" rx="7" ry="4.5" fill="${PALETTE.blush}" opacity="0.6"/>
</g>`;
}

function sachet(x: number, y: number, rot: number, color: string, day: string): string {
  return `<g transform="translate(${x} ${y}) rotate(${rot})"><path d="M-55,-80 L55,-80 L58,80 L-58,80 Z" fill="${color}"/><path d="M-55,-80 L55,-80 L55,-66 L-55,-66 Z" fill="#fff" opacity="0.35"/><path d="M-58,80 L58,80 L58,70 L-58,70 Z" fill="#000" opacity="0.1"/><circle cx="0" cy="6" r="30" fill="#fff" opacity="0.9"/>${day}</g>`;
}

/** 栗栗每日坚果·儿童款: a stand-up pouch with the mascot and a window onto the nuts, school things around (800×800). */
export async function kidsPackSvg(): Promise<string> {
  const c = PALETTE;
  const title = await textSvg({ x: 250, y: 380, width: 300, height: 70, text: '每日坚果', size: 58, weight: 900, color: c.primary });
  const pill = await textSvg({ x: 300, y: 452, width: 200, height: 40, text: '儿童款 · 7日装', size: 24, weight: 700, color: '#ffffff' });
  const dayText = async (d: string) => (await textSvg({ x: -30, y: -14, width: 60, height: 40, text: d, size: 28, weight: 900, color: c.primary }));
  const d1 = await dayText('一');
  const d2 = await dayText('二');
  return `<svg xmlns="http://www.w3.org/2000/svg" width="800" height="800" viewBox="0 0 800 800">
<defs>
  <radialGradient id="bg" cx="50%" cy="40%" r="75%"><stop offset="0" stop-color="#fffbea"/><stop offset="1" stop-color="#ffe08a"/></radialGradient>
  <linearGradient id="pouch" x1="0" y1="0" x2="1" y2="0"><stop offset="0" stop-color="#f7b955"/><stop offset="0.5" stop-color="#ffcf73"/><stop offset="1" stop-color="#e9993a"/></linearGradient>
  <clipPath id="win"><rect x="292" y="512" width="216" height="120" rx="28"/></clipPath>
</defs>
<rect width="800" height="800" fill="url(#bg)"/>
<circle cx="110" cy="140" r="80" fill="#8fd3f4" opacity="0.45"/><circle cx="700" cy="180" r="60" fill="#b5e48c" opacity="0.5"/><circle cx="680" cy="690" r="90" fill="#8fd3f4" opacity="0.35"/>
${star(170, 300, 22, '#ff8a65')}${star(650, 90, 18, '#4fc3f7')}${star(620, 420, 14, '#81c784')}${star(90, 520, 16, '#ffb74d')}${star(720, 300, 12, '#f06292')}
${pencil(40, 110, 12, '#4fc3f7')}${pencil(520, 760, -16, '#81c784')}
<ellipse cx="400" cy="720" rx="250" ry="34" fill="#c58a1c" opacity="0.25"/>
${sachet(150, 600, -14, '#81c784', d1)}${sachet(650, 600, 12, '#4fc3f7', d2)}
<path d="M236,176 L564,176 C574,300 590,560 600,700 C520,716 280,716 200,700 C210,560 226,300 236,176 Z" fill="url(#pouch)"/>
<path d="M236,176 L564,176 L566,214 L234,214 Z" fill="${c.secondary}"/>
${Array.from({ length: 16 }, (_, i) => `<circle cx="${250 + i * 20}" cy="195" r="4" fill="#fff" opacity="0.5"/>`).join('')}
<path d="M226,240 L574,240" stroke="#fff" stroke-width="3" stroke-dasharray="10 8" opacity="0.7"/>
<path d="M250,180 C245,300 238,540 228,690" stroke="#fff" stroke-width="10" opacity="0.22" fill="none" stroke-linecap="round"/>
${miniFace(400, 310, 1)}
${title}
<rect x="300" y="454" width="200" height="36" rx="18" fill="${c.secondary}"/>
${pill}
<rect x="292" y="512" width="216" height="120" rx="28" fill="#fff7e8"/>
<g clip-path="url(#win)">
  ${walnut(320, 560, 0.7, 10)}${almond(380, 600, 0.7, 70)}${cashew(450, 560, 0.7, -20)}${berry(350, 610, 9)}${berry(420, 535, 8)}
  ${almond(490, 612, 0.6, -40)}${walnut(470, 640, 0.6, 0)}${berry(300, 525, 8, '#6a2c5a')}${cashew(400, 640, 0.6, 60)}
</g>
<rect x="292" y="512" width="216" height="120" rx="28" fill="none" stroke="#fff" stroke-width="8"/>
<path d="M310,528 L340,528" stroke="#fff" stroke-width="6" stroke-linecap="round" opacity="0.9"/>
${almond(130, 730, 0.9, 50)}${cashew(260, 750, 0.9, -10)}${walnut(680, 740, 0.9, 20)}${berry(560, 760, 11)}${berry(200, 700, 10, '#6a2c5a')}
</svg>`;
}
