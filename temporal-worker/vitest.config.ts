import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: {
    name: 'temporal-worker',
    include: ['test/**/*.test.ts'],
    globalSetup: ['test/support/global-setup.ts'],
    // Real Temporal dev servers, workflow bundling, worker-api processes and PGlite start-up: generous on a loaded 2-core machine.
    testTimeout: 120_000,
    hookTimeout: 120_000,
  },
});
