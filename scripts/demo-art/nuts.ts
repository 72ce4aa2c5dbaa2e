/** Small vector nuts and fruit used by the product illustrations. Each returns an SVG fragment. */

let seq = 0;
const uid = (p: string) => `${p}${++seq}`;

/** An almond, rotated by `rot` degrees. */
export function almond(x: number, y: number, s: number, rot = 0): string {
  const id = uid('alm');
  return `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})">
<defs><radialGradient id="${id}" cx="40%" cy="35%" r="70%"><stop offset="0" stop-color="#d1925a"/><stop offset="1" stop-color="#8e5228"/></radialGradient></defs>
<path d="M0,-40 C22,-24 26,10 14,30 C8,40 -8,40 -14,30 C-26,10 -22,-24 0,-40 Z" fill="url(#${id})"/>
<path d="M-4,-26 C-8,-6 -8,14 -4,28 M6,-22 C8,-2 8,14 4,26" stroke="#7a421d" stroke-width="1.6" fill="none" opacity="0.5"/>
</g>`;
}

/** A walnut half-shell seen from above. */
export function walnut(x: number, y: number, s: number, rot = 0): string {
  const id = uid('wal');
  return `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})">
<defs><radialGradient id="${id}" cx="40%" cy="35%" r="70%"><stop offset="0" stop-color="#e2b47c"/><stop offset="1" stop-color="#a86f3c"/></radialGradient></defs>
<path d="M0,-40 C24,-40 40,-22 40,2 C40,26 22,42 0,42 C-22,42 -40,26 -40,2 C-40,-22 -24,-40 0,-40 Z" fill="url(#${id})"/>
<path d="M0,-38 C-4,-18 4,-4 0,10 C-4,24 2,34 0,42" stroke="#8a5428" stroke-width="3" fill="none"/>
<path d="M-28,-18 C-18,-12 -22,0 -12,4 M-30,14 C-20,10 -16,22 -8,20 M26,-20 C16,-12 22,-2 12,4 M30,12 C20,10 16,22 8,22" stroke="#8a5428" stroke-width="2.4" fill="none" stroke-linecap="round" opacity="0.7"/>
</g>`;
}

/** A cashew. */
export function cashew(x: number, y: number, s: number, rot = 0): string {
  return `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})">
<path d="M-30,-24 C-44,4 -24,38 8,36 C30,34 40,16 34,6 C28,-2 18,4 10,10 C0,16 -12,6 -10,-10 C-8,-24 -22,-34 -30,-24 Z" fill="#f3d6a4" stroke="#d9b173" stroke-width="2"/>
<path d="M-22,-16 C-28,4 -14,24 6,26" stroke="#fff" stroke-width="3" fill="none" opacity="0.5" stroke-linecap="round"/>
</g>`;
}

/** A pistachio in its open shell. */
export function pistachio(x: number, y: number, s: number, rot = 0): string {
  return `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})">
<ellipse cx="0" cy="0" rx="22" ry="32" fill="#eadbb8" stroke="#cbb68a" stroke-width="2"/>
<path d="M-8,-26 C-16,-6 -14,16 -6,28 C4,20 8,-12 -8,-26 Z" fill="#8fb04a"/>
<path d="M-8,-26 C2,-14 10,6 -6,28" stroke="#6a8a30" stroke-width="2" fill="none"/>
</g>`;
}

/** A dried cranberry or raisin. */
export function berry(x: number, y: number, r: number, color = '#b3283a'): string {
  return `<circle cx="${x}" cy="${y}" r="${r}" fill="${color}"/><circle cx="${x - r * 0.35}" cy="${y - r * 0.35}" r="${r * 0.3}" fill="#fff" opacity="0.35"/>`;
}

/** A blueberry with its little crown. */
export function blueberry(x: number, y: number, r: number): string {
  return `<circle cx="${x}" cy="${y}" r="${r}" fill="#3f4f9e"/><circle cx="${x - r * 0.35}" cy="${y - r * 0.4}" r="${r * 0.28}" fill="#fff" opacity="0.3"/><path d="M${x - r * 0.25},${y - r * 0.15} l${r * 0.25},${r * 0.2} l${r * 0.25},-${r * 0.2}" stroke="#222a5c" stroke-width="${r * 0.16}" fill="none"/>`;
}

/** A strawberry slice. */
export function strawberrySlice(x: number, y: number, s: number, rot = 0): string {
  return `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})">
<path d="M0,-30 C22,-30 30,-10 24,8 C18,26 6,36 0,38 C-6,36 -18,26 -24,8 C-30,-10 -22,-30 0,-30 Z" fill="#e53950"/>
<path d="M0,-22 C14,-22 18,-8 14,6 C10,18 4,26 0,28 C-4,26 -10,18 -14,6 C-18,-8 -14,-22 0,-22 Z" fill="#ff8a96"/>
<circle cx="-6" cy="-6" r="1.6" fill="#fff3c4"/><circle cx="7" cy="-2" r="1.6" fill="#fff3c4"/><circle cx="0" cy="12" r="1.6" fill="#fff3c4"/>
</g>`;
}

/** A mint leaf. */
export function leaf(x: number, y: number, s: number, rot = 0, color = '#4f9a3a'): string {
  return `<g transform="translate(${x} ${y}) rotate(${rot}) scale(${s})"><path d="M0,0 C10,-24 40,-30 56,-18 C44,6 14,10 0,0 Z" fill="${color}"/><path d="M4,-2 C20,-10 36,-14 50,-16" stroke="#fff" stroke-width="2" fill="none" opacity="0.5"/></g>`;
}
