import { campaigns, experiments, insertArtifactVersion, listActivityLogs, workflowRuns } from '@mos/db';
import { artifactExamples } from '@mos/db/artifacts';
import { eq } from 'drizzle-orm';
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

/** An org with a client and a campaign; `approved` adds an artifact of that type in the given status. */
async function setup(tenant: Tenant) {
  const orgId = await orgIdOf(tenant);
  const client = await t.client(tenant.admin).clients.create.mutate({
    name: 'Lumen & Moss',
    primaryMarkets: ['US'],
    primaryLanguages: ['en'],
  });
  const [campaign] = await t.database.db
    .insert(campaigns)
    .values({ orgId, clientId: client.id, name: 'Launch' })
    .returning();
  if (!campaign) throw new Error('campaign insert failed');
  return { orgId, client, campaign };
}

async function artifactOf(
  orgId: string,
  clientId: string,
  campaignId: string,
  type: 'experiment_spec' | 'asset_brief',
  status: 'draft' | 'approved',
) {
  const example = structuredClone(
    type === 'experiment_spec' ? artifactExamples.experiment_spec : artifactExamples.asset_brief,
  );
  return insertArtifactVersion(t.database.db, {
    orgId,
    clientId,
    campaignId,
    type,
    data: { ...example, clientId, campaignId },
    source: 'ai',
    status,
  });
}

async function experimentOf(
  orgId: string,
  clientId: string,
  campaignId: string,
  specArtifactId: string,
  name: string,
) {
  const [row] = await t.database.db
    .insert(experiments)
    .values({ orgId, clientId, campaignId, name, experimentSpecArtifactId: specArtifactId, specId: name })
    .returning();
  if (!row) throw new Error('experiment insert failed');
  return row;
}

const startsFor = (campaignId: string) =>
  t.gateway.calls.filter(
    (c) => c.op === 'start' && c.req.workflowId.startsWith(`creative-production-${campaignId}-`),
  );

const runsOf = (campaignId: string) =>
  t.database.db.select().from(workflowRuns).where(eq(workflowRuns.campaignId, campaignId));

describe('creatives.produce', () => {
  it('starts CreativeProduction from approved experiment specs, for chosen experiments', async () => {
    const tenant = await newTenant(t);
    const { orgId, client, campaign } = await setup(tenant);
    const spec = await artifactOf(orgId, client.id, campaign.id, 'experiment_spec', 'approved');
    const e1 = await experimentOf(orgId, client.id, campaign.id, spec.id, 'hooks');
    const res = await t
      .client(tenant.operator)
      .creatives.produce.mutate({ campaignId: campaign.id, experimentIds: [e1.id] });
    expect(res.workflowId).toMatch(new RegExp(`^creative-production-${campaign.id}-[0-9a-f]{8}$`));
    const starts = startsFor(campaign.id);
    expect(starts).toHaveLength(1);
    const start = starts[0];
    if (start?.op !== 'start') throw new Error('no start');
    expect(start.req).toMatchObject({ workflowType: 'CreativeProduction', workflowId: res.workflowId });
    expect(start.req.args[0]).toMatchObject({
      orgId,
      runId: res.runId,
      clientId: client.id,
      campaignId: campaign.id,
      experimentIds: [e1.id],
    });
    const runs = await runsOf(campaign.id);
    expect(runs.map((r) => ({ id: r.id, kind: r.kind, status: r.status, clientId: r.clientId }))).toEqual([
      { id: res.runId, kind: 'creative_production', status: 'running', clientId: client.id },
    ]);
    const logs = await listActivityLogs(t.database.db, orgId, res.runId);
    expect(logs.map((l) => `${l.step}/${l.status}`)).toEqual(['creative_production/started']);

    // Two starts for one campaign get distinct workflow ids.
    const again = await t.client(tenant.admin).creatives.produce.mutate({ campaignId: campaign.id });
    expect(again.workflowId).not.toBe(res.workflowId);
  });

  it('accepts an approved asset brief alone, and refuses a campaign with drafts only', async () => {
    const tenant = await newTenant(t);
    const { orgId, client, campaign } = await setup(tenant);
    await artifactOf(orgId, client.id, campaign.id, 'experiment_spec', 'draft');
    await artifactOf(orgId, client.id, campaign.id, 'asset_brief', 'draft');
    const api = t.client(tenant.operator);
    const missing = await failure(api.creatives.produce.mutate({ campaignId: campaign.id }));
    expect(missing.code).toBe('PRECONDITION_FAILED');
    expect(missing.message).toContain('asset_brief');
    expect(missing.message).toContain('experiment_spec');
    expect(startsFor(campaign.id)).toHaveLength(0);
    expect(await runsOf(campaign.id)).toHaveLength(0);

    await artifactOf(orgId, client.id, campaign.id, 'asset_brief', 'approved');
    const res = await api.creatives.produce.mutate({ campaignId: campaign.id });
    expect((await runsOf(campaign.id)).map((r) => r.id)).toEqual([res.runId]);
  });

  it('names experiments that are not the campaign’s own', async () => {
    const tenant = await newTenant(t);
    const { orgId, client, campaign } = await setup(tenant);
    const spec = await artifactOf(orgId, client.id, campaign.id, 'experiment_spec', 'approved');
    const mine = await experimentOf(orgId, client.id, campaign.id, spec.id, 'mine');
    const [otherCampaign] = await t.database.db
      .insert(campaigns)
      .values({ orgId, clientId: client.id, name: 'Other' })
      .returning();
    if (!otherCampaign) throw new Error('campaign insert failed');
    const elsewhere = await experimentOf(orgId, client.id, otherCampaign.id, spec.id, 'elsewhere');
    const foreign = await failure(
      t.client(tenant.operator).creatives.produce.mutate({
        campaignId: campaign.id,
        experimentIds: [mine.id, elsewhere.id, crypto.randomUUID()],
      }),
    );
    expect(foreign.code).toBe('BAD_REQUEST');
    expect(fieldPaths(foreign)).toEqual(['experimentIds.1', 'experimentIds.2']);
    expect(startsFor(campaign.id)).toHaveLength(0);
  });

  it('records nothing when Temporal is unavailable', async () => {
    const tenant = await newTenant(t);
    const { orgId, client, campaign } = await setup(tenant);
    await artifactOf(orgId, client.id, campaign.id, 'experiment_spec', 'approved');
    t.gateway.failNext();
    const down = await failure(
      t.client(tenant.operator).creatives.produce.mutate({ campaignId: campaign.id }),
    );
    expect(down.code).toBe('SERVICE_UNAVAILABLE');
    expect(await runsOf(campaign.id)).toHaveLength(0);
  });

  it('enforces auth, roles, tenancy and input bounds', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const { orgId, client, campaign } = await setup(a);
    const spec = await artifactOf(orgId, client.id, campaign.id, 'experiment_spec', 'approved');
    const theirs = await setup(b);
    const theirSpec = await artifactOf(
      theirs.orgId,
      theirs.client.id,
      theirs.campaign.id,
      'experiment_spec',
      'approved',
    );
    const theirExperiment = await experimentOf(
      theirs.orgId,
      theirs.client.id,
      theirs.campaign.id,
      theirSpec.id,
      'x',
    );
    const input = { campaignId: campaign.id };
    expect((await failure(t.client(null).creatives.produce.mutate(input))).code).toBe('UNAUTHORIZED');
    expect((await failure(t.client(a.member).creatives.produce.mutate(input))).code).toBe('FORBIDDEN');
    expect((await failure(t.client(b.admin).creatives.produce.mutate(input))).code).toBe('NOT_FOUND');
    const api = t.client(a.operator);
    const stolen = await failure(
      api.creatives.produce.mutate({ ...input, experimentIds: [theirExperiment.id] }),
    );
    expect(fieldPaths(stolen)).toEqual(['experimentIds.0']);
    expect(fieldPaths(await failure(api.creatives.produce.mutate({ campaignId: 'nope' })))).toContain(
      'campaignId',
    );
    const tooMany = Array.from({ length: 21 }, () => crypto.randomUUID());
    expect(
      fieldPaths(await failure(api.creatives.produce.mutate({ ...input, experimentIds: tooMany }))),
    ).toContain('experimentIds');
    expect(
      fieldPaths(await failure(api.creatives.produce.mutate({ ...input, experimentIds: ['x'] }))),
    ).toContain('experimentIds.0');
    expect(startsFor(campaign.id)).toHaveLength(0);
    expect(spec.status).toBe('approved');
  });
});
