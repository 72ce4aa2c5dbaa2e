/**
 * Encoder processes that die with the studio. Each ffmpeg runs in its own process group (so it and
 * anything it starts are killed together) and, on Linux, under `setpriv --pdeathsig KILL` (util-linux:
 * the kernel kills it the moment its parent dies, even by kill -9; no native addon needed). The group
 * is killed on every exit path: done, failed, cancelled, and when this process exits. Encoders left
 * by a process that died anyway (another OS, a missing setpriv) carry their owner's pid in their
 * environment and are swept at the next start.
 */
import { execFile, spawn, type ChildProcess } from 'node:child_process';
import { readdir, readFile } from 'node:fs/promises';
import { processAlive } from '../workspace/lock.js';

/** The environment variable an encoder carries: the pid of the process that started it. */
export const OWNER_ENV = 'SHEQUN_ENCODER_OWNER';

/**
 * Optional: the sweep scope of the encoders this process starts (inherited from its environment,
 * default none). A sweep only kills encoders of its own scope, so separate installations on one
 * machine (or a test run beside other studios) never sweep each other's leftovers.
 */
export const SCOPE_ENV = 'SHEQUN_ENCODER_SCOPE';

/** The command an encoder is started through (`setpriv --pdeathsig KILL --` on Linux), or none. */
export type Launcher = readonly string[];

/**
 * The launcher this machine offers: `setpriv --pdeathsig KILL --` when it runs here (Linux with
 * util-linux), else none (the process group and the exit handler still apply).
 */
export function findLauncher(timeoutMs = 5000): Promise<Launcher> {
  if (process.platform !== 'linux') return Promise.resolve([]);
  const launcher = ['setpriv', '--pdeathsig', 'KILL', '--'];
  return new Promise((resolve) => {
    execFile(launcher[0]!, [...launcher.slice(1), 'true'], { timeout: timeoutMs }, (err) => resolve(err ? [] : launcher));
  });
}

/** Kills the process group of `child` (and the child itself where groups do not exist). */
export function killGroup(child: ChildProcess, signal: NodeJS.Signals = 'SIGKILL'): void {
  if (child.pid === undefined) return;
  try {
    if (process.platform !== 'win32') process.kill(-child.pid, signal);
    else child.kill(signal);
  } catch {
    // already gone
  }
}

/**
 * Starts `bin args` as an encoder: in its own process group, through the launcher, stdin closed,
 * stderr piped (progress and errors), owned by this process in its environment. The group is killed
 * when this process exits before the encoder does.
 */
export function spawnEncoder(bin: string, args: readonly string[], launcher: Launcher = []): ChildProcess {
  const [cmd, ...pre] = launcher.length ? [...launcher, bin] : [bin];
  const child = spawn(cmd!, [...pre, ...args], {
    detached: process.platform !== 'win32',
    stdio: ['ignore', 'ignore', 'pipe'],
    windowsHide: true,
    env: { ...process.env, [OWNER_ENV]: String(process.pid) },
  });
  const onExit = () => killGroup(child);
  process.on('exit', onExit);
  child.once('exit', () => {
    process.off('exit', onExit);
    // Anything the encoder started in its group goes with it.
    killGroup(child);
  });
  child.once('error', () => process.off('exit', onExit));
  return child;
}

/**
 * Kills the groups of encoders whose owner is gone (Linux /proc; elsewhere nothing to read):
 * what a studio killed before it could clean up leaves behind. Only encoders of `scope` (see
 * SCOPE_ENV; default: this process's own) are touched. Returns the pids killed.
 */
export async function sweepStaleEncoders(scope = process.env[SCOPE_ENV] ?? ''): Promise<number[]> {
  if (process.platform !== 'linux') return [];
  const killed: number[] = [];
  const scopeOf = new RegExp(`(?:^|\\0)${SCOPE_ENV}=([^\\0]*)(?:\\0|$)`);
  const names = await readdir('/proc').catch(() => [] as string[]);
  for (const name of names) {
    if (!/^\d+$/.test(name)) continue;
    const pid = Number(name);
    const environ = await readFile(`/proc/${pid}/environ`, 'latin1').catch(() => '');
    const owner = new RegExp(`(?:^|\\0)${OWNER_ENV}=(\\d+)(?:\\0|$)`).exec(environ);
    if (!owner || Number(owner[1]) === process.pid || processAlive(Number(owner[1]))) continue;
    if ((scopeOf.exec(environ)?.[1] ?? '') !== scope) continue;
    try {
      process.kill(-pid, 'SIGKILL');
    } catch {
      try {
        process.kill(pid, 'SIGKILL');
      } catch {
        continue;
      }
    }
    killed.push(pid);
  }
  return killed;
}
