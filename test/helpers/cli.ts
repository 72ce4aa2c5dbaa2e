import { execFile } from 'node:child_process';
import { join } from 'node:path';
import { promisify } from 'node:util';

const run = promisify(execFile);
const BIN = join(import.meta.dirname, '..', '..', 'bin', 'shequn.mjs');

/** Runs the `shequn` CLI as a child process; resolves with code, stdout and stderr (never rejects). */
export async function shequn(...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  return shequnWith({}, ...args);
}

/** shequn() with extra environment variables (e.g. SHEQUN_KEY, the acting user's key). */
export async function shequnWith(opts: { env?: Record<string, string> }, ...args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  const env = { ...process.env, ...opts.env };
  if (!opts.env?.SHEQUN_KEY) delete env.SHEQUN_KEY;
  try {
    const { stdout, stderr } = await run(process.execPath, [BIN, ...args], { maxBuffer: 64 * 1024 * 1024, env });
    return { code: 0, stdout, stderr };
  } catch (err) {
    const e = err as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}
