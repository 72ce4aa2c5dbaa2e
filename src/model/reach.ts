/** Who can open an address: this computer only, the same local network, or anyone on the internet. */
export type Reach = 'loopback' | 'private' | 'public';

function ipv4(host: string): number[] | undefined {
  const parts = host.split('.');
  if (parts.length !== 4 || !parts.every((p) => /^\d{1,3}$/.test(p) && Number(p) <= 255)) return undefined;
  return parts.map(Number);
}

/**
 * Who can reach the host of `url`: `loopback` (127.0.0.0/8, ::1, localhost), `private` (RFC 1918
 * 10/8, 172.16/12, 192.168/16; link-local; carrier-grade NAT 100.64/10; IPv6 ULA fc00::/7 and
 * fe80::/10; `.local` and `.lan` names) or `public`. Pure (no lookups): a public name that resolves
 * to a private address is not caught. Browser-safe.
 */
export function addressReach(url: string): Reach {
  let host: string;
  try {
    host = new URL(url).hostname.toLowerCase();
  } catch {
    return 'public';
  }
  host = host.replace(/^\[|\]$/g, '');
  if (host === 'localhost' || host.endsWith('.localhost') || host === '::1' || host === '0.0.0.0') return 'loopback';
  const v4 = ipv4(host) ?? (host.startsWith('::ffff:') ? ipv4(host.slice(7)) : undefined);
  if (v4) {
    const [a, b] = v4 as [number, number];
    if (a === 127) return 'loopback';
    if (a === 10 || (a === 172 && b >= 16 && b <= 31) || (a === 192 && b === 168) || (a === 169 && b === 254) || (a === 100 && b >= 64 && b <= 127)) return 'private';
    return 'public';
  }
  if (host.includes(':')) return /^f[cd]/.test(host) || /^fe[89ab]/.test(host) ? 'private' : 'public';
  if (!host.includes('.') || host.endsWith('.local') || host.endsWith('.lan') || host.endsWith('.internal') || host.endsWith('.home.arpa')) return 'private';
  return 'public';
}
