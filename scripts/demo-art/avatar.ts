/** Hair styles the avatar generator can draw. */
export type HairStyle = 'short' | 'side' | 'bob' | 'long' | 'bun' | 'ponytail' | 'bald' | 'cap' | 'curly' | 'spiky';

/** One illustrated store-owner face. */
export interface AvatarSpec {
  file: string;
  bg: string;
  bg2: string;
  skin: string;
  hair: HairStyle;
  hairColor: string;
  shirt: string;
  shirtDetail: string;
  glasses?: boolean;
  earrings?: string;
  beard?: boolean;
  apron?: string;
  headband?: string;
  capColor?: string;
  smile?: 'open' | 'soft' | 'grin';
  eyes?: 'dot' | 'happy';
}

const CX = 160;
const FACE_CY = 160;

function shade(hex: string, amount: number): string {
  const n = parseInt(hex.slice(1), 16);
  const f = (c: number) => Math.max(0, Math.min(255, Math.round(c + amount * 255)));
  const r = f((n >> 16) & 255);
  const g = f((n >> 8) & 255);
  const b = f(n & 255);
  return `#${((r << 16) | (g << 8) | b).toString(16).padStart(6, '0')}`;
}

function hairBack(s: AvatarSpec): string {
  const c = s.hairColor;
  switch (s.hair) {
    case 'long':
      return `<path d="M92,160 C88,95 122,78 160,78 C198,78 232,95 228,160 L236,262 C210,276 110,276 84,262 Z" fill="${c}"/>`;
    case 'bob':
      return `<path d="M94,168 C86,100 120,82 160,82 C200,82 234,100 226,168 C228,198 222,218 212,228 L108,228 C98,218 92,198 94,168 Z" fill="${c}"/>`;
    case 'bun':
      return `<circle cx="${CX}" cy="74" r="30" fill="${c}"/><circle cx="${CX}" cy="74" r="30" fill="#000" opacity="0.06"/>`;
    case 'ponytail':
      return `<path d="M210,120 C250,120 262,170 250,215 C246,232 232,236 228,222 C240,190 236,150 206,138 Z" fill="${c}"/>`;
    case 'curly':
      return [0, 1, 2, 3, 4, 5, 6, 7, 8]
        .map((i) => {
          const a = Math.PI * (0.95 + (i / 8) * 1.1);
          return `<circle cx="${(CX + Math.cos(a) * 64).toFixed(1)}" cy="${(FACE_CY - 8 + Math.sin(a) * 66).toFixed(1)}" r="24" fill="${c}"/>`;
        })
        .join('');
    default:
      return '';
  }
}

function hairFront(s: AvatarSpec): string {
  const c = s.hairColor;
  switch (s.hair) {
    case 'short':
      return `<path d="M101,160 C96,104 124,86 162,86 C200,86 226,106 219,160 C214,134 204,122 192,116 C172,126 138,126 118,116 C110,126 104,142 101,160 Z" fill="${c}"/>`;
    case 'side':
      return `<path d="M101,162 C94,104 126,84 164,86 C204,88 228,112 219,162 C212,132 200,118 186,112 C160,128 128,122 112,124 C106,136 103,148 101,162 Z" fill="${c}"/><path d="M136,102 C156,110 180,110 204,114" stroke="${shade(c, 0.12)}" stroke-width="4" fill="none" stroke-linecap="round"/>`;
    case 'spiky':
      return `<path d="M100,160 C96,120 104,100 114,92 L118,74 L134,88 L146,66 L158,86 L174,64 L182,88 L200,72 L202,94 C218,104 224,128 220,160 C212,136 200,124 188,120 C164,128 136,128 116,120 C108,132 103,146 100,160 Z" fill="${c}"/>`;
    case 'bob':
      return `<path d="M98,150 C98,104 126,88 160,88 C196,88 222,104 222,150 C206,132 190,118 164,114 C150,126 124,138 98,150 Z" fill="${c}"/>`;
    case 'long':
      return `<path d="M98,156 C96,104 126,88 160,88 C196,88 224,104 222,156 C210,128 186,112 160,110 C134,112 110,128 98,156 Z" fill="${c}"/>`;
    case 'bun':
    case 'ponytail':
      return `<path d="M99,158 C96,106 126,88 160,88 C196,88 224,106 221,158 C214,130 196,114 160,112 C126,114 106,130 99,158 Z" fill="${c}"/>`;
    case 'bald':
      return `<path d="M100,172 C98,150 102,136 110,128 C114,142 112,160 112,176 Z" fill="${c}"/><path d="M220,172 C222,150 218,136 210,128 C206,142 208,160 208,176 Z" fill="${c}"/>`;
    case 'curly':
      return [0, 1, 2, 3, 4, 5]
        .map((i) => `<circle cx="${112 + i * 19.2}" cy="${104 + Math.abs(2.5 - i) * 6}" r="17" fill="${c}"/>`)
        .join('');
    case 'cap': {
      const cap = s.capColor ?? '#4F7A3A';
      return `<path d="M106,142 C104,152 103,162 102,170 L110,168 C110,158 112,150 116,142 Z" fill="${c}"/><path d="M101,140 C98,96 126,78 160,78 C194,78 222,96 219,140 Z" fill="${cap}"/><path d="M150,138 C180,128 228,128 254,140 C238,150 196,150 150,150 Z" fill="${shade(cap, -0.12)}"/><path d="M160,80 L160,138" stroke="${shade(cap, 0.1)}" stroke-width="3"/><circle cx="${CX}" cy="82" r="6" fill="${shade(cap, -0.15)}"/>`;
    }
  }
}

function eyes(s: AvatarSpec): string {
  const dark = '#2b211c';
  const brows = s.hair === 'cap' ? '' : `<path d="M128,144 Q140,137 151,143" stroke="${shade(s.hairColor, -0.05)}" stroke-width="4.5" fill="none" stroke-linecap="round"/><path d="M169,143 Q180,137 192,144" stroke="${shade(s.hairColor, -0.05)}" stroke-width="4.5" fill="none" stroke-linecap="round"/>`;
  if (s.eyes === 'happy') {
    return `${brows}<path d="M130,166 Q140,156 150,166" stroke="${dark}" stroke-width="5" fill="none" stroke-linecap="round"/><path d="M170,166 Q180,156 190,166" stroke="${dark}" stroke-width="5" fill="none" stroke-linecap="round"/>`;
  }
  return `${brows}<ellipse cx="140" cy="164" rx="7" ry="8.5" fill="${dark}"/><ellipse cx="180" cy="164" rx="7" ry="8.5" fill="${dark}"/><circle cx="142.5" cy="161" r="2.4" fill="#fff"/><circle cx="182.5" cy="161" r="2.4" fill="#fff"/>`;
}

function mouth(s: AvatarSpec): string {
  switch (s.smile) {
    case 'open':
      return `<path d="M145,192 Q160,212 175,192 Z" fill="#8c3b32"/><path d="M150,200 Q160,207 170,200 Q160,212 150,200 Z" fill="#e98a7c"/>`;
    case 'grin':
      return `<path d="M141,190 Q160,210 179,190 Q160,200 141,190 Z" fill="#fff" stroke="#8c3b32" stroke-width="3.5" stroke-linejoin="round"/>`;
    default:
      return `<path d="M147,192 Q160,203 173,192" stroke="#8c3b32" stroke-width="4.5" fill="none" stroke-linecap="round"/>`;
  }
}

function extras(s: AvatarSpec): string {
  const out: string[] = [];
  if (s.beard) {
    out.push(`<path d="M112,182 C116,222 140,234 160,234 C180,234 204,222 208,182 C200,200 186,206 176,204 C168,196 152,196 144,204 C134,206 120,200 112,182 Z" fill="${s.hairColor}" opacity="0.95"/>`);
    out.push(`<path d="M149,196 Q160,202 171,196" stroke="#8c3b32" stroke-width="4" fill="none" stroke-linecap="round"/>`);
  }
  if (s.glasses) {
    out.push(
      `<g fill="none" stroke="#3a2f2a" stroke-width="4"><rect x="120" y="150" width="38" height="30" rx="12"/><rect x="162" y="150" width="38" height="30" rx="12"/><path d="M158,162 Q160,158 162,162"/><path d="M120,160 L104,156"/><path d="M200,160 L216,156"/></g><rect x="120" y="150" width="38" height="30" rx="12" fill="#fff" opacity="0.12"/><rect x="162" y="150" width="38" height="30" rx="12" fill="#fff" opacity="0.12"/>`,
    );
  }
  if (s.headband) out.push(`<path d="M100,134 C116,104 204,104 220,134 L216,122 C200,98 120,98 104,122 Z" fill="${s.headband}"/>`);
  return out.join('');
}

function body(s: AvatarSpec): string {
  const neck = shade(s.skin, -0.07);
  const parts = [
    `<rect x="140" y="210" width="40" height="42" rx="12" fill="${neck}"/>`,
    `<path d="M52,330 C52,270 92,240 140,236 L180,236 C228,240 268,270 268,330 Z" fill="${s.shirt}"/>`,
    `<path d="M138,236 L160,262 L182,236 Z" fill="${neck}"/>`,
    `<path d="M130,238 L160,272 L146,236 Z M190,238 L160,272 L174,236 Z" fill="${s.shirtDetail}"/>`,
  ];
  if (s.apron) {
    parts.push(
      `<path d="M112,262 L124,246 L136,262 L136,330 L184,330 L184,262 L196,246 L208,262 L212,330 L108,330 Z" fill="${s.apron}"/><rect x="146" y="282" width="28" height="20" rx="4" fill="#fff" opacity="0.85"/><path d="M154,292 l4,4 8,-8" stroke="${s.apron}" stroke-width="3" fill="none"/>`,
    );
  }
  return parts.join('');
}

/** An SVG (320×320) of a friendly illustrated face in the spirit of a store-owner avatar. */
export function avatarSvg(s: AvatarSpec): string {
  const ear = `<circle cx="102" cy="170" r="13" fill="${s.skin}"/><circle cx="218" cy="170" r="13" fill="${s.skin}"/><circle cx="102" cy="170" r="6" fill="${shade(s.skin, -0.08)}"/><circle cx="218" cy="170" r="6" fill="${shade(s.skin, -0.08)}"/>`;
  const earring = s.earrings ? `<circle cx="101" cy="188" r="5" fill="${s.earrings}"/><circle cx="219" cy="188" r="5" fill="${s.earrings}"/>` : '';
  return `<svg xmlns="http://www.w3.org/2000/svg" width="320" height="320" viewBox="0 0 320 320">
<defs><radialGradient id="bg" cx="50%" cy="38%" r="70%"><stop offset="0" stop-color="${s.bg2}"/><stop offset="1" stop-color="${s.bg}"/></radialGradient></defs>
<rect width="320" height="320" fill="url(#bg)"/>
<circle cx="262" cy="62" r="34" fill="#fff" opacity="0.18"/><circle cx="52" cy="250" r="22" fill="#fff" opacity="0.14"/>
${hairBack(s)}
${body(s)}
${ear}${earring}
<ellipse cx="${CX}" cy="${FACE_CY}" rx="58" ry="66" fill="${s.skin}"/>
<ellipse cx="130" cy="186" rx="11" ry="7" fill="#f28b82" opacity="0.45"/><ellipse cx="190" cy="186" rx="11" ry="7" fill="#f28b82" opacity="0.45"/>
<path d="M157,172 Q160,182 164,176" stroke="${shade(s.skin, -0.18)}" stroke-width="3" fill="none" stroke-linecap="round"/>
${hairFront(s)}
${eyes(s)}
${s.beard ? '' : mouth(s)}
${extras(s)}
</svg>`;
}
