import { activityLogs, artifacts, createClient, getClient, onboardingPayloads, workflowRuns } from '@mos/db';
import { type ArtifactType, artifactExamples } from '@mos/db/artifacts';
import { eq } from 'drizzle-orm';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import type { OnboardingIntakeInput } from '../src/schemas/onboarding';
import { getLatestIntake } from '../src/services/onboarding/latest-intake';
import { clientReadiness } from '../src/services/onboarding/readiness';
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

const intake: OnboardingIntakeInput = {
  businessType: 'existing',
  brandStory: 'Barrier-first skincare for sensitive, reactive skin, founded by a cosmetic chemist.',
  offers: ['Barrier Reset Kit', 'Calm Serum'],
  constraints: 'No medical claims.',
  competitorDomains: ['Example-Competitor.com', 'shop.rival.co.uk'],
  funnelNotes: 'Quiz funnel into kit.',
  businessModel: 'DTC e-commerce',
  primaryMarkets: ['US', 'GB'],
  primaryLanguages: ['en'],
  goals: 'Lower CPA below $40.',
  notes: null,
};

async function setup(tenant: Tenant) {
  const admin = t.client(tenant.admin);
  const client = await admin.clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['CA'],
    primaryLanguages: ['fr'],
  });
  const orgId = (await admin.me.get.query()).org.id;
  return { client, orgId };
}

async function countRows(orgId: string) {
  const db = t.database.db;
  const [payloads, runs, logs] = await Promise.all([
    db.select().from(onboardingPayloads).where(eq(onboardingPayloads.orgId, orgId)),
    db.select().from(workflowRuns).where(eq(workflowRuns.orgId, orgId)),
    db.select().from(activityLogs).where(eq(activityLogs.orgId, orgId)),
  ]);
  return { payloads: payloads.length, runs: runs.length, logs: logs.length };
}

async function insertArtifact(
  orgId: string,
  clientId: string,
  type: Extract<ArtifactType, 'client_canon' | 'metric_schema'>,
  status: 'approved' | 'draft' | 'superseded',
  version = 1,
  campaignId: string | null = null,
) {
  const [row] = await t.database.db
    .insert(artifacts)
    .values({
      orgId,
      clientId,
      campaignId,
      type,
      version,
      status,
      source: 'ai',
      data: artifactExamples[type],
    })
    .returning();
  if (!row) throw new Error('artifact insert returned no row');
  return row;
}

describe('onboarding.start', () => {
  it('stores the intake, updates the client and starts ClientOnboarding in one go', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const api = t.client(tenant.operator);
    const res = await api.onboarding.start.mutate({ clientId: client.id, intake });
    expect(res.workflowId).toBe(`client-onboarding-${client.id}-${res.payloadId}`);

    const start = t.gateway.calls.find((c) => c.op === 'start' && c.req.workflowId === res.workflowId);
    expect(start?.op === 'start' && start.req.workflowType).toBe('ClientOnboarding');
    expect(start?.op === 'start' && start.req.args[0]).toMatchObject({
      onboardingPayloadId: res.payloadId,
      orgId,
      runId: res.runId,
      clientId: client.id,
      campaignId: null,
    });

    const [run] = await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.id, res.runId));
    expect(run).toMatchObject({
      orgId,
      clientId: client.id,
      kind: 'client_onboarding',
      status: 'running',
      temporalWorkflowId: res.workflowId,
    });
    const logs = await t.database.db
      .select()
      .from(activityLogs)
      .where(eq(activityLogs.workflowRunId, res.runId));
    expect(logs.map((l) => [l.step, l.status])).toEqual([['client_onboarding', 'started']]);

    const updated = await api.clients.get.query({ id: client.id });
    expect(updated.primaryMarkets).toEqual(['US', 'GB']);
    expect(updated.primaryLanguages).toEqual(['en']);

    const latest = await api.onboarding.latestIntake.query({ clientId: client.id });
    expect(latest?.id).toBe(res.payloadId);
    expect(latest?.clientId).toBe(client.id);
    // Stored as parsed: domains lower-cased, 'existing' kept.
    expect(latest?.data).toEqual({
      ...intake,
      competitorDomains: ['example-competitor.com', 'shop.rival.co.uk'],
    });
  });

  it('applies defaults for a minimal new-business intake', async () => {
    const tenant = await newTenant(t);
    const { client } = await setup(tenant);
    const api = t.client(tenant.admin);
    const res = await api.onboarding.start.mutate({
      clientId: client.id,
      intake: {
        brandStory: 'A brand new coffee roaster.',
        offers: ['Beans'],
        primaryMarkets: ['DE'],
        primaryLanguages: ['de'],
      },
    });
    const latest = await api.onboarding.latestIntake.query({ clientId: client.id });
    expect(latest?.id).toBe(res.payloadId);
    expect(latest?.data).toEqual({
      businessType: 'new',
      brandStory: 'A brand new coffee roaster.',
      offers: ['Beans'],
      competitorDomains: [],
      primaryMarkets: ['DE'],
      primaryLanguages: ['de'],
    });
  });

  it('leaves nothing behind when the workflow service is unavailable', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    t.gateway.failNext();
    const f = await failure(
      t.client(tenant.operator).onboarding.start.mutate({ clientId: client.id, intake }),
    );
    expect(f.code).toBe('SERVICE_UNAVAILABLE');
    expect(await countRows(orgId)).toEqual({ payloads: 0, runs: 0, logs: 0 });
    const after = await getClient(t.database.db, orgId, client.id);
    expect(after?.primaryMarkets).toEqual(['CA']);
    expect(after?.primaryLanguages).toEqual(['fr']);
    expect(await t.client(tenant.member).onboarding.latestIntake.query({ clientId: client.id })).toBeNull();
    // The next attempt goes through: the failure was not sticky.
    const ok = await t.client(tenant.operator).onboarding.start.mutate({ clientId: client.id, intake });
    expect(await countRows(orgId)).toEqual({ payloads: 1, runs: 1, logs: 1 });
    expect(ok.payloadId).toBeTypeOf('string');
  });

  it('refuses bad intakes naming the field', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const api = t.client(tenant.operator);
    const cases: [Record<string, unknown>, string][] = [
      [{ brandStory: 'too short' }, 'intake.brandStory'],
      [{ brandStory: 'x'.repeat(10_001) }, 'intake.brandStory'],
      [{ businessType: 'old' }, 'intake.businessType'],
      [{ offers: [] }, 'intake.offers'],
      [{ offers: Array.from({ length: 21 }, (_, i) => `o${i}`) }, 'intake.offers'],
      [{ primaryMarkets: [] }, 'intake.primaryMarkets'],
      [{ primaryLanguages: [] }, 'intake.primaryLanguages'],
      [{ competitorDomains: ['https://rival.com'] }, 'intake.competitorDomains.0'],
      [{ competitorDomains: ['ok.com', 'not a domain'] }, 'intake.competitorDomains.1'],
      [{ competitorDomains: ['localhost'] }, 'intake.competitorDomains.0'],
      [{ competitorDomains: Array.from({ length: 21 }, (_, i) => `c${i}.com`) }, 'intake.competitorDomains'],
      [{ notes: 'x'.repeat(5001) }, 'intake.notes'],
    ];
    for (const [patch, path] of cases) {
      const input = { clientId: client.id, intake: { ...intake, ...patch } } as Parameters<
        typeof api.onboarding.start.mutate
      >[0];
      const f = await failure(api.onboarding.start.mutate(input));
      expect({ path, code: f.code, paths: fieldPaths(f) }).toEqual({
        path,
        code: 'BAD_REQUEST',
        paths: [path],
      });
    }
    const extra = await failure(
      api.onboarding.start.mutate({
        clientId: client.id,
        intake: { ...intake, brand_story: 'snake' },
      } as Parameters<typeof api.onboarding.start.mutate>[0]),
    );
    expect(extra.code).toBe('BAD_REQUEST');
    const badId = await failure(api.onboarding.start.mutate({ clientId: 'abc', intake }));
    expect(fieldPaths(badId)).toEqual(['clientId']);
    expect(fieldPaths(await failure(api.onboarding.readiness.query({ clientId: 'abc' })))).toEqual([
      'clientId',
    ]);
    expect(fieldPaths(await failure(api.onboarding.latestIntake.query({ clientId: 'abc' })))).toEqual([
      'clientId',
    ]);
    expect(await countRows(orgId)).toEqual({ payloads: 0, runs: 0, logs: 0 });
  });

  it('requires a token, and the operator role to start', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const anon = t.client(null);
    expect((await failure(anon.onboarding.start.mutate({ clientId: client.id, intake }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect((await failure(anon.onboarding.latestIntake.query({ clientId: client.id }))).code).toBe(
      'UNAUTHORIZED',
    );
    expect((await failure(anon.onboarding.readiness.query({ clientId: client.id }))).code).toBe(
      'UNAUTHORIZED',
    );
    const member = t.client(tenant.member);
    expect((await failure(member.onboarding.start.mutate({ clientId: client.id, intake }))).code).toBe(
      'FORBIDDEN',
    );
    expect(await countRows(orgId)).toEqual({ payloads: 0, runs: 0, logs: 0 });
    // Members may read.
    expect(await member.onboarding.latestIntake.query({ clientId: client.id })).toBeNull();
    expect((await member.onboarding.readiness.query({ clientId: client.id })).ready).toBe(false);
  });

  it('keeps tenants apart: another org’s client answers NOT_FOUND and is not touched', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const { client, orgId } = await setup(a);
    await t.client(a.operator).onboarding.start.mutate({ clientId: client.id, intake });
    await insertArtifact(orgId, client.id, 'client_canon', 'approved');
    const startsBefore = t.gateway.calls.filter((c) => c.op === 'start').length;
    const other = t.client(b.admin);
    const otherIntake = { ...intake, primaryMarkets: ['FR'] };
    expect(
      (await failure(other.onboarding.start.mutate({ clientId: client.id, intake: otherIntake }))).code,
    ).toBe('NOT_FOUND');
    expect((await failure(other.onboarding.latestIntake.query({ clientId: client.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect((await failure(other.onboarding.readiness.query({ clientId: client.id }))).code).toBe('NOT_FOUND');
    expect((await failure(other.onboarding.readiness.query({ clientId: crypto.randomUUID() }))).code).toBe(
      'NOT_FOUND',
    );
    expect(t.gateway.calls.filter((c) => c.op === 'start').length).toBe(startsBefore);
    expect(await countRows(orgId)).toEqual({ payloads: 1, runs: 1, logs: 1 });
    expect((await getClient(t.database.db, orgId, client.id))?.primaryMarkets).toEqual(['US', 'GB']);
  });
});

describe('onboarding.latestIntake', () => {
  it('is null before onboarding and the newest payload after two', async () => {
    const tenant = await newTenant(t);
    const { client } = await setup(tenant);
    const api = t.client(tenant.operator);
    expect(await api.onboarding.latestIntake.query({ clientId: client.id })).toBeNull();
    await api.onboarding.start.mutate({ clientId: client.id, intake });
    const second = await api.onboarding.start.mutate({
      clientId: client.id,
      intake: { ...intake, brandStory: 'A second, revised brand story.' },
    });
    const latest = await api.onboarding.latestIntake.query({ clientId: client.id });
    expect(latest?.id).toBe(second.payloadId);
    expect(latest?.data.brandStory).toBe('A second, revised brand story.');
    expect(typeof latest?.createdAt).toBe('string');
  });
});

describe('onboarding.readiness', () => {
  it('is not ready with nothing, names what is missing and reports drafts', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const api = t.client(tenant.member);
    expect(await api.onboarding.readiness.query({ clientId: client.id })).toEqual({
      ready: false,
      files: [
        { type: 'client_canon', status: 'missing', artifactId: null, version: null },
        { type: 'metric_schema', status: 'missing', artifactId: null, version: null },
      ],
      missing: ['approved client canon', 'approved metric schema'],
      message:
        "Campaign planning needs the client's approved client canon and approved metric schema; missing: approved client canon, approved metric schema",
    });

    const canonDraft = await insertArtifact(orgId, client.id, 'client_canon', 'draft');
    const metric = await insertArtifact(orgId, client.id, 'metric_schema', 'approved');
    const partial = await api.onboarding.readiness.query({ clientId: client.id });
    expect(partial).toMatchObject({
      ready: false,
      files: [
        { type: 'client_canon', status: 'draft', artifactId: canonDraft.id, version: 1 },
        { type: 'metric_schema', status: 'approved', artifactId: metric.id, version: 1 },
      ],
      missing: ['approved client canon'],
    });
    expect(partial.message).toMatch(/missing: approved client canon$/);
  });

  it('is ready with an approved canon and metric schema; an approved version wins over a newer draft', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const canon1 = await insertArtifact(orgId, client.id, 'client_canon', 'superseded', 1);
    const canon2 = await insertArtifact(orgId, client.id, 'client_canon', 'approved', 2);
    await insertArtifact(orgId, client.id, 'client_canon', 'draft', 3);
    const metric = await insertArtifact(orgId, client.id, 'metric_schema', 'approved');
    const res = await t.client(tenant.member).onboarding.readiness.query({ clientId: client.id });
    expect(res.ready).toBe(true);
    expect(res.missing).toEqual([]);
    expect(res.files).toEqual([
      { type: 'client_canon', status: 'approved', artifactId: canon2.id, version: 2 },
      { type: 'metric_schema', status: 'approved', artifactId: metric.id, version: 1 },
    ]);
    expect(res.files[0]?.artifactId).not.toBe(canon1.id);
  });

  it('ignores campaign-level artifacts and other clients’ artifacts', async () => {
    const tenant = await newTenant(t);
    const { client, orgId } = await setup(tenant);
    const admin = t.client(tenant.admin);
    const sibling = await admin.clients.create.mutate({
      name: 'Sibling',
      primaryMarkets: [],
      primaryLanguages: [],
    });
    const campaign = await admin.campaigns.create.mutate({ clientId: client.id, name: 'Spring' });
    await insertArtifact(orgId, client.id, 'client_canon', 'approved', 1, campaign.id);
    await insertArtifact(orgId, sibling.id, 'metric_schema', 'approved');
    const res = await admin.onboarding.readiness.query({ clientId: client.id });
    expect(res.ready).toBe(false);
    expect(res.files.map((f) => f.status)).toEqual(['missing', 'missing']);
  });

  it('reads readiness and the latest intake in one database round trip each', async () => {
    const { database, org, ctx, statements } = await countingServiceCtx();
    try {
      const client = await createClient(database.db, org.id, {
        name: 'C',
        industry: null,
        primaryMarkets: [],
        primaryLanguages: [],
      });
      await database.db.insert(artifacts).values([
        {
          orgId: org.id,
          clientId: client.id,
          type: 'client_canon',
          version: 1,
          status: 'approved',
          source: 'ai',
          data: artifactExamples.client_canon,
        },
        {
          orgId: org.id,
          clientId: client.id,
          type: 'metric_schema',
          version: 1,
          status: 'approved',
          source: 'ai',
          data: artifactExamples.metric_schema,
        },
      ]);
      await database.db
        .insert(onboardingPayloads)
        .values({ orgId: org.id, clientId: client.id, data: { brandStory: 'x' } });
      statements.reset();
      expect((await clientReadiness({ ctx, input: { clientId: client.id } })).ready).toBe(true);
      expect(statements.count).toBe(1);
      statements.reset();
      expect((await getLatestIntake({ ctx, input: { clientId: client.id } }))?.data).toEqual({
        brandStory: 'x',
      });
      expect(statements.count).toBe(1);
    } finally {
      await database.close();
    }
  });
});
