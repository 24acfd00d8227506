import { defineConfig } from 'vitest/config';

// Integration and unit tests, on a real PostgreSQL (see test/support/global-setup.ts).
export default defineConfig({
  root: '.',
  test: {
    include: ['src/**/*.test.ts', 'test/integration/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 60_000,
    hookTimeout: 120_000,
    pool: 'forks',
    maxWorkers: 2,
  },
});
