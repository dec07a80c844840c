import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/setup/temp-root.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    // Real git, venvs and a cache service: two cores, so keep the pool small and the runs independent.
    pool: 'forks',
    maxWorkers: 2,
  },
});
