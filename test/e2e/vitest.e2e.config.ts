import { defineConfig } from 'vitest/config';

/** The browser test against the Agents Playground: run with `npm run test:e2e` (needs /usr/bin/chromium). */
export default defineConfig({
  test: {
    include: ['test/e2e/**/*.e2e.ts'],
    testTimeout: 120_000,
    hookTimeout: 60_000,
  },
});
