import { QUIET_MODULES, qrMatrix } from './qr.js';

/** A QR code of a link as SVG (one path of unit squares, quiet zone included), for printed sheets. */
export function qrSvg(link: string, quiet = QUIET_MODULES): string {
  const m = qrMatrix(link);
  const n = m.size + 2 * quiet;
  let d = '';
  for (let y = 0; y < m.size; y++) {
    for (let x = 0; x < m.size; x++) if (m.data[y * m.size + x] === 1) d += `M${x + quiet} ${y + quiet}h1v1h-1z`;
  }
  return `<svg xmlns="http://www.w3.org/2000/svg" viewBox="0 0 ${n} ${n}" shape-rendering="crispEdges"><rect width="${n}" height="${n}" fill="#fff"/><path fill="#000" d="${d}"/></svg>`;
}
