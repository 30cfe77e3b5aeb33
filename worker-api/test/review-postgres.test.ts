import { testPostgresUrl } from '@mos/db/testing';
import { afterAll, beforeAll, describe, it } from 'vitest';
import { createTestApp, type TestApp } from './support/harness';
import { expectDoubleClickRecordedOnce } from './support/review';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp({ databaseUrl: testPostgresUrl() });
});
afterAll(async () => {
  await t.close();
});

describe('workflows.review on PostgreSQL', () => {
  it('records a double click once: the second review waits on the row lock, then finds the draft claimed', async () => {
    await expectDoubleClickRecordedOnce(t);
  });
});
