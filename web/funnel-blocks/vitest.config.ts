import { defineProject } from 'vitest/config';

export default defineProject({
  test: { name: 'funnel-blocks', include: ['test/**/*.test.ts', 'test/**/*.test.tsx'] },
});
