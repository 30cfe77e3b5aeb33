import { fileURLToPath } from 'node:url';
import { defineConfig } from 'vitest/config';

export default defineConfig({
  resolve: { alias: { '@': fileURLToPath(new URL('./src', import.meta.url)) } },
  test: {
    name: 'web',
    environment: 'jsdom',
    include: ['src/**/*.test.ts', 'src/**/*.test.tsx'],
    setupFiles: ['src/test/setup.ts'],
    passWithNoTests: true,
    // jsdom + user-event flows are slow on a loaded 2-core machine; keep failures about behaviour, not speed.
    testTimeout: 20_000,
  },
});
