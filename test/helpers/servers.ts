import { spawn, type ChildProcess } from 'node:child_process';
import { mkdtemp, rm } from 'node:fs/promises';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { join } from 'node:path';

/** A free TCP port on loopback (bound, read, released). */
export function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const srv = createServer();
    srv.unref();
    srv.on('error', reject);
    srv.listen(0, '127.0.0.1', () => {
      const port = (srv.address() as { port: number }).port;
      srv.close(() => resolve(port));
    });
  });
}

/** A Redis server of the test's own (Debian's redis-server on a free loopback port, no persistence). */
export interface TestRedis {
  url: string;
  port: number;
  /** The server's process id (0 while stopped). */
  pid(): number;
  /** Stops the server (SIGTERM, then waits for it to exit). */
  stop(): Promise<void>;
  /** Starts it again on the same port (empty: nothing was persisted). */
  start(): Promise<void>;
}

/** Starts redis-server on 127.0.0.1 at a free port, waiting (bounded) until it accepts connections. */
export async function startRedis(): Promise<TestRedis> {
  const port = await freePort();
  let child: ChildProcess | undefined;
  const start = () =>
    new Promise<void>((resolve, reject) => {
      const c = spawn('redis-server', ['--port', String(port), '--bind', '127.0.0.1', '--save', '', '--appendonly', 'no', '--protected-mode', 'yes'], { stdio: ['ignore', 'pipe', 'pipe'] });
      child = c;
      let out = '';
      const timer = setTimeout(() => reject(new Error(`redis-server did not start in 20 s: ${out}`)), 20_000);
      c.stdout!.on('data', (d: Buffer) => {
        out += d.toString();
        if (out.includes('Ready to accept connections')) {
          clearTimeout(timer);
          resolve();
        }
      });
      c.on('error', (err) => {
        clearTimeout(timer);
        reject(new Error(`redis-server could not start (is Debian's redis-server installed?): ${err.message}`));
      });
      c.on('exit', (code) => {
        clearTimeout(timer);
        reject(new Error(`redis-server exited (${code}): ${out}`));
      });
    });
  const stop = async () => {
    const c = child;
    if (!c || c.exitCode !== null || c.signalCode !== null) return;
    const exited = new Promise((r) => c.once('exit', r));
    c.kill('SIGTERM');
    await exited;
  };
  await start();
  return { url: `redis://127.0.0.1:${port}`, port, pid: () => child?.pid ?? 0, stop, start };
}

/** An S3-protocol server of the test's own (s3rver on a free loopback port) with one bucket. */
export interface TestS3 {
  endpoint: string;
  bucket: string;
  /** Environment with the server's credentials, for stores and child processes. */
  env: NodeJS.ProcessEnv;
  stop(): Promise<void>;
}

/** Starts s3rver on 127.0.0.1 (files in a temporary folder) with bucket `bucket`. */
export async function startS3(bucket = 'shequn-test'): Promise<TestS3> {
  const { default: S3rver } = (await import('s3rver')) as unknown as { default: new (o: object) => { run(): Promise<{ port: number }>; close(): Promise<void> } };
  const dir = await mkdtemp(join(tmpdir(), 'shequn-s3rver-'));
  const port = await freePort();
  const server = new S3rver({ address: '127.0.0.1', port, silent: true, directory: dir, configureBuckets: [{ name: bucket }] });
  await server.run();
  return {
    endpoint: `http://127.0.0.1:${port}`,
    bucket,
    env: { ...process.env, AWS_ACCESS_KEY_ID: 'S3RVER', AWS_SECRET_ACCESS_KEY: 'S3RVER', AWS_REGION: 'us-east-1' },
    async stop() {
      await server.close();
      await rm(dir, { recursive: true, force: true });
    },
  };
}
