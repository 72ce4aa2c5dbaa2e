import { networkInterfaces } from 'node:os';

/** Host header values the server answers to: loopback names, plus the machine's LAN addresses when sharing is on. */
export function allowedHosts(port: number, bindHost: string, lan: boolean): Set<string> {
  const names = new Set(['127.0.0.1', 'localhost', '[::1]']);
  if (bindHost !== '0.0.0.0' && bindHost !== '::') names.add(bindHost);
  if (lan) {
    for (const list of Object.values(networkInterfaces())) {
      for (const addr of list ?? []) names.add(addr.family === 'IPv6' ? `[${addr.address}]` : addr.address);
    }
  }
  const out = new Set<string>();
  for (const n of names) out.add(`${n}:${port}`.toLowerCase());
  return out;
}

/** True when the request's Host header names this server (defends against DNS rebinding). */
export function hostAllowed(host: string | undefined, allowed: Set<string>): boolean {
  return !!host && allowed.has(host.toLowerCase());
}
