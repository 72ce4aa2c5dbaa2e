import { execFile } from 'node:child_process';
import { accessSync, chmodSync, constants, statSync } from 'node:fs';
import { createRequire } from 'node:module';
import { StudioError } from '../model/index.js';
import { findLauncher, type Launcher } from './encoder-process.js';

const require = createRequire(import.meta.url);

/** Which binary, where it came from, and the env var that overrides it. */
export interface BinaryInfo {
  tool: 'ffmpeg' | 'ffprobe';
  path: string;
  source: 'env' | 'package';
  envVar: 'SHEQUN_FFMPEG' | 'SHEQUN_FFPROBE';
}

/** The two binaries a video job needs, checked to run. */
export interface Binaries {
  ffmpeg: string;
  ffprobe: string;
  /** First line of `ffmpeg -version`. */
  ffmpegVersion: string;
  ffprobeVersion: string;
  /** What encoders are started through so they die with the studio (`setpriv --pdeathsig KILL --` on Linux), if anything. */
  launcher?: Launcher;
}

const PACKAGES = { ffmpeg: '@ffmpeg-installer/ffmpeg', ffprobe: '@ffprobe-installer/ffprobe' } as const;
const ENV_VARS = { ffmpeg: 'SHEQUN_FFMPEG', ffprobe: 'SHEQUN_FFPROBE' } as const;

function howToFix(tool: 'ffmpeg' | 'ffprobe'): string {
  return `set ${ENV_VARS[tool]} to the path of a working ${tool} binary`;
}

/** Resolves where a binary is: the env override, else the npm package that ships it (no check that it runs). */
export function resolveBinary(tool: 'ffmpeg' | 'ffprobe', env: NodeJS.ProcessEnv = process.env): BinaryInfo {
  const envVar = ENV_VARS[tool];
  const fromEnv = env[envVar]?.trim();
  if (fromEnv) return { tool, path: fromEnv, source: 'env', envVar };
  let path: string;
  try {
    // Both packages throw a string or Error when their platform binary is missing.
    path = (require(PACKAGES[tool]) as { path: string }).path;
  } catch (err) {
    const why = err instanceof Error ? err.message : String(err);
    throw new StudioError('internal', `${tool} not found: ${PACKAGES[tool]} has no binary for this platform (${why}); ${howToFix(tool)}`);
  }
  return { tool, path, source: 'package', envVar };
}

/**
 * Makes a packaged binary executable when npm's ignore-scripts skipped its postinstall chmod.
 * Env-var paths are never changed: the user owns them.
 */
export function ensureExecutable(info: BinaryInfo): void {
  const where = `${info.tool} at ${info.path}${info.source === 'env' ? ` (from ${info.envVar})` : ''}`;
  try {
    if (!statSync(info.path).isFile()) throw new StudioError('internal', `${where} is not a file; ${howToFix(info.tool)}`);
  } catch (err) {
    if (err instanceof StudioError) throw err;
    throw new StudioError('internal', `${where} does not exist; ${howToFix(info.tool)}`);
  }
  try {
    accessSync(info.path, constants.X_OK);
    return;
  } catch {
    /* not executable: fix it below when it is ours */
  }
  if (info.source === 'package') {
    try {
      chmodSync(info.path, statSync(info.path).mode | 0o100);
      accessSync(info.path, constants.X_OK);
      return;
    } catch {
      /* read-only install */
    }
  }
  throw new StudioError('internal', `${where} is not executable (installed with ignore-scripts?); run "chmod u+x ${info.path}" or ${howToFix(info.tool)}`);
}

function firstVersionLine(info: BinaryInfo, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    execFile(info.path, ['-hide_banner', '-version'], { timeout: timeoutMs, windowsHide: true }, (err, stdout) => {
      const line = String(stdout).split('\n')[0]?.trim() ?? '';
      if (err || !line.startsWith(`${info.tool} version`)) {
        const why = err ? err.message.split('\n')[0] : `unexpected output "${line.slice(0, 80)}"`;
        reject(new StudioError('internal', `${info.tool} at ${info.path}${info.source === 'env' ? ` (from ${info.envVar})` : ''} does not run (${why}); ${howToFix(info.tool)}`));
      } else resolve(line);
    });
  });
}

/**
 * Resolves ffmpeg and ffprobe and runs `-version` on both: call it at the START of a job so a
 * missing or broken binary is one clear error before any work, naming the path and the env var.
 */
export async function checkBinaries(env: NodeJS.ProcessEnv = process.env, timeoutMs = 15_000): Promise<Binaries> {
  const ffmpeg = resolveBinary('ffmpeg', env);
  const ffprobe = resolveBinary('ffprobe', env);
  ensureExecutable(ffmpeg);
  ensureExecutable(ffprobe);
  const [ffmpegVersion, ffprobeVersion, launcher] = await Promise.all([firstVersionLine(ffmpeg, timeoutMs), firstVersionLine(ffprobe, timeoutMs), findLauncher(timeoutMs)]);
  return { ffmpeg: ffmpeg.path, ffprobe: ffprobe.path, ffmpegVersion, ffprobeVersion, launcher };
}
