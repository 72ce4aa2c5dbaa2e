import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Poster, video and browser tests are CPU-heavy; two workers match the 2-core CI machine.
    maxWorkers: 2,
    pool: 'forks',
    // expect.poll waits for what a browser shows after real work (a publish, a re-render); its
    // default of 1 s is a race on a busy 2-core machine. It returns as soon as the value holds.
    expect: { poll: { timeout: 15_000 } },
  },
});
