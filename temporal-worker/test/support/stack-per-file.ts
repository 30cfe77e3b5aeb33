import { afterAll, beforeAll } from 'vitest';
import { type Stack, type StackOptions, startStack } from './stack';

/**
 * The file's one stack: started in `beforeAll`, closed in `afterAll`. What it returns stands for the stack once
 * started (each property is read from it at use), so tests keep writing `stack.db`; used earlier, it throws.
 * Kept apart from stack.ts, which the stack server and the bench import outside vitest.
 */
export function stackPerFile(opts: StackOptions = {}): Stack {
  let started: Stack | undefined;
  beforeAll(async () => {
    started = await startStack(opts);
  }, 120_000);
  afterAll(async () => {
    await started?.close();
  }, 60_000);
  return new Proxy({} as Stack, {
    get(_target, key) {
      if (!started) throw new Error("the stack is used before the file's beforeAll started it");
      return Reflect.get(started, key);
    },
  });
}
