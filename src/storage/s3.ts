import { DeleteObjectCommand, GetObjectCommand, HeadObjectCommand, ListObjectsV2Command, PutObjectCommand, S3Client, type S3ClientConfig } from '@aws-sdk/client-s3';
import { StudioError } from '../model/index.js';
import { formatStorageAddress, parseEndpoint, parseStorageAddress, type StorageAddress } from './address.js';
import { assertObjectKey, decodeMetadata, encodeMetadata, type ListedObject, type ObjectInfo, type ObjectStore, type PutOptions } from './store.js';

/** How to reach S3-compatible storage. Credentials are never part of it: they come from the environment. */
export interface S3Options {
  /** `s3://BUCKET/PREFIX`. */
  address: string;
  /** An S3-compatible endpoint (MinIO, a loopback test server); default: AWS for the region. */
  endpoint?: string;
  /** Where AWS_ACCESS_KEY_ID, AWS_SECRET_ACCESS_KEY, AWS_SESSION_TOKEN and AWS_REGION are read (default process.env). */
  env?: NodeJS.ProcessEnv;
}

type Sdk = { name?: string; Code?: string; $metadata?: { httpStatusCode?: number }; code?: string; message?: string };

const missing = (err: unknown): boolean => {
  const e = err as Sdk;
  return e?.name === 'NotFound' || e?.name === 'NoSuchKey' || e?.Code === 'NoSuchKey' || e?.$metadata?.httpStatusCode === 404;
};

/**
 * Object storage over the S3 protocol (AWS S3, MinIO, any S3-compatible server), through the AWS
 * SDK. Objects live under `s3://bucket/prefix/<key>`. With an endpoint the path-style URL is used
 * (what MinIO and test servers expect). Credentials come from the environment (or the SDK's usual
 * chain), never from studio.json.
 */
export class S3Store implements ObjectStore {
  readonly where: StorageAddress;
  readonly address: string;
  private readonly client: S3Client;

  constructor(opts: S3Options) {
    this.where = parseStorageAddress(opts.address);
    this.address = formatStorageAddress(this.where);
    const env = opts.env ?? process.env;
    const config: S3ClientConfig = { region: env.AWS_REGION || env.AWS_DEFAULT_REGION || 'us-east-1' };
    if (opts.endpoint) {
      config.endpoint = parseEndpoint(opts.endpoint);
      config.forcePathStyle = true;
    }
    if (env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) {
      config.credentials = { accessKeyId: env.AWS_ACCESS_KEY_ID, secretAccessKey: env.AWS_SECRET_ACCESS_KEY, ...(env.AWS_SESSION_TOKEN ? { sessionToken: env.AWS_SESSION_TOKEN } : {}) };
    }
    this.client = new S3Client(config);
  }

  private full(key: string): string {
    assertObjectKey(key);
    return this.where.prefix ? `${this.where.prefix}/${key}` : key;
  }

  /** SDK errors as StudioErrors that say what to do (credentials, endpoint, bucket). */
  private fail(op: string, key: string, err: unknown): never {
    const e = err as Sdk;
    const what = `${op} ${this.address}/${key}`;
    if (e?.name === 'CredentialsProviderError' || /credential/i.test(e?.message ?? '')) {
      throw new StudioError('bad_input', `${what}: 缺少 S3 凭据 / no S3 credentials: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (and AWS_REGION)`, 'storage');
    }
    if (e?.name === 'NoSuchBucket') throw new StudioError('not_found', `${what}: 存储桶不存在 / the bucket "${this.where.bucket}" does not exist`, 'storage');
    if (e?.name === 'AccessDenied' || e?.name === 'InvalidAccessKeyId' || e?.name === 'SignatureDoesNotMatch') {
      throw new StudioError('forbidden', `${what}: 存储拒绝访问 / the storage refused access (${e.name}): check the credentials`, 'storage');
    }
    if (['ECONNREFUSED', 'ENOTFOUND', 'ETIMEDOUT', 'ECONNRESET', 'EAI_AGAIN'].includes(e?.code ?? '')) {
      throw new StudioError('internal', `${what}: 无法连接存储 / cannot reach the storage endpoint (${e.code})`, 'storage');
    }
    throw new StudioError('internal', `${what}: ${e?.name ?? 'error'}: ${e?.message ?? String(err)}`, 'storage');
  }

  async put(key: string, body: Uint8Array, opts: PutOptions = {}): Promise<void> {
    try {
      await this.client.send(new PutObjectCommand({ Bucket: this.where.bucket, Key: this.full(key), Body: body, ContentLength: body.byteLength, ContentType: opts.contentType ?? 'application/octet-stream', Metadata: encodeMetadata(opts.metadata) }));
    } catch (err) {
      this.fail('put', key, err);
    }
  }

  async get(key: string): Promise<Buffer | undefined> {
    try {
      const r = await this.client.send(new GetObjectCommand({ Bucket: this.where.bucket, Key: this.full(key) }));
      const bytes = await r.Body!.transformToByteArray();
      return Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength);
    } catch (err) {
      if (missing(err)) return undefined;
      this.fail('get', key, err);
    }
  }

  async head(key: string): Promise<ObjectInfo | undefined> {
    try {
      const r = await this.client.send(new HeadObjectCommand({ Bucket: this.where.bucket, Key: this.full(key) }));
      return { key, size: r.ContentLength ?? 0, ...(r.ContentType ? { contentType: r.ContentType } : {}), metadata: decodeMetadata(r.Metadata) };
    } catch (err) {
      if (missing(err)) return undefined;
      this.fail('head', key, err);
    }
  }

  async list(prefix: string): Promise<ListedObject[]> {
    const base = this.where.prefix ? `${this.where.prefix}/` : '';
    const out: ListedObject[] = [];
    let token: string | undefined;
    try {
      do {
        const r = await this.client.send(new ListObjectsV2Command({ Bucket: this.where.bucket, Prefix: base + prefix, ContinuationToken: token }));
        for (const o of r.Contents ?? []) if (o.Key) out.push({ key: o.Key.slice(base.length), size: o.Size ?? 0 });
        token = r.IsTruncated ? r.NextContinuationToken : undefined;
      } while (token);
    } catch (err) {
      this.fail('list', prefix, err);
    }
    return out.sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
  }

  async delete(key: string): Promise<void> {
    try {
      await this.client.send(new DeleteObjectCommand({ Bucket: this.where.bucket, Key: this.full(key) }));
    } catch (err) {
      if (missing(err)) return;
      this.fail('delete', key, err);
    }
  }

  close(): void {
    this.client.destroy();
  }
}
