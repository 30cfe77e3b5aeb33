import { listAudit, llmCalls, workflowRuns } from '@mos/db';
import { DEFAULT_LLM_MONTHLY_BUDGET_USD } from '@mos/db/contracts';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createTestApp, failure, fieldPaths, newTenant, type Tenant, type TestApp } from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

async function orgIdOf(tenant: Tenant): Promise<string> {
  return (await t.client(tenant.admin).me.get.query()).org.id;
}

async function runOf(orgId: string, clientId: string | null) {
  const [row] = await t.database.db
    .insert(workflowRuns)
    .values({
      orgId,
      clientId,
      kind: 'client_onboarding',
      temporalWorkflowId: `wf-${crypto.randomUUID()}`,
      temporalRunId: crypto.randomUUID(),
    })
    .returning();
  if (!row) throw new Error('run insert failed');
  return row;
}

interface Call {
  at: string | Date;
  model?: string;
  activity?: string;
  runId?: string | null;
  input?: number;
  output?: number;
  latency?: number;
  cost?: number;
  error?: boolean;
}

async function callsOf(orgId: string, calls: Call[]) {
  await t.database.db.insert(llmCalls).values(
    calls.map((c) => ({
      orgId,
      workflowRunId: c.runId ?? null,
      activity: c.activity ?? 'build_canon',
      model: c.model ?? 'gpt-5.2',
      promptSha256: 'a'.repeat(64),
      inputTokens: c.input ?? 0,
      outputTokens: c.output ?? 0,
      latencyMs: c.latency ?? 100,
      costUsd: c.cost ?? 0,
      status: c.error ? ('error' as const) : ('ok' as const),
      error: c.error ? 'rate limited' : null,
      createdAt: new Date(c.at),
    })),
  );
}

describe('llm.usage', () => {
  it('sums calls, errors, tokens and cost for the caller’s org only, grouped by day, model and activity', async () => {
    const mine = await newTenant(t);
    const theirs = await newTenant(t);
    const orgId = await orgIdOf(mine);
    const otherOrg = await orgIdOf(theirs);
    await callsOf(orgId, [
      {
        at: '2025-03-01T10:00:00Z',
        model: 'gpt-5.2',
        activity: 'build_canon',
        input: 1000,
        output: 200,
        latency: 100,
        cost: 0.1,
      },
      {
        at: '2025-03-01T23:59:59Z',
        model: 'o3-deep-research',
        activity: 'research',
        input: 5000,
        output: 3000,
        latency: 300,
        cost: 0.2,
      },
      {
        at: '2025-03-03T12:00:00Z',
        model: 'gpt-5.2',
        activity: 'research',
        input: 10,
        output: 0,
        latency: 200,
        cost: 0,
        error: true,
      },
      // Outside the range on both sides.
      { at: '2025-02-28T23:59:59Z', input: 999_999, cost: 99 },
      { at: '2025-03-04T00:00:00Z', input: 999_999, cost: 99 },
    ]);
    await callsOf(otherOrg, [{ at: '2025-03-02T12:00:00Z', input: 777, output: 777, cost: 7, error: true }]);

    const api = t.client(mine.member);
    const byDay = await api.llm.usage.query({ from: '2025-03-01', to: '2025-03-03' });
    expect(byDay.totals).toEqual({
      calls: 3,
      errors: 1,
      inputTokens: 6010,
      outputTokens: 3200,
      // Summed as NUMERIC in the database: exactly 0.3, not 0.1 + 0.2 in floating point.
      costUsd: 0.3,
      avgLatencyMs: 200,
    });
    expect(byDay.rows).toEqual([
      { key: '2025-03-01', calls: 2, errors: 0, inputTokens: 6000, outputTokens: 3200, costUsd: 0.3 },
      { key: '2025-03-03', calls: 1, errors: 1, inputTokens: 10, outputTokens: 0, costUsd: 0 },
    ]);
    expect(byDay).toMatchObject({
      from: '2025-03-01T00:00:00.000Z',
      to: '2025-03-04T00:00:00.000Z',
      groupBy: 'day',
    });

    const byModel = await api.llm.usage.query({ from: '2025-03-01', to: '2025-03-03', groupBy: 'model' });
    expect(byModel.rows).toEqual([
      { key: 'o3-deep-research', calls: 1, errors: 0, inputTokens: 5000, outputTokens: 3000, costUsd: 0.2 },
      { key: 'gpt-5.2', calls: 2, errors: 1, inputTokens: 1010, outputTokens: 200, costUsd: 0.1 },
    ]);
    expect(byModel.totals.calls).toBe(3);

    const byActivity = await api.llm.usage.query({
      from: '2025-03-01T00:00:00Z',
      to: '2025-03-03T12:00:00Z',
      groupBy: 'activity',
    });
    // A date-time upper bound is exclusive: the 12:00 call is out.
    expect(byActivity.rows).toEqual([
      { key: 'research', calls: 1, errors: 0, inputTokens: 5000, outputTokens: 3000, costUsd: 0.2 },
      { key: 'build_canon', calls: 1, errors: 0, inputTokens: 1000, outputTokens: 200, costUsd: 0.1 },
    ]);

    const theirView = await t.client(theirs.member).llm.usage.query({ from: '2025-03-01', to: '2025-03-03' });
    expect(theirView.totals).toEqual({
      calls: 1,
      errors: 1,
      inputTokens: 777,
      outputTokens: 777,
      costUsd: 7,
      avgLatencyMs: 100,
    });
  });

  it('answers zeros for an empty range and defaults to the last 30 days', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const api = t.client(tenant.member);
    const empty = await api.llm.usage.query({});
    expect(empty.totals).toEqual({
      calls: 0,
      errors: 0,
      inputTokens: 0,
      outputTokens: 0,
      costUsd: 0,
      avgLatencyMs: null,
    });
    expect(empty.rows).toEqual([]);

    const day = 86_400_000;
    await callsOf(orgId, [
      { at: new Date(Date.now() - 2 * day), input: 5, cost: 0.5 },
      { at: new Date(Date.now() - 29 * day), input: 7, cost: 0.25 },
      { at: new Date(Date.now() - 31 * day), input: 1000, cost: 10 },
    ]);
    const recent = await api.llm.usage.query({ groupBy: 'model' });
    expect(recent.totals).toMatchObject({ calls: 2, inputTokens: 12, costUsd: 0.75 });
    expect(recent.rows).toEqual([
      { key: 'gpt-5.2', calls: 2, errors: 0, inputTokens: 12, outputTokens: 0, costUsd: 0.75 },
    ]);
    expect(Date.parse(recent.to) - Date.parse(recent.from)).toBe(30 * day);
  });

  it('filters by client (through its runs) and by run', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const client = await t
      .client(tenant.admin)
      .clients.create.mutate({ name: 'C', primaryMarkets: [], primaryLanguages: [] });
    const clientRun = await runOf(orgId, client.id);
    const clientRun2 = await runOf(orgId, client.id);
    const orgRun = await runOf(orgId, null);
    await callsOf(orgId, [
      { at: '2025-05-01T00:00:00Z', runId: clientRun.id, input: 1, cost: 0.01 },
      { at: '2025-05-01T00:00:00Z', runId: clientRun2.id, input: 2, cost: 0.02 },
      { at: '2025-05-01T00:00:00Z', runId: orgRun.id, input: 4, cost: 0.04 },
      { at: '2025-05-01T00:00:00Z', runId: null, input: 8, cost: 0.08 },
    ]);
    const api = t.client(tenant.member);
    const range = { from: '2025-05-01', to: '2025-05-01' };
    expect((await api.llm.usage.query(range)).totals).toMatchObject({
      calls: 4,
      inputTokens: 15,
      costUsd: 0.15,
    });
    expect((await api.llm.usage.query({ ...range, clientId: client.id })).totals).toMatchObject({
      calls: 2,
      inputTokens: 3,
      costUsd: 0.03,
    });
    expect((await api.llm.usage.query({ ...range, runId: orgRun.id })).totals).toMatchObject({
      calls: 1,
      inputTokens: 4,
    });
    expect(
      (await api.llm.usage.query({ ...range, runId: orgRun.id, clientId: client.id, groupBy: 'activity' }))
        .totals.calls,
    ).toBe(0);
  });

  it('refuses bad ranges naming the field', async () => {
    const tenant = await newTenant(t);
    const api = t.client(tenant.member);
    const tooLong = await failure(api.llm.usage.query({ from: '2024-01-01', to: '2025-01-01' }));
    expect(tooLong.code).toBe('BAD_REQUEST');
    expect(fieldPaths(tooLong)).toEqual(['to']);
    // 366 days (a leap year) is the longest range allowed.
    expect((await api.llm.usage.query({ from: '2024-01-01', to: '2024-12-31' })).totals.calls).toBe(0);
    expect(fieldPaths(await failure(api.llm.usage.query({ from: '2025-03-02', to: '2025-03-01' })))).toEqual([
      'from',
    ]);
    expect(fieldPaths(await failure(api.llm.usage.query({ from: 'yesterday' })))).toContain('from');
    expect(fieldPaths(await failure(api.llm.usage.query({ to: '2025-13-01' })))).toContain('to');
    expect(fieldPaths(await failure(api.llm.usage.query({ groupBy: 'week' as 'day' })))).toContain('groupBy');
    expect(fieldPaths(await failure(api.llm.usage.query({ runId: 'r1' })))).toContain('runId');
  });

  it('answers NOT_FOUND for another org’s client or run, UNAUTHORIZED without a token', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const orgA = await orgIdOf(a);
    const client = await t
      .client(a.admin)
      .clients.create.mutate({ name: 'A', primaryMarkets: [], primaryLanguages: [] });
    const run = await runOf(orgA, client.id);
    await callsOf(orgA, [{ at: new Date(), runId: run.id, input: 50 }]);
    const other = t.client(b.admin);
    expect((await failure(other.llm.usage.query({ clientId: client.id }))).code).toBe('NOT_FOUND');
    expect((await failure(other.llm.usage.query({ runId: run.id }))).code).toBe('NOT_FOUND');
    expect((await other.llm.usage.query({})).totals.calls).toBe(0);
    expect((await t.client(a.member).llm.usage.query({ runId: run.id })).totals.inputTokens).toBe(50);
    expect((await failure(t.client(null).llm.usage.query({}))).code).toBe('UNAUTHORIZED');
  });
});

/** The first instant of this UTC month, as the budget counts it. */
function monthStart(now = new Date()): Date {
  return new Date(Date.UTC(now.getUTCFullYear(), now.getUTCMonth(), 1));
}

describe('llm budget', () => {
  it('usage answers this month’s org-wide spend against the default budget, then the one an admin sets', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const start = monthStart();
    await callsOf(orgId, [
      { at: new Date(start.getTime() + 1000), cost: 1.25 },
      { at: new Date(), cost: 0.5 },
      // Last month's spend does not count against this month.
      { at: new Date(start.getTime() - 1000), cost: 40 },
    ]);
    const member = t.client(tenant.member);
    // The budget ignores the usage range and filters: it is the month's spend of the whole org.
    const usage = await member.llm.usage.query({ from: '2025-01-01', to: '2025-01-02' });
    expect(usage.totals.calls).toBe(0);
    expect(usage.budget).toEqual({
      limitUsd: DEFAULT_LLM_MONTHLY_BUDGET_USD,
      isDefault: true,
      spentUsd: 1.75,
      remainingUsd: DEFAULT_LLM_MONTHLY_BUDGET_USD - 1.75,
      periodStart: start.toISOString(),
    });

    const admin = t.client(tenant.admin);
    const set = await admin.llm.setBudget.mutate({ limitUsd: 1.5 });
    expect(set).toMatchObject({ limitUsd: 1.5, isDefault: false, spentUsd: 1.75, remainingUsd: 0 });
    expect((await member.llm.usage.query({})).budget).toMatchObject({ limitUsd: 1.5, isDefault: false });
    const audit = await listAudit(t.database.db, orgId, { targetId: orgId });
    expect(audit.map((a) => [a.action, a.data])).toEqual([['llm.budget.set', { limitUsd: 1.5 }]]);

    // null goes back to the default.
    expect(await admin.llm.setBudget.mutate({ limitUsd: null })).toMatchObject({
      limitUsd: DEFAULT_LLM_MONTHLY_BUDGET_USD,
      isDefault: true,
    });
  });

  it('refuses a bad budget naming the field', async () => {
    const tenant = await newTenant(t);
    const admin = t.client(tenant.admin);
    for (const limitUsd of [-1, 100_000.01, 1.234]) {
      const f = await failure(admin.llm.setBudget.mutate({ limitUsd }));
      expect(f.code).toBe('BAD_REQUEST');
      expect(fieldPaths(f)).toEqual(['limitUsd']);
    }
    const f = await failure(admin.llm.setBudget.mutate({ limitUsd: '10' as unknown as number }));
    expect(fieldPaths(f)).toEqual(['limitUsd']);
    // Nothing changed.
    expect((await admin.llm.usage.query({})).budget.isDefault).toBe(true);
  });

  it('lets only admins set it, and only for their own org', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    expect((await failure(t.client(a.member).llm.setBudget.mutate({ limitUsd: 5 }))).code).toBe('FORBIDDEN');
    expect((await failure(t.client(a.operator).llm.setBudget.mutate({ limitUsd: 5 }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(t.client(null).llm.setBudget.mutate({ limitUsd: 5 }))).code).toBe('UNAUTHORIZED');
    await t.client(a.admin).llm.setBudget.mutate({ limitUsd: 5 });
    expect((await t.client(a.member).llm.usage.query({})).budget.limitUsd).toBe(5);
    // Another org's budget and spend are untouched by a's budget and calls.
    await callsOf(await orgIdOf(a), [{ at: new Date(), cost: 2 }]);
    const theirs = (await t.client(b.member).llm.usage.query({})).budget;
    expect(theirs).toMatchObject({ limitUsd: DEFAULT_LLM_MONTHLY_BUDGET_USD, isDefault: true, spentUsd: 0 });
    expect((await t.client(a.member).llm.usage.query({})).budget.spentUsd).toBe(2);
  });

  it('uses the deployment default (LLM_MONTHLY_BUDGET_USD) for orgs without a budget, the one the worker checks', async () => {
    const custom = await createTestApp({ env: { LLM_MONTHLY_BUDGET_USD: '42.5' } });
    try {
      const tenant = await newTenant(custom);
      const admin = custom.client(tenant.admin);
      expect((await admin.llm.usage.query({})).budget).toMatchObject({ limitUsd: 42.5, isDefault: true });
      await admin.llm.setBudget.mutate({ limitUsd: 7 });
      expect(await admin.llm.setBudget.mutate({ limitUsd: null })).toMatchObject({
        limitUsd: 42.5,
        isDefault: true,
      });
    } finally {
      await custom.close();
    }
  });
});
