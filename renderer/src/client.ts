import type { MethodInput, MethodName, MethodOutput } from '@contract';

/** The error shape of the contract as it reaches the UI. */
export class StudioError extends Error {
  constructor(
    readonly code: string,
    message: string,
    readonly field?: string,
    /** The message's code in the core's catalog and its parameters (shown in the user's language). */
    readonly messageCode?: string,
    readonly params?: Record<string, string | number>,
  ) {
    super(message);
  }
}

/** The contract's error as it arrives (HTTP body or IPC reply). */
type WireError = { code: string; message: string; field?: string; messageCode?: string; params?: Record<string, string | number> };

/** A wire error as a StudioError of the UI. */
function fromWire(e: WireError | undefined, status: number): StudioError {
  return new StudioError(e?.code ?? 'internal', e?.message ?? `HTTP ${status}`, e?.field, e?.messageCode, e?.params);
}

/** What the preload exposes inside Electron (window.studio). */
export interface StudioBridge {
  call(method: string, input: unknown, userKey?: string): Promise<{ result?: unknown; error?: WireError }>;
}

declare global {
  interface Window {
    studio?: StudioBridge;
  }
}

function tokenFromLocation(): string {
  const fromHash = new URLSearchParams(window.location.hash.replace(/^#/, '')).get('token');
  if (fromHash) {
    sessionStorage.setItem('shequn-token', fromHash);
    history.replaceState(null, '', window.location.pathname + window.location.search);
    return fromHash;
  }
  return sessionStorage.getItem('shequn-token') ?? '';
}

// Read (and removed from the address) as soon as the UI loads, before anything reads the fragment as a route.
let token: string | undefined = window.studio ? undefined : tokenFromLocation();
// The personal key of the user the identity switch acts as (calls naming them with `as` need it).
let userKey: string | undefined;

/** Sets (or clears) the key sent with every call: the key of the user the studio acts as. */
export function setUserKey(key: string | undefined): void {
  userKey = key || undefined;
}

/** Calls a contract method: through window.studio in Electron, over HTTP in web mode. */
export async function api<M extends MethodName>(method: M, input: MethodInput<M>): Promise<MethodOutput<M>> {
  if (window.studio) {
    const res = await window.studio.call(method, input, userKey);
    if (res.error) throw fromWire(res.error, 0);
    return res.result as MethodOutput<M>;
  }
  token ??= tokenFromLocation();
  const res = await fetch(`/api/${method}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json', 'x-shequn-token': token, ...(userKey ? { 'x-shequn-user-key': userKey } : {}) },
    body: JSON.stringify(input ?? {}),
  });
  const body = (await res.json().catch(() => ({}))) as { result?: unknown; error?: WireError };
  if (!res.ok || body.error) throw fromWire(body.error, res.status);
  return body.result as MethodOutput<M>;
}

/**
 * The store list as a CSV file to save: in web mode the server serves it (GET /api/download/stores.csv,
 * with the token in a header, never in the address); in the desktop app its bytes come through the
 * contract. Nothing is written where a caller says: the browser (or Electron) asks where to save.
 */
export async function storesCsv(): Promise<{ name: string; blob: Blob }> {
  if (window.studio) {
    const out = await api('stores.exportCsvData', {});
    const bytes = Uint8Array.from(atob(out.base64), (c) => c.charCodeAt(0));
    return { name: out.name, blob: new Blob([bytes], { type: 'text/csv;charset=utf-8' }) };
  }
  token ??= tokenFromLocation();
  const res = await fetch('/api/download/stores.csv', { headers: { 'x-shequn-token': token } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: WireError };
    throw fromWire(body.error, res.status);
  }
  return { name: 'stores.csv', blob: await res.blob() };
}

/** True in web mode (the UI talks to the studio server over HTTP, so the server can hand out files). */
export const webMode = (): boolean => !window.studio;

/**
 * A store's current pack as a zip, from the server (GET /api/download/pack/<store>, the token in a
 * header, never in the address): web mode has no folder to open, so the pack comes to the browser.
 */
export async function packZip(store: string): Promise<{ name: string; blob: Blob }> {
  token ??= tokenFromLocation();
  const res = await fetch(`/api/download/pack/${encodeURIComponent(store)}`, { headers: { 'x-shequn-token': token } });
  if (!res.ok) {
    const body = (await res.json().catch(() => ({}))) as { error?: WireError };
    throw fromWire(body.error, res.status);
  }
  const disposition = res.headers.get('content-disposition') ?? '';
  const named = /filename\*=UTF-8''([^;]+)/i.exec(disposition)?.[1];
  return { name: named ? decodeURIComponent(named) : `${store}.zip`, blob: await res.blob() };
}
