import { StudioError, type PublishTarget } from '../model/index.js';
import { formatStorageAddress, parseEndpoint, parseStorageAddress, type StorageAddress } from '../storage/address.js';
import { S3Store, type S3Credentials } from '../storage/s3.js';

/** A publish target checked and completed: where objects go and where their pages are read. */
export interface ResolvedTarget {
  /** The settings as given (what publish.json keeps). */
  settings: PublishTarget;
  address: StorageAddress;
  /** `s3://bucket/prefix`, for messages. */
  label: string;
  /** The address pages are read from, without a trailing slash. */
  publicBase: string;
  /** The collector's origin + `/a/` (beacons go to `<collector>/a/<token>`), when one is set. */
  collector?: string;
}

const encodePath = (path: string) => path.split('/').map(encodeURIComponent).join('/');

/** Parses an http(s) base URL (no credentials, query or fragment) and drops its trailing slash; bad_input naming `field`. */
function baseUrl(text: string, field: string, what: string): string {
  let url: URL;
  try {
    url = new URL(text);
  } catch {
    throw new StudioError('bad_input', `${what}应为 http(s) 地址 / ${field} must be an http(s) URL, got "${text}"`, field);
  }
  if (!/^https?:$/.test(url.protocol) || url.username || url.password || url.search || url.hash) {
    throw new StudioError('bad_input', `${what}应为不带账号、参数的 http(s) 地址 / ${field} must be a plain http(s) URL (no credentials, query or fragment), got "${text}"`, field);
  }
  return url.origin + url.pathname.replace(/\/+$/, '');
}

/**
 * The path-style address of the bucket and prefix at the endpoint (`<endpoint>/<bucket>/<prefix>`),
 * or at AWS for the region when there is no endpoint.
 */
export function defaultPublicBase(address: StorageAddress, endpoint: string | undefined, region: string | undefined): string {
  const origin = endpoint ? parseEndpoint(endpoint) : `https://s3.${region || 'us-east-1'}.amazonaws.com`;
  return `${origin}/${encodeURIComponent(address.bucket)}${address.prefix ? `/${encodePath(address.prefix)}` : ''}`;
}

/** Checks a target's settings (each error names its field: to, endpoint, publicBase, collector) and completes them. */
export function resolveTarget(settings: PublishTarget, env: NodeJS.ProcessEnv = process.env): ResolvedTarget {
  const address = parseStorageAddress(settings.to, 'to');
  if (settings.endpoint) parseEndpoint(settings.endpoint, 'endpoint');
  const region = settings.region || env.AWS_REGION || env.AWS_DEFAULT_REGION;
  const publicBase = settings.publicBase ? baseUrl(settings.publicBase, 'publicBase', '公开访问地址') : defaultPublicBase(address, settings.endpoint, region);
  const collector = settings.collector ? baseUrl(settings.collector, 'collector', '回传地址') : undefined;
  return { settings, address, label: formatStorageAddress(address), publicBase, ...(collector ? { collector } : {}) };
}

/** The published page of a store token: `<public base>/p/<token>/index.html`. */
export function pageUrl(target: Pick<ResolvedTarget, 'publicBase'>, token: string): string {
  return `${target.publicBase}/p/${token}/index.html`;
}

/** Where a published page of `token` sends its beacon, or undefined without a collector. */
export function beaconUrl(target: Pick<ResolvedTarget, 'collector'>, token: string): string | undefined {
  return target.collector ? `${target.collector}/a/${token}` : undefined;
}

/** Opens the target's bucket. The key comes from `credentials` (the OS keychain) or else the environment / AWS_PROFILE. */
export function openTarget(target: ResolvedTarget, opts: { credentials?: S3Credentials; env?: NodeJS.ProcessEnv } = {}): S3Store {
  const s = target.settings;
  return new S3Store({
    address: target.label,
    ...(s.endpoint ? { endpoint: s.endpoint } : {}),
    ...(s.region ? { region: s.region } : {}),
    pathStyle: !!s.pathStyle,
    ...(opts.credentials ? { credentials: opts.credentials } : {}),
    ...(opts.env ? { env: opts.env } : {}),
  });
}
