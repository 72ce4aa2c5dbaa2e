import { StudioError } from '../model/index.js';
import type { S3Credentials } from '../storage/s3.js';

/**
 * Where the access key of a publish target comes from. Never studio.json, publish.json or a
 * bundle: on the desktop the OS keychain (Electron safeStorage, main/secrets.ts); for the CLI and
 * web mode the environment of the process (AWS_ACCESS_KEY_ID / AWS_SECRET_ACCESS_KEY, or
 * AWS_PROFILE with ~/.aws/credentials).
 */
export interface PublishSecrets {
  readonly source: 'keychain' | 'environment';
  /** The key kept for a target (`endpoint|bucket`), or undefined: then the environment is used. */
  get(target: string): Promise<S3Credentials | undefined>;
  /** Keeps (or with null forgets) the key of a target; the environment source refuses. */
  set(target: string, credentials: S3Credentials | null): Promise<void>;
  /** True when a key is available for the target (kept, or in the environment). */
  has(target: string): Promise<boolean>;
}

/** The name a target's key is kept under: its endpoint (or "aws") and bucket. */
export function secretName(target: { endpoint?: string; to: string }): string {
  const bucket = /^s3:\/\/([^/]+)/.exec(target.to)?.[1] ?? target.to;
  return `${target.endpoint ?? 'aws'}|${bucket}`;
}

/** True when the environment names a key (both halves) or a profile. */
export function environmentHasKey(env: NodeJS.ProcessEnv = process.env): boolean {
  return !!((env.AWS_ACCESS_KEY_ID && env.AWS_SECRET_ACCESS_KEY) || env.AWS_PROFILE);
}

/** The CLI's and web mode's key source: the process environment only; nothing is ever stored. */
export function environmentSecrets(env: NodeJS.ProcessEnv = process.env): PublishSecrets {
  return {
    source: 'environment',
    get: async () => undefined,
    has: async () => environmentHasKey(env),
    set: async () => {
      throw new StudioError(
        'bad_input',
        '这里不保存密钥：请在启动工作室服务的环境变量中设置 AWS_ACCESS_KEY_ID 和 AWS_SECRET_ACCESS_KEY（或 AWS_PROFILE），然后重新启动 / keys are not stored here: set AWS_ACCESS_KEY_ID and AWS_SECRET_ACCESS_KEY (or AWS_PROFILE) in the environment of the studio server and restart it',
        'credentials',
      );
    },
  };
}
