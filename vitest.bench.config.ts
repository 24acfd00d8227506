import { defineConfig } from 'vitest/config';

// Benchmarks written as vitest files (`npm run bench:audit`): on the same seeded test database as the
// integration tests, but never part of `npm test` (they take minutes and measure time).
export default defineConfig({
  root: '.',
  test: {
    include: ['test/bench/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 600_000,
    hookTimeout: 600_000,
    pool: 'forks',
  },
});
