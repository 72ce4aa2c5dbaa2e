import { describe, expect, it } from 'vitest';
import { WorkerPool } from '../../src/pack/worker-pool.js';

const BUSY = new URL('./fixtures/busy-worker.ts', import.meta.url);
type Task = { ms: number; fail?: boolean };
type Out = { thread: number; spins: number };

describe('the pack worker pool (worker threads running TypeScript through tsx)', () => {
  it('runs tasks on every worker at once and reports their busy time', async () => {
    const pool = new WorkerPool<Task, Out>(BUSY, 2, { scale: 1 });
    try {
      await Promise.all([pool.run({ ms: 1 }), pool.run({ ms: 1 })]); // both started (tsx compiled, module loaded)
      const busy0 = pool.busyMs;
      const t0 = performance.now();
      const results = await Promise.all(Array.from({ length: 6 }, () => pool.run({ ms: 300 })));
      const wall = performance.now() - t0;
      expect(new Set(results.map((r) => r.thread)).size).toBe(2);
      // Six 300 ms tasks on two threads: about 900 ms of wall time, 1800 ms of worker time.
      expect(pool.busyMs - busy0).toBeGreaterThanOrEqual(1800);
      expect((pool.busyMs - busy0) / wall).toBeGreaterThan(1.5);
    } finally {
      await pool.close();
    }
  });

  it('reports a failing task as an error and keeps serving', async () => {
    const pool = new WorkerPool<Task, Out>(BUSY, 1, { scale: 1 });
    try {
      await expect(pool.run({ ms: 1, fail: true })).rejects.toThrow('asked to fail');
      expect((await pool.run({ ms: 1 })).thread).toBeGreaterThan(0);
    } finally {
      await pool.close();
    }
  });

  it('fails queued and running tasks as cancelled when closed', async () => {
    const pool = new WorkerPool<Task, Out>(BUSY, 1, { scale: 1 });
    const running = expect(pool.run({ ms: 5000 })).rejects.toMatchObject({ code: 'cancelled' });
    const queued = expect(pool.run({ ms: 10 })).rejects.toMatchObject({ code: 'cancelled' });
    await new Promise((r) => setTimeout(r, 300));
    await pool.close();
    await queued;
    await running;
    await expect(pool.run({ ms: 1 })).rejects.toMatchObject({ code: 'cancelled' });
  });
});
