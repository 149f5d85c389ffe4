import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['e2e/**/*.e2e.test.ts'],
    testTimeout: 120_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 1,
    fileParallelism: false,
    // expect.poll waits for the page to show a state. Its default of 1 s is less than a write, a
    // refetch and a render take on a loaded 2-core machine (a flow failed so once in a full run);
    // Playwright's own waits allow 30 s.
    expect: { poll: { timeout: 10_000 } },
  },
});
