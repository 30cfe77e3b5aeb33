import { defineConfig } from 'vitest/config';

// All Node-side suites in one run; the workerd suite has its own config (scripts/test.mjs runs both).
export default defineConfig({
  test: {
    projects: ['db', 'worker-api', 'temporal-worker', 'cloudhand', 'stats', 'web', 'web/funnel-blocks'],
  },
});
