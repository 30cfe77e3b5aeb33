import {
  activityLogs,
  artifacts,
  campaigns,
  createClient,
  listAudit,
  setWorkflowRunStatus,
  workflowRuns,
} from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { createCampaign } from '../src/services/campaigns/create';
import { getCampaign } from '../src/services/campaigns/get';
import { listCampaigns } from '../src/services/campaigns/list';
import {
  countingServiceCtx,
  createTestApp,
  failure,
  fieldPaths,
  newTenant,
  type Tenant,
  type TestApp,
} from './support/harness';

let t: TestApp;
beforeAll(async () => {
  t = await createTestApp();
});
afterAll(async () => {
  await t.close();
});

const spring = {
  name: 'Spring launch',
  goalDescription: 'Launch the Barrier Reset Kit in the US.',
  objectiveType: 'purchases',
  numericTarget: 500,
  baseline: { metric: 'cvr' as const, value: 0.035 },
  timeframeDays: 30,
  budgetMin: 10_000,
  budgetMax: 25_000.75,
};

async function setup(tenant: Tenant, name = 'Lumen & Moss') {
  const admin = t.client(tenant.admin);
  const client = await admin.clients.create.mutate({
    name,
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const orgId = (await admin.me.get.query()).org.id;
  return { client, orgId };
}

/** Approves the client's canon and metric schema (as the onboarding workflow would). */
async function makeReady(orgId: string, clientId: string, which: ('client_canon' | 'metric_schema')[]) {
  for (const type of which) {
    await t.database.db.insert(artifacts).values({
      orgId,
      clientId,
      type,
      version: 1,
      status: 'approved',
      source: 'ai',
      data: artifactExamples[type],
    });
  }
}

async function runsOf(campaignId: string) {
  return t.database.db.select().from(workflowRuns).where(eq(workflowRuns.campaignId, campaignId));
}

async function logsOfOrg(orgId: string) {
  return t.database.db.select().from(activityLogs).where(eq(activityLogs.orgId, orgId));
}

function startsFor(workflowIdPrefix: string) {
  return t.gateway.calls.filter((c) => c.op === 'start' && c.req.workflowId.startsWith(workflowIdPrefix));
}

describe('campaigns CRUD', () => {
  it('creates, gets and lists campaigns with filters and a cursor', async () => {
    const tenant = await newTenant(t);
    const { client } = await setup(tenant);
    const other = (await setup(tenant, 'Bolt Bikes')).client;
    const api = t.client(tenant.member);
    const created = await api.campaigns.create.mutate({ clientId: client.id, ...spring });
    expect(created).toMatchObject({
      ...spring,
      clientId: client.id,
      clientName: 'Lumen & Moss',
      status: 'draft',
    });
    expect(typeof created.createdAt).toBe('string');
    const bare = await api.campaigns.create.mutate({ clientId: client.id, name: 'Always on' });
    expect(bare).toMatchObject({
      goalDescription: null,
      numericTarget: null,
      budgetMin: null,
      budgetMax: null,
    });
    const bikes = await api.campaigns.create.mutate({ clientId: other.id, name: 'Bikes Q3' });

    const got = await api.campaigns.get.query({ id: created.id });
    expect(got).toMatchObject({ ...spring, id: created.id, clientName: 'Lumen & Moss' });
    expect(typeof got.numericTarget).toBe('number');

    const all = await api.campaigns.list.query({});
    expect(all.items.map((c) => c.name)).toEqual(['Bikes Q3', 'Always on', 'Spring launch']);
    expect(all.items.map((c) => c.clientName)).toEqual(['Bolt Bikes', 'Lumen & Moss', 'Lumen & Moss']);
    const ofClient = await api.campaigns.list.query({ clientId: client.id });
    expect(ofClient.items.map((c) => c.id)).toEqual([bare.id, created.id]);
    const page1 = await api.campaigns.list.query({ limit: 2 });
    expect(page1.items.map((c) => c.id)).toEqual([bikes.id, bare.id]);
    const page2 = await api.campaigns.list.query({ limit: 2, cursor: page1.nextCursor });
    expect(page2.items.map((c) => c.id)).toEqual([created.id]);
    expect(page2.nextCursor).toBeNull();

    await t.client(tenant.admin).campaigns.update.mutate({ id: bare.id, status: 'cancelled' });
    expect((await api.campaigns.list.query({ status: 'cancelled' })).items.map((c) => c.id)).toEqual([
      bare.id,
    ]);
    expect(
      (await api.campaigns.list.query({ status: 'draft', clientId: client.id })).items.map((c) => c.id),
    ).toEqual([created.id]);
    // A client of the org without campaigns lists empty rather than NOT_FOUND.
    const empty = (await setup(tenant, 'Empty')).client;
    expect(await api.campaigns.list.query({ clientId: empty.id })).toEqual({ items: [], nextCursor: null });
  });

  it('updates fields, clears with null and checks the budget range against stored values', async () => {
    const tenant = await newTenant(t);
    const { client } = await setup(tenant);
    const api = t.client(tenant.member);
    const c = await api.campaigns.create.mutate({ clientId: client.id, ...spring });
    const updated = await api.campaigns.update.mutate({
      id: c.id,
      name: 'Spring relaunch',
      goalDescription: null,
    });
    expect(updated).toMatchObject({
      name: 'Spring relaunch',
      goalDescription: null,
      budgetMin: 10_000,
      timeframeDays: 30,
    });

    // Only budgetMin sent, above the stored budgetMax: refused, naming budgetMax.
    const inverted = await failure(api.campaigns.update.mutate({ id: c.id, budgetMin: 30_000 }));
    expect({ code: inverted.code, paths: fieldPaths(inverted) }).toEqual({
      code: 'BAD_REQUEST',
      paths: ['budgetMax'],
    });
    const lowered = await failure(api.campaigns.update.mutate({ id: c.id, budgetMax: 5 }));
    expect(fieldPaths(lowered)).toEqual(['budgetMax']);
    expect((await api.campaigns.get.query({ id: c.id })).budgetMin).toBe(10_000);
    // Clearing the max makes any min acceptable.
    const open = await api.campaigns.update.mutate({ id: c.id, budgetMax: null });
    expect(open.budgetMax).toBeNull();
    expect((await api.campaigns.update.mutate({ id: c.id, budgetMin: 30_000 })).budgetMin).toBe(30_000);
  });

  it('takes the baseline as a value of a named metric; a bare number is refused naming baseline', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const api = t.client(tenant.member);
    const bare = await failure(
      // @ts-expect-error the old shape: a bare number, no metric
      api.campaigns.create.mutate({ clientId: client.id, name: 'Bare', baseline: 350 }),
    );
    expect({ code: bare.code, paths: fieldPaths(bare) }).toEqual({
      code: 'BAD_REQUEST',
      paths: ['baseline'],
    });
    expect(bare.message).toMatch(/^baseline: give the baseline as \{ metric, value \}/);
    // A rate metric takes a fraction: 3.5 (meant as %) is refused at baseline.value.
    const percent = await failure(
      api.campaigns.create.mutate({
        clientId: client.id,
        name: 'Pct',
        baseline: { metric: 'cvr', value: 3.5 },
      }),
    );
    expect(fieldPaths(percent)).toEqual(['baseline.value']);
    const unknown = await failure(
      // @ts-expect-error not a decision metric
      api.campaigns.create.mutate({ clientId: client.id, name: 'X', baseline: { metric: 'cpc', value: 1 } }),
    );
    expect(fieldPaths(unknown)).toEqual(['baseline.metric']);

    const c = await api.campaigns.create.mutate({
      clientId: client.id,
      name: 'CPA led',
      baseline: { metric: 'cpa', value: 42.5 },
    });
    expect(c).toMatchObject({ baseline: { metric: 'cpa', value: 42.5 }, legacyBaseline: null });
    const [stored] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, c.id));
    expect({ baseline: stored?.baseline, metric: stored?.baselineMetric }).toEqual({
      baseline: 42.5,
      metric: 'cpa',
    });
    const bareUpdate = await failure(
      // @ts-expect-error the old shape
      api.campaigns.update.mutate({ id: c.id, baseline: 0.02 }),
    );
    expect({ code: bareUpdate.code, paths: fieldPaths(bareUpdate) }).toEqual({
      code: 'BAD_REQUEST',
      paths: ['baseline'],
    });
    const roas = await api.campaigns.update.mutate({ id: c.id, baseline: { metric: 'roas', value: 2.4 } });
    expect(roas.baseline).toEqual({ metric: 'roas', value: 2.4 });
    const cleared = await api.campaigns.update.mutate({ id: c.id, baseline: null });
    expect(cleared.baseline).toBeNull();
    const [after] = await t.database.db.select().from(campaigns).where(eq(campaigns.id, c.id));
    expect({ baseline: after?.baseline, metric: after?.baselineMetric }).toEqual({
      baseline: null,
      metric: null,
    });

    // A bare number stored before baselines named their metric is shown as such, never read as a rate.
    const [legacy] = await t.database.db
      .insert(campaigns)
      .values({ orgId, clientId: client.id, name: 'Old', baseline: 350 })
      .returning();
    const old = await api.campaigns.get.query({ id: legacy?.id ?? '' });
    expect({ baseline: old.baseline, legacyBaseline: old.legacyBaseline }).toEqual({
      baseline: null,
      legacyBaseline: 350,
    });
  });

  it("names its markets among the client's and its budget currency; other orgs see nothing", async () => {
    const tenant = await newTenant(t);
    const admin = t.client(tenant.admin);
    const api = t.client(tenant.member);
    const client = await admin.clients.create.mutate({
      name: 'Transatlantic',
      primaryMarkets: ['USA', 'Germany'],
      primaryLanguages: ['en-US', 'de-DE'],
    });
    // Omitted: the client's first market, and its currency.
    const first = await api.campaigns.create.mutate({ clientId: client.id, name: 'Default' });
    expect(first).toMatchObject({ markets: ['US'], currency: 'USD' });
    const both = await api.campaigns.create.mutate({
      clientId: client.id,
      name: 'US + DE',
      markets: ['us', 'DE'],
      budgetMax: 9000,
    });
    expect(both).toMatchObject({ markets: ['US', 'DE'], currency: 'USD' });
    const euros = await api.campaigns.create.mutate({
      clientId: client.id,
      name: 'DE in euros',
      markets: ['DE'],
      currency: 'eur',
    });
    expect(euros).toMatchObject({ markets: ['DE'], currency: 'EUR' });
    expect(await api.campaigns.get.query({ id: both.id })).toMatchObject({
      markets: ['US', 'DE'],
      currency: 'USD',
    });
    const listed = await api.campaigns.list.query({ clientId: client.id });
    expect(listed.items.map((c) => [c.name, c.markets, c.currency])).toEqual([
      ['DE in euros', ['DE'], 'EUR'],
      ['US + DE', ['US', 'DE'], 'USD'],
      ['Default', ['US'], 'USD'],
    ]);

    // A market the client does not sell in: BAD_REQUEST naming markets, on create and on update.
    const foreign = await failure(
      api.campaigns.create.mutate({ clientId: client.id, name: 'FR', markets: ['US', 'FR'] }),
    );
    expect({ code: foreign.code, paths: fieldPaths(foreign) }).toEqual({
      code: 'BAD_REQUEST',
      paths: ['markets'],
    });
    expect(foreign.message).toContain('FR is not a primary market of the client (its markets: US, DE)');
    const moved = await failure(api.campaigns.update.mutate({ id: both.id, markets: ['FR'] }));
    expect({ code: moved.code, paths: fieldPaths(moved) }).toEqual({
      code: 'BAD_REQUEST',
      paths: ['markets'],
    });
    expect((await api.campaigns.get.query({ id: both.id })).markets).toEqual(['US', 'DE']);
    const updated = await api.campaigns.update.mutate({ id: both.id, markets: ['DE'], currency: 'EUR' });
    expect(updated).toMatchObject({ markets: ['DE'], currency: 'EUR' });
    const cases: [Record<string, unknown>, string][] = [
      [{ markets: [] }, 'markets'],
      [{ markets: ['US', 'US'] }, 'markets'],
      [{ markets: ['USA'] }, 'markets.0'],
      [{ currency: 'euro' }, 'currency'],
    ];
    for (const [patch, path] of cases) {
      const f = await failure(
        api.campaigns.create.mutate({ clientId: client.id, name: 'C', ...patch } as Parameters<
          typeof api.campaigns.create.mutate
        >[0]),
      );
      expect({ path, code: f.code, paths: fieldPaths(f) }).toEqual({
        path,
        code: 'BAD_REQUEST',
        paths: [path],
      });
    }

    // A client without markets: the campaign names none ("the client's first market") and derives its currency.
    const bare = await admin.clients.create.mutate({ name: 'Nowhere' });
    expect(await api.campaigns.create.mutate({ clientId: bare.id, name: 'N' })).toMatchObject({
      markets: [],
      currency: null,
    });

    // Another org's campaign and client are not found, whatever the markets say.
    const other = t.client((await newTenant(t)).admin);
    expect((await failure(other.campaigns.get.query({ id: both.id }))).code).toBe('NOT_FOUND');
    expect((await failure(other.campaigns.update.mutate({ id: both.id, markets: ['US'] }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await failure(other.campaigns.create.mutate({ clientId: client.id, name: 'X', markets: ['US'] })))
        .code,
    ).toBe('NOT_FOUND');
    expect((await api.campaigns.get.query({ id: both.id })).markets).toEqual(['DE']);
  });

  it('refuses bad input naming the field', async () => {
    const tenant = await newTenant(t);
    const { client } = await setup(tenant);
    const api = t.client(tenant.member);
    const base = { clientId: client.id, name: 'C' };
    const cases: [Record<string, unknown>, string][] = [
      [{ name: '' }, 'name'],
      [{ name: 'x'.repeat(201) }, 'name'],
      [{ budgetMin: 100, budgetMax: 50 }, 'budgetMax'],
      [{ budgetMin: -1 }, 'budgetMin'],
      [{ numericTarget: 'lots' }, 'numericTarget'],
      [{ timeframeDays: 0 }, 'timeframeDays'],
      [{ timeframeDays: 2.5 }, 'timeframeDays'],
      [{ goalDescription: 'x'.repeat(5001) }, 'goalDescription'],
      [{ clientId: 'nope' }, 'clientId'],
    ];
    for (const [patch, path] of cases) {
      const f = await failure(
        api.campaigns.create.mutate({ ...base, ...patch } as Parameters<
          typeof api.campaigns.create.mutate
        >[0]),
      );
      expect({ path, code: f.code, paths: fieldPaths(f) }).toEqual({
        path,
        code: 'BAD_REQUEST',
        paths: [path],
      });
    }
    const c = await api.campaigns.create.mutate(base);
    const both = await failure(api.campaigns.update.mutate({ id: c.id, budgetMin: 9, budgetMax: 1 }));
    expect(fieldPaths(both)).toEqual(['budgetMax']);
    const badStatus = await failure(
      api.campaigns.update.mutate({ id: c.id, status: 'done' } as unknown as Parameters<
        typeof api.campaigns.update.mutate
      >[0]),
    );
    expect(fieldPaths(badStatus)).toEqual(['status']);
    expect(fieldPaths(await failure(api.campaigns.list.query({ cursor: 'garbage' })))).toEqual(['cursor']);
    expect(fieldPaths(await failure(api.campaigns.get.query({ id: '1' })))).toEqual(['id']);
    const op = t.client(tenant.operator);
    expect(fieldPaths(await failure(op.campaigns.plan.mutate({ id: '1' })))).toEqual(['id']);
    expect(fieldPaths(await failure(op.campaigns.testRun.mutate({ id: '1' })))).toEqual(['id']);
    expect(fieldPaths(await failure(t.client(tenant.admin).campaigns.remove.mutate({ id: '1' })))).toEqual([
      'id',
    ]);
  });

  it('removes a campaign (admin only) and audits it', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Doomed' });
    expect((await failure(t.client(tenant.operator).campaigns.remove.mutate({ id: c.id }))).code).toBe(
      'FORBIDDEN',
    );
    expect((await failure(t.client(tenant.member).campaigns.remove.mutate({ id: c.id }))).code).toBe(
      'FORBIDDEN',
    );
    const admin = t.client(tenant.admin);
    expect(await admin.campaigns.remove.mutate({ id: c.id })).toEqual({ id: c.id, removed: true });
    expect((await failure(admin.campaigns.get.query({ id: c.id }))).code).toBe('NOT_FOUND');
    expect((await listAudit(t.database.db, orgId, { targetId: c.id })).map((r) => r.action)).toEqual([
      'campaign.remove',
    ]);
    expect((await failure(admin.campaigns.remove.mutate({ id: c.id }))).code).toBe('NOT_FOUND');
  });
});

describe('campaigns.plan', () => {
  it('refuses to plan until the client is ready, naming what is missing, and starts nothing', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Spring' });
    const op = t.client(tenant.operator);
    const none = await failure(op.campaigns.plan.mutate({ id: c.id }));
    expect(none.code).toBe('PRECONDITION_FAILED');
    expect(none.message).toBe(
      "Campaign planning needs the client's approved client canon and approved metric schema; missing: approved client canon, approved metric schema",
    );
    await makeReady(orgId, client.id, ['client_canon']);
    const half = await failure(op.campaigns.plan.mutate({ id: c.id }));
    expect(half.code).toBe('PRECONDITION_FAILED');
    expect(half.message).toMatch(/missing: approved metric schema$/);
    expect(startsFor(`campaign-planning-${c.id}`)).toHaveLength(0);
    expect(await runsOf(c.id)).toEqual([]);
    expect((await op.campaigns.get.query({ id: c.id })).status).toBe('draft');
  });

  it('starts CampaignPlanning when ready and marks the campaign planning', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    await makeReady(orgId, client.id, ['client_canon', 'metric_schema']);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, ...spring });
    const res = await t.client(tenant.operator).campaigns.plan.mutate({ id: c.id });
    expect(res.workflowId).toBe(`campaign-planning-${c.id}`);
    const [start] = startsFor(res.workflowId);
    expect(start?.op === 'start' && start.req.workflowType).toBe('CampaignPlanning');
    expect(start?.op === 'start' && start.req.args[0]).toMatchObject({
      orgId,
      runId: res.runId,
      clientId: client.id,
      campaignId: c.id,
    });
    const runs = await runsOf(c.id);
    expect(runs.map((r) => [r.id, r.kind, r.status, r.temporalWorkflowId])).toEqual([
      [res.runId, 'campaign_planning', 'running', res.workflowId],
    ]);
    expect((await t.client(tenant.member).campaigns.get.query({ id: c.id })).status).toBe('planning');
  });

  it('answers CONFLICT while a planning run is running or waiting, and allows a new one after it ends', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    await makeReady(orgId, client.id, ['client_canon', 'metric_schema']);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Spring' });
    const op = t.client(tenant.operator);
    const first = await op.campaigns.plan.mutate({ id: c.id });
    const again = await failure(op.campaigns.plan.mutate({ id: c.id }));
    expect(again.code).toBe('CONFLICT');
    expect(again.message).toContain(first.runId);
    expect(again.message).toContain('running');

    await setWorkflowRunStatus(t.database.db, orgId, first.runId, { status: 'waiting_for_approval' });
    const waiting = await failure(op.campaigns.plan.mutate({ id: c.id }));
    expect(waiting.code).toBe('CONFLICT');
    expect(waiting.message).toContain('waiting for approval');
    expect(await runsOf(c.id)).toHaveLength(1);

    await setWorkflowRunStatus(t.database.db, orgId, first.runId, { status: 'failed' });
    t.gateway.finish(first.workflowId, 'FAILED');
    const second = await op.campaigns.plan.mutate({ id: c.id });
    expect(second.runId).not.toBe(first.runId);
    expect(await runsOf(c.id)).toHaveLength(2);

    // Concurrent plan calls: exactly one starts a run.
    await setWorkflowRunStatus(t.database.db, orgId, second.runId, { status: 'completed' });
    t.gateway.finish(second.workflowId);
    const results = await Promise.allSettled([
      op.campaigns.plan.mutate({ id: c.id }),
      op.campaigns.plan.mutate({ id: c.id }),
    ]);
    expect(results.filter((r) => r.status === 'fulfilled')).toHaveLength(1);
    expect(await runsOf(c.id)).toHaveLength(3);
  });

  it('refuses to plan a cancelled campaign', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    await makeReady(orgId, client.id, ['client_canon', 'metric_schema']);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Old' });
    await t.client(tenant.member).campaigns.update.mutate({ id: c.id, status: 'cancelled' });
    const f = await failure(t.client(tenant.operator).campaigns.plan.mutate({ id: c.id }));
    expect(f.code).toBe('PRECONDITION_FAILED');
    expect(f.message).toContain('cancelled');
    expect(await runsOf(c.id)).toEqual([]);
  });

  it('leaves the campaign status unchanged and no run when the workflow service is unavailable', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    await makeReady(orgId, client.id, ['client_canon', 'metric_schema']);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Spring' });
    t.gateway.failNext();
    const f = await failure(t.client(tenant.operator).campaigns.plan.mutate({ id: c.id }));
    expect(f.code).toBe('SERVICE_UNAVAILABLE');
    expect((await t.client(tenant.member).campaigns.get.query({ id: c.id })).status).toBe('draft');
    expect(await runsOf(c.id)).toEqual([]);
    expect(await logsOfOrg(orgId)).toEqual([]);
  });
});

describe('campaigns.testRun', () => {
  it('starts TestCampaign without the readiness gate, with the latest intake', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Smoke' });
    const op = t.client(tenant.operator);
    const res = await op.campaigns.testRun.mutate({ id: c.id });
    expect(res.workflowId).toMatch(new RegExp(`^test-campaign-${c.id}-[0-9a-f]{8}$`));
    const [start] = startsFor(res.workflowId);
    expect(start?.op === 'start' && start.req.workflowType).toBe('TestCampaign');
    expect(start?.op === 'start' && start.req.args[0]).toMatchObject({
      orgId,
      runId: res.runId,
      clientId: client.id,
      campaignId: c.id,
      onboardingPayloadId: null,
    });
    const runs = await runsOf(c.id);
    expect(runs.map((r) => [r.id, r.kind, r.status])).toEqual([[res.runId, 'test_campaign', 'running']]);
    // A smoke test does not move the campaign along.
    expect((await op.campaigns.get.query({ id: c.id })).status).toBe('draft');

    const onboarded = await op.onboarding.start.mutate({
      clientId: client.id,
      intake: {
        brandStory: 'Barrier-first skincare.',
        offers: ['Kit'],
        primaryMarkets: ['US'],
        primaryLanguages: ['en'],
      },
    });
    const second = await op.campaigns.testRun.mutate({ id: c.id });
    expect(second.workflowId).not.toBe(res.workflowId);
    const [start2] = startsFor(second.workflowId);
    expect(start2?.op === 'start' && start2.req.args[0]).toMatchObject({
      onboardingPayloadId: onboarded.payloadId,
    });
  });

  it('leaves no run behind when the workflow service is unavailable', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Smoke' });
    t.gateway.failNext();
    const f = await failure(t.client(tenant.operator).campaigns.testRun.mutate({ id: c.id }));
    expect(f.code).toBe('SERVICE_UNAVAILABLE');
    expect(await runsOf(c.id)).toEqual([]);
    expect(await logsOfOrg(orgId)).toEqual([]);
    expect((await t.client(tenant.member).campaigns.get.query({ id: c.id })).status).toBe('draft');
  });
});

describe('campaigns security', () => {
  it('requires a token, and the operator role to plan or test-run', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    await makeReady(orgId, client.id, ['client_canon', 'metric_schema']);
    const c = await t.client(tenant.member).campaigns.create.mutate({ clientId: client.id, name: 'Spring' });
    const anon = t.client(null);
    const calls = [
      anon.campaigns.list.query({}),
      anon.campaigns.get.query({ id: c.id }),
      anon.campaigns.create.mutate({ clientId: client.id, name: 'x' }),
      anon.campaigns.update.mutate({ id: c.id, name: 'x' }),
      anon.campaigns.remove.mutate({ id: c.id }),
      anon.campaigns.plan.mutate({ id: c.id }),
      anon.campaigns.testRun.mutate({ id: c.id }),
    ];
    for (const p of calls) expect((await failure(p)).code).toBe('UNAUTHORIZED');
    const member = t.client(tenant.member);
    expect((await failure(member.campaigns.plan.mutate({ id: c.id }))).code).toBe('FORBIDDEN');
    expect((await failure(member.campaigns.testRun.mutate({ id: c.id }))).code).toBe('FORBIDDEN');
    expect(await runsOf(c.id)).toEqual([]);
    expect((await member.campaigns.get.query({ id: c.id })).name).toBe('Spring');
  });

  it('keeps tenants apart: another org’s ids answer NOT_FOUND and nothing changes', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const { client, orgId } = await setup(a);
    await makeReady(orgId, client.id, ['client_canon', 'metric_schema']);
    const c = await t.client(a.member).campaigns.create.mutate({ clientId: client.id, ...spring });
    await setup(b, 'B’s own client');
    const other = t.client(b.admin);
    const expectNotFound = async (p: Promise<unknown>) => expect((await failure(p)).code).toBe('NOT_FOUND');
    await expectNotFound(other.campaigns.get.query({ id: c.id }));
    await expectNotFound(other.campaigns.update.mutate({ id: c.id, name: 'Stolen', status: 'cancelled' }));
    await expectNotFound(other.campaigns.plan.mutate({ id: c.id }));
    await expectNotFound(other.campaigns.testRun.mutate({ id: c.id }));
    await expectNotFound(other.campaigns.remove.mutate({ id: c.id }));
    await expectNotFound(other.campaigns.create.mutate({ clientId: client.id, name: 'Planted' }));
    await expectNotFound(other.campaigns.list.query({ clientId: client.id }));
    await expectNotFound(other.campaigns.get.query({ id: crypto.randomUUID() }));
    expect((await other.campaigns.list.query({})).items).toEqual([]);

    const mine = await t.client(a.member).campaigns.get.query({ id: c.id });
    expect(mine).toMatchObject({ name: 'Spring launch', status: 'draft' });
    expect(await runsOf(c.id)).toEqual([]);
    const rows = await t.database.db.select().from(campaigns).where(eq(campaigns.clientId, client.id));
    expect(rows.map((r) => r.name)).toEqual(['Spring launch']);
  });
});

describe('campaigns round trips', () => {
  it('lists and gets a campaign in one statement each', async () => {
    const { database, org, ctx, statements } = await countingServiceCtx();
    try {
      const client = await createClient(database.db, org.id, {
        name: 'C',
        industry: null,
        primaryMarkets: [],
        primaryLanguages: [],
      });
      const created = await createCampaign({ ctx, input: { clientId: client.id, name: 'One' } });
      await createCampaign({ ctx, input: { clientId: client.id, name: 'Two' } });
      statements.reset();
      const page = await listCampaigns({ ctx, input: { clientId: client.id, limit: 50 } });
      expect(page.items.map((c) => [c.name, c.clientName])).toEqual([
        ['Two', 'C'],
        ['One', 'C'],
      ]);
      expect(statements.count).toBe(1);
      statements.reset();
      expect((await getCampaign({ ctx, input: { id: created.id } })).name).toBe('One');
      expect(statements.count).toBe(1);
    } finally {
      await database.close();
    }
  });
});
