import { parseOrThrow } from '../../model/validate.js';
import { isStoreSlot, PosterManifest } from './manifest.js';

/** The three sections of a poster template besides its manifest. */
export interface PosterParts {
  manifest: PosterManifest;
  /** CSS (Handlebars: sees size, L and brand colours). */
  style: string;
  /** The shared layer: everything the same for all stores (background, head, waist, product, brand). */
  base: string;
  /** The store layer, laid out inside the manifest's store rectangle (avatar, names, catchphrase, QR). */
  store: string;
}

/** Raised for a template that cannot be used; the message names the template and what is wrong. */
export class PosterTemplateError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'PosterTemplateError';
  }
}

const OPEN = '{{!-- poster-template';
const MARK = (name: string): string => `{{!-- @${name} --}}`;

/** Joins the parts into the ONE string stored as a template version's source. */
export function composePosterSource(p: PosterParts): string {
  return [
    `${OPEN}\n${JSON.stringify(p.manifest, null, 2)}\n--}}`,
    MARK('style'),
    p.style.trim(),
    MARK('base'),
    p.base.trim(),
    MARK('store'),
    p.store.trim(),
    '',
  ].join('\n');
}

/** Splits a stored source into manifest + sections, validating the manifest and checking for external references. */
export function parsePosterSource(source: string, label: string): PosterParts {
  if (!source.startsWith(OPEN)) throw new PosterTemplateError(`${label}: source must start with "${OPEN}" followed by the manifest JSON`);
  const end = source.indexOf('--}}');
  let json: unknown;
  try {
    json = JSON.parse(source.slice(OPEN.length, end));
  } catch (err) {
    throw new PosterTemplateError(`${label}: the manifest block is not valid JSON (${(err as Error).message})`);
  }
  const manifest = parseOrThrow(PosterManifest, json, `${label} manifest`);
  const rest = source.slice(end + 4);
  const section = (name: string, next?: string): string => {
    const at = rest.indexOf(MARK(name));
    if (at < 0) throw new PosterTemplateError(`${label}: missing section ${MARK(name)}`);
    const from = at + MARK(name).length;
    const to = next ? rest.indexOf(MARK(next)) : rest.length;
    if (to < from) throw new PosterTemplateError(`${label}: sections must come in the order style, base, store`);
    return rest.slice(from, to).trim();
  };
  const parts: PosterParts = { manifest, style: section('style', 'base'), base: section('base', 'store'), store: section('store') };
  checkNoExternalReferences(parts, label);
  checkLayerSlots(parts, label);
  return parts;
}

const FORBIDDEN_TAGS = /<\s*(script|iframe|link|object|embed|foreignObject|use|image|text|style|meta|base|audio|video|source|template)\b/i;
const URL_ATTR = /\s(src|href|xlink:href|srcset|poster|background|action|formaction)\s*=\s*("[^"]*"|'[^']*'|[^\s>]+)/i;
const PROTOCOL = /\b(file|https?|ftp|data|javascript):/i;

/**
 * Refuses anything that would make the renderer (or librsvg) read outside the template:
 * URL attributes, CSS url()/@import, file:/http(s): references, XML entities and XInclude.
 * Images come only from slots (`<img data-slot="product">`), filled by the renderer.
 */
export function checkNoExternalReferences(p: Omit<PosterParts, 'manifest'>, label: string): void {
  for (const [name, text] of Object.entries({ style: p.style, base: p.base, store: p.store })) {
    const where = `${label} (${name})`;
    const attr = URL_ATTR.exec(text);
    if (attr) throw new PosterTemplateError(`${where}: attribute ${attr[1]}=${attr[2]} refers to an external resource; images come only from slots (<img data-slot="product">)`);
    const url = /url\(\s*(?!['"]?#)([^)]*)\)/i.exec(text);
    if (url) throw new PosterTemplateError(`${where}: url(${url[1]}) refers to an external resource; only url(#id) inside inline SVG is allowed`);
    const proto = PROTOCOL.exec(text);
    if (proto) throw new PosterTemplateError(`${where}: "${proto[0]}" reference found; templates may not refer to files or URLs`);
    const entity = /<!ENTITY|<!DOCTYPE|xi:include|@import|@font-face|expression\(/i.exec(text);
    if (entity) throw new PosterTemplateError(`${where}: ${entity[0]} is not allowed in a poster template`);
    const tag = FORBIDDEN_TAGS.exec(text);
    if (tag) throw new PosterTemplateError(`${where}: <${tag[1]}> is not allowed in a poster template`);
    const raw = /\{\{\{|\{\{\s*&/.exec(text);
    if (raw) throw new PosterTemplateError(`${where}: unescaped output ({{{ or {{&) is not allowed`);
  }
}

/** Slots a section uses: text slots through fit.<slot>, image slots through data-slot="<slot>". */
export function slotsUsed(section: string): { text: string[]; images: string[] } {
  const text = new Set<string>();
  const images = new Set<string>();
  for (const m of section.matchAll(/\bfit\.([A-Za-z]+)/g)) text.add(m[1]!);
  for (const m of section.matchAll(/data-slot\s*=\s*["']?([A-Za-z]+)/g)) images.add(m[1]!);
  return { text: [...text], images: [...images] };
}

function checkLayerSlots(p: PosterParts, label: string): void {
  const base = slotsUsed(p.base);
  const store = slotsUsed(p.store);
  const fits = p.manifest.textFit as Record<string, unknown>;
  for (const s of [...base.text, ...store.text]) {
    if (!fits[s]) throw new PosterTemplateError(`${label}: fit.${s} is used but the manifest has no textFit rule for "${s}"`);
  }
  for (const s of [...base.text, ...base.images]) {
    if (isStoreSlot(s)) throw new PosterTemplateError(`${label}: the base layer uses the store slot "${s}"; move it to the store section`);
  }
  if (/\{\{[^}]*\b(store|link)\b/.test(p.base)) throw new PosterTemplateError(`${label}: the base layer refers to store data (store.* or link); move it to the store section`);
  if (!store.images.includes('qr')) throw new PosterTemplateError(`${label}: the store section needs the QR slot (<img data-slot="qr">): every poster carries the store's link`);
  for (const s of [...base.images, ...store.images]) {
    if (!(['product', 'logo', 'brandIp', 'avatar', 'qr'] as string[]).includes(s)) throw new PosterTemplateError(`${label}: unknown image slot "${s}"`);
  }
}
