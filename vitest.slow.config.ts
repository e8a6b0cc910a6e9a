import { defineConfig } from 'vitest/config';

// The slow suite (npm run test:slow): checks too long for the default run.
export default defineConfig({
  test: {
    include: ['test/slow/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    reporters: ['default', './test/support/summary-reporter.ts'],
    testTimeout: 900_000,
  },
});
