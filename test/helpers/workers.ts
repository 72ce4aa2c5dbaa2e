import { spawn, type ChildProcess } from 'node:child_process';
import { fileURLToPath } from 'node:url';

const BIN = fileURLToPath(new URL('../../bin/shequn.mjs', import.meta.url));

/** A `shequn worker` child process of a test. */
export interface SpawnedWorker {
  child: ChildProcess;
  /** Everything it printed on stderr so far. */
  log(): string;
  /** Resolves when it says it is ready (bounded: 120 s). */
  ready: Promise<void>;
  /** SIGTERM, then waits for it to exit; returns the number of outputs it says it wrote. */
  stop(): Promise<number>;
  /** Asks for its counts now (SIGUSR2) and returns the outputs it says it wrote (bounded: 30 s). */
  written(): Promise<number>;
  /** SIGKILL (no chance to hand anything back), then waits for it to exit. */
  kill(): Promise<void>;
}

/** Starts `shequn worker --redis URL [...args]` with `env` added to the environment. */
export function spawnWorker(redis: string, args: string[] = [], env: NodeJS.ProcessEnv = {}, opts: { cpus?: string } = {}): SpawnedWorker {
  const cmd = [process.execPath, BIN, 'worker', '--redis', redis, ...args];
  // `cpus`: the CPU list it may run on (Linux taskset, which execs the worker in its own place: same pid).
  if (opts.cpus !== undefined) cmd.unshift('taskset', '--cpu-list', opts.cpus);
  const child = spawn(cmd[0]!, cmd.slice(1), { env: { ...process.env, ...env }, stdio: ['ignore', 'ignore', 'pipe'] });
  let log = '';
  const exited = new Promise<void>((r) => child.once('exit', () => r()));
  const ready = new Promise<void>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error(`the worker did not get ready in 120 s: ${log}`)), 120_000);
    child.stderr!.on('data', (d: Buffer) => {
      log += d.toString();
      if (log.includes('render worker ready')) {
        clearTimeout(timer);
        resolve();
      }
    });
    child.once('exit', (code, sig) => {
      clearTimeout(timer);
      reject(new Error(`the worker exited (${sig ?? code}): ${log}`));
    });
  });
  ready.catch(() => undefined);
  return {
    child,
    log: () => log,
    ready,
    async stop() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGTERM');
      await exited;
      const m = /stopped: outputs written (\d+)/.exec(log);
      return m ? Number(m[1]) : -1;
    },
    async written() {
      const from = log.length;
      child.kill('SIGUSR2');
      const end = Date.now() + 30_000;
      for (;;) {
        const m = /outputs written (\d+)/.exec(log.slice(from));
        if (m) return Number(m[1]);
        if (Date.now() > end || child.exitCode !== null || child.signalCode !== null) throw new Error(`the worker did not report its counts: ${log.slice(from)}`);
        await new Promise((r) => setTimeout(r, 50));
      }
    },
    async kill() {
      if (child.exitCode === null && child.signalCode === null) child.kill('SIGKILL');
      await exited;
    },
  };
}
