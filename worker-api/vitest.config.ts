import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'worker-api',
    include: ['test/**/*.test.ts'],
    exclude: ['test/workerd/**'],
    globalSetup: ['test/support/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
