import { defineConfig } from 'vitest/config';

// End-to-end tests: the built web app (npm run build) served by the real server on a fresh
// database, driven through Debian's chromium. One file at a time: each starts a server and a browser.
export default defineConfig({
  root: '.',
  test: {
    include: ['test/e2e/**/*.e2e.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 90_000,
    hookTimeout: 180_000,
    fileParallelism: false,
    pool: 'forks',
  },
});
