import { defineConfig } from 'vitest/config';

/** The browser tests (the Agents Playground, the read-only board): `npm run test:e2e` (needs /usr/bin/chromium). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
    // One browser at a time: two Chromiums on a two-core machine made clicks time out.
    fileParallelism: false,
  },
});
