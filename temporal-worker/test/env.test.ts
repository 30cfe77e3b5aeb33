import { describe, expect, it } from 'vitest';
import { parseWorkerEnv } from '../src/env';

describe('worker environment', () => {
  it('applies defaults', () => {
    expect(parseWorkerEnv({ DATABASE_URL: 'pglite:memory' })).toMatchObject({
      TEMPORAL_TASK_QUEUE: 'mos',
      TEMPORAL_NAMESPACE: 'default',
    });
  });

  it('names a missing or invalid variable without its value', () => {
    expect(() => parseWorkerEnv({ OPENAI_BASE_URL: 'sk-secret-value' })).toThrow(
      /DATABASE_URL[\s\S]*OPENAI_BASE_URL/,
    );
    expect(() => parseWorkerEnv({ OPENAI_BASE_URL: 'sk-secret-value' })).not.toThrow(/sk-secret-value/);
  });
});
