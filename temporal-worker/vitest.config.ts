import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'temporal-worker', include: ['test/**/*.test.ts'], passWithNoTests: true },
});
