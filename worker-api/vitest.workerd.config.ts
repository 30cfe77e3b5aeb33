/**
 * worker-api inside workerd: the Worker entry from /wrangler.toml (`main`), its compatibility
 * settings and `[vars]`, with test bindings from test/workerd/global-setup.ts, which points it at a
 * Neon stand-in in front of the real test PostgreSQL (MOS_TEST_DATABASE_URL).
 *
 *   MOS_TEST_DATABASE_URL=postgres://mos:mos@127.0.0.1:5432/mos_test vitest run --config vitest.workerd.config.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-pool-workers';
import { defineConfig } from 'vitest/config';
import type { WorkerdSuiteContext } from './test/workerd/provided';

const wranglerConfigPath = fileURLToPath(new URL('../wrangler.toml', import.meta.url));

/**
 * /wrangler.toml's compatibility date, or the newest one the pool's own workerd binary supports if
 * that is older: the pool pins its workerd, which can lag behind the deployed runtime (and the date),
 * and workerd refuses to start on a date newer than it knows.
 */
function compatibilityDate(): string | undefined {
  const configured = /^compatibility_date\s*=\s*"([0-9-]+)"/m.exec(
    readFileSync(wranglerConfigPath, 'utf8'),
  )?.[1];
  const fromPool = createRequire(fileURLToPath(import.meta.resolve('@cloudflare/vitest-pool-workers')));
  const fromMiniflare = createRequire(fromPool.resolve('miniflare'));
  const supported = (fromMiniflare('workerd') as { compatibilityDate?: string }).compatibilityDate;
  if (configured && supported && supported < configured) {
    console.warn(
      `[workerd tests] wrangler.toml compatibility_date ${configured} > pool's workerd ${supported}; using ${supported}`,
    );
    return supported;
  }
  return configured;
}

export default defineConfig({
  plugins: [
    cloudflareTest(({ inject }) => ({
      wrangler: { configPath: wranglerConfigPath },
      remoteBindings: false,
      miniflare: {
        compatibilityDate: compatibilityDate(),
        bindings: inject<WorkerdSuiteContext>('workerd').workerBindings,
      },
    })),
  ],
  // Globs below are relative to worker-api/, wherever vitest is started from.
  root: fileURLToPath(new URL('.', import.meta.url)),
  test: {
    name: 'worker-api:workerd',
    include: ['test/workerd/**/*.test.ts'],
    globalSetup: ['test/workerd/global-setup.ts'],
    testTimeout: 30_000,
    hookTimeout: 60_000,
  },
});
