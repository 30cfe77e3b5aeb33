import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DEFAULT_LLM_MONTHLY_BUDGET_USD } from '../src/contracts/index';
import { getLlmBudget, setLlmBudget } from '../src/data/llm-budget';
import type { Database } from '../src/db-type';
import { createDb, migrate } from '../src/node';
import { llmCalls } from '../src/schema/llm-calls';
import { orgs } from '../src/schema/orgs';

let database: Database;
beforeAll(async () => {
  database = await createDb('pglite:memory');
  await migrate(database);
});
afterAll(async () => {
  await database.close();
});

describe('LLM budget', () => {
  it('sums this month only, uses the default until the org sets one, and marks it exhausted', async () => {
    const db = database.db;
    const [org] = await db.insert(orgs).values({ name: 'Budget Org' }).returning();
    const [other] = await db.insert(orgs).values({ name: 'Other Org' }).returning();
    if (!org || !other) throw new Error('no org');
    const now = new Date('2026-03-15T12:00:00Z');
    const call = (orgId: string, costUsd: number, createdAt: Date) => ({
      orgId,
      activity: 'a',
      model: 'm',
      promptSha256: 'x',
      latencyMs: 1,
      costUsd,
      status: 'ok' as const,
      createdAt,
    });
    await db.insert(llmCalls).values([
      call(org.id, 1.25, new Date('2026-03-01T00:00:00Z')),
      call(org.id, 2.5, new Date('2026-03-15T11:00:00Z')),
      call(org.id, 50, new Date('2026-02-28T23:59:59Z')), // last month
      call(other.id, 70, new Date('2026-03-10T00:00:00Z')), // another org
    ]);
    const first = await getLlmBudget(db, org.id, now);
    expect(first).toMatchObject({
      limitUsd: DEFAULT_LLM_MONTHLY_BUDGET_USD,
      isDefault: true,
      spentUsd: 3.75,
      exhausted: false,
    });
    expect(first?.periodStart.toISOString()).toBe('2026-03-01T00:00:00.000Z');

    expect(await setLlmBudget(db, org.id, 3.5)).toBe(true);
    const capped = await getLlmBudget(db, org.id, now);
    expect(capped).toMatchObject({ limitUsd: 3.5, isDefault: false, remainingUsd: 0, exhausted: true });

    expect(await setLlmBudget(db, org.id, null)).toBe(true);
    expect((await getLlmBudget(db, org.id, now))?.isDefault).toBe(true);
    expect(await getLlmBudget(db, '00000000-0000-4000-8000-000000000000', now)).toBeNull();
  });
});
