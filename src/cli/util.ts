import { readFile } from 'node:fs/promises';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { StudioError } from '../model/index.js';
import { dispatch } from '../api/dispatcher.js';
import type { MethodName, MethodOutput, MethodInput } from '../api/contract.js';
import type { CallContext } from '../api/context.js';
import { createServices, type Session } from '../api/services.js';
import { openWorkspace } from '../workspace/index.js';
import type { Workspace } from '../workspace/types.js';

/** A usage error: printed as one line on stderr, exit code 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'UsageError';
  }
}

type Options = NonNullable<ParseArgsConfig['options']>;

/** Parses flags strictly; unknown flags are a UsageError naming them. */
export function parseFlags<O extends Options>(argv: string[], options: O, allowPositionals = true) {
  try {
    return parseArgs({ args: argv, options, allowPositionals, strict: true });
  } catch (err) {
    throw new UsageError((err as Error).message.split('\n')[0]!);
  }
}

/** The flags that pick variants: the workspace, a post, and optionally one group type and one store. */
export const VARIANT_FLAGS = {
  workspace: { type: 'string', short: 'w' },
  post: { type: 'string' },
  group: { type: 'string' },
  store: { type: 'string' },
} as const;

/** The flags of every command that acts as a user: --as USER, and that user's key from --key-file FILE (else $SHEQUN_KEY). */
export const ACTOR_FLAGS = {
  as: { type: 'string' },
  'key-file': { type: 'string' },
} as const;

/**
 * The key of the user named with --as, for the call's context: the first line of --key-file FILE,
 * else the SHEQUN_KEY environment variable (never a flag value: it would show in the process list).
 */
export async function actorKey(values: { as?: string; 'key-file'?: string }): Promise<Pick<CallContext, 'userKey'>> {
  const file = values['key-file'];
  if (file !== undefined) {
    if (values.as === undefined) throw new UsageError('--key-file goes with --as USER (the key is that user\'s)');
    let text: string;
    try {
      text = await readFile(file, 'utf8');
    } catch (err) {
      throw new UsageError(`cannot read --key-file ${file}: ${(err as NodeJS.ErrnoException).code ?? (err as Error).message}`);
    }
    const key = text.split(/\r?\n/)[0]!.trim();
    if (!key) throw new UsageError(`--key-file ${file} is empty: put the user's key on its first line`);
    return { userKey: key };
  }
  const env = process.env.SHEQUN_KEY?.trim();
  return values.as !== undefined && env ? { userKey: env } : {};
}

/** The value of a required string flag, or a UsageError naming it. */
export function required(value: string | undefined, flag: string): string {
  if (!value) throw new UsageError(`missing ${flag}`);
  return value;
}

/** Opens the workspace given by -w with its services, runs fn, and always closes both (releasing the lock). */
export async function withWorkspace<T>(dir: string | undefined, fn: (studio: Session) => Promise<T>, opts: { readOnly?: boolean } = {}): Promise<T> {
  const ws = await openWorkspace(required(dir, '-w DIR (the workspace folder)'), opts);
  for (const notice of ws.notices) process.stderr.write(`notice: ${notice}\n`);
  const services = createServices(ws);
  try {
    return await fn({ ws, services });
  } finally {
    await services.close();
    await ws.close();
  }
}

/** Calls a contract method the way every shell does: through the dispatcher. */
export function call<M extends MethodName>(studio: Session, method: M, input: MethodInput<M>, extra: Partial<CallContext> = {}): Promise<MethodOutput<M>> {
  return dispatch(method, input, { ...studio, user: { id: 'cli', role: 'editor' }, ...extra });
}

/** Prints a value as JSON (one document) on stdout. */
export function printJson(value: unknown): void {
  process.stdout.write(JSON.stringify(value, null, 2) + '\n');
}

/** Turns an error into the CLI's exit code and one line on stderr. */
export function reportError(err: unknown): number {
  if (err instanceof UsageError) {
    process.stderr.write(`shequn: ${err.message}\n`);
    return 2;
  }
  if (err instanceof StudioError) {
    const line = err.message.split('\n')[0];
    process.stderr.write(`shequn: ${line}${err.field && !line!.includes(err.field) ? ` (field: ${err.field})` : ''}\n`);
    return err.code === 'check_failed' ? 1 : err.code === 'internal' ? 3 : 2;
  }
  const e = err as Error;
  process.stderr.write(`shequn: ${e?.message?.split('\n')[0] ?? String(err)}\n`);
  if (process.env.SHEQUN_DEBUG) process.stderr.write(`${e?.stack}\n`);
  return 3;
}
