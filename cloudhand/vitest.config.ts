import { defineConfig } from 'vitest/config';

export default defineConfig({
  test: { name: 'cloudhand', include: ['test/**/*.test.ts'], passWithNoTests: true },
});
