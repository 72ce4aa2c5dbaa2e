import { chestnut } from './mascot.js';
import { PALETTE } from './palette.js';
import { textSvg } from './text.js';

/** The brand name drawn on the logo and posters. */
export const BRAND_NAME = '拾果山房';

/** The round 拾果山房 badge (600×600, transparent corners): hills, a chestnut sun and the name. */
export async function logoSvg(): Promise<string> {
  const c = PALETTE;
  const name = await textSvg({ x: 60, y: 346, width: 480, height: 120, text: BRAND_NAME, size: 92, weight: 900, color: c.primary, letterSpacing: 6 });
  const latin = await textSvg({ x: 100, y: 458, width: 400, height: 40, text: 'SHIGUO · SHANFANG', size: 24, weight: 700, color: c.secondary, letterSpacing: 6 });
  return `<svg xmlns="http://www.w3.org/2000/svg" width="600" height="600" viewBox="0 0 600 600">
<defs>
  <clipPath id="inner"><circle cx="300" cy="300" r="258"/></clipPath>
  <linearGradient id="sky" x1="0" y1="0" x2="0" y2="1"><stop offset="0" stop-color="#fff3dc"/><stop offset="1" stop-color="${c.background}"/></linearGradient>
</defs>
<circle cx="300" cy="300" r="294" fill="${c.primary}"/>
<circle cx="300" cy="300" r="272" fill="none" stroke="${c.accent}" stroke-width="4" stroke-dasharray="2 14" stroke-linecap="round"/>
<circle cx="300" cy="300" r="258" fill="url(#sky)"/>
<g clip-path="url(#inner)">
  <circle cx="300" cy="132" r="66" fill="${c.accent}" opacity="0.28"/>
  ${chestnut(300, 136, 44, 'sun')}
  <path d="M20,330 L160,214 L236,272 L330,196 L440,292 L500,244 L600,330 Z" fill="${c.secondary}"/>
  <path d="M160,214 L184,234 L168,230 L152,244 L140,232 Z M330,196 L356,220 L338,216 L320,230 L306,218 Z" fill="#fff" opacity="0.85"/>
  <path d="M0,330 C120,300 200,350 300,320 C400,290 480,340 600,316 L600,342 L0,342 Z" fill="#6f9a50"/>
</g>
${name}
${latin}
</svg>`;
}
