/**
 * worker-api inside workerd: the Worker entry from /wrangler.toml (`main`), its compatibility
 * settings and `[vars]`, with test bindings from test/workerd/global-setup.ts, which points it at a
 * Neon stand-in in front of the real test PostgreSQL (MOS_TEST_DATABASE_URL).
 *
 *   MOS_TEST_DATABASE_URL=postgres://mos:mos@127.0.0.1:5432/mos_test vitest run --config vitest.workerd.config.ts
 */
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import type { WorkerdSuiteContext } from './test/workerd/provided';

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: fileURLToPath(new URL('../wrangler.toml', import.meta.url)) },
      remoteBindings: false,
      miniflare: { bindings: inject<WorkerdSuiteContext>('workerd').workerBindings },
    })),
  ],
  test: {
    name: 'worker-api:workerd',
    include: ['test/workerd/**/*.test.ts'],
    globalSetup: ['test/workerd/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
