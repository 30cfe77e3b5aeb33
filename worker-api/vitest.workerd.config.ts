/**
 * worker-api inside workerd: the Worker entry from /wrangler.toml (`main`), its compatibility
 * settings and `[vars]`, with test bindings from test/workerd/global-setup.ts, which points it at a
 * Neon stand-in in front of the real test PostgreSQL (MOS_TEST_DATABASE_URL) and, through the `relay`
 * gateway, at temporal-worker's relay and worker on a real Temporal dev server (TEMPORAL_CLI_PATH or the
 * toolchain cache), started as separate processes (test/workerd/production-stack.ts).
 *
 *   MOS_TEST_DATABASE_URL=postgres://mos:mos@127.0.0.1:5432/mos_test vitest run --config vitest.workerd.config.ts
 */
import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { fileURLToPath } from 'node:url';
import { cloudflareTest } from '@cloudflare/vitest-plugin';
import { defineConfig } from 'vitest/config';
import type { WorkerdSuiteContext } from './test/workerd/provided';

const wranglerConfigPath = fileURLToPath(new URL('../wrangler.toml', import.meta.url));

/**
 * /wrangler.toml's compatibility date, checked against the plugin's own workerd: workerd refuses a
 * date newer than it knows, and silently testing an older date than production would hide changes.
 * The date is kept at the newest the plugin's workerd supports; bump both together.
 */
function compatibilityDate(): string {
  const configured = /^compatibility_date\s*=\s*"([0-9-]+)"/m.exec(
    readFileSync(wranglerConfigPath, 'utf8'),
  )?.[1];
  if (!configured) throw new Error(`no compatibility_date in ${wranglerConfigPath}`);
  const fromPlugin = createRequire(fileURLToPath(import.meta.resolve('@cloudflare/vitest-plugin')));
  const fromMiniflare = createRequire(fromPlugin.resolve('miniflare'));
  const supported = (fromMiniflare('workerd') as { compatibilityDate?: string }).compatibilityDate;
  if (supported && supported < configured) {
    throw new Error(
      `wrangler.toml compatibility_date ${configured} is newer than @cloudflare/vitest-plugin's workerd supports (${supported}): update the plugin or use ${supported}`,
    );
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
