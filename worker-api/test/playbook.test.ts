import { artifacts, campaigns, insertArtifactVersion, workflowRuns } from '@mos/db';
import { artifactExamples, type Playbook } from '@mos/db/artifacts';
import { and, eq } from 'drizzle-orm';
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

async function clientOf(tenant: Tenant, name = 'Lumen & Moss') {
  return t
    .client(tenant.admin)
    .clients.create.mutate({ name, primaryMarkets: ['US'], primaryLanguages: ['en'] });
}

function playbookDoc(orgId: string, clientId: string | null, sourceReportIds: string[] = []): Playbook {
  const doc = structuredClone(artifactExamples.playbook);
  return {
    ...doc,
    orgId,
    clientId,
    sections: doc.sections.map((s, i) => ({ ...s, sourceReportIds: i === 0 ? sourceReportIds : [] })),
  };
}

async function playbookOf(
  orgId: string,
  clientId: string | null,
  status: 'draft' | 'approved',
  reports: string[] = [],
) {
  return insertArtifactVersion(t.database.db, {
    orgId,
    clientId,
    campaignId: null,
    type: 'playbook',
    data: playbookDoc(orgId, clientId, reports),
    source: 'ai',
    status,
  });
}

async function reportOf(orgId: string, clientId: string, campaignId: string) {
  return insertArtifactVersion(t.database.db, {
    orgId,
    clientId,
    campaignId,
    type: 'experiment_report',
    data: { ...structuredClone(artifactExamples.experiment_report), clientId, campaignId },
    source: 'ai',
    status: 'approved',
  });
}

async function campaignOf(orgId: string, clientId: string, name: string) {
  const [row] = await t.database.db.insert(campaigns).values({ orgId, clientId, name }).returning();
  if (!row) throw new Error('campaign insert failed');
  return row;
}

const playbookRows = (orgId: string) =>
  t.database.db
    .select()
    .from(artifacts)
    .where(and(eq(artifacts.orgId, orgId), eq(artifacts.type, 'playbook')));

describe('playbook.get', () => {
  it('answers null before any playbook, then prefers the approved version over newer drafts', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const api = t.client(tenant.member);
    expect(await api.playbook.get.query({})).toEqual({ playbook: null, sourceReports: [] });

    const d1 = await playbookOf(orgId, null, 'draft');
    expect((await api.playbook.get.query({})).playbook?.id).toBe(d1.id);
    const d2 = await playbookOf(orgId, null, 'draft');
    expect((await api.playbook.get.query({ clientId: null })).playbook?.id).toBe(d2.id);
    const approved = await playbookOf(orgId, null, 'approved');
    await playbookOf(orgId, null, 'draft');
    const got = await api.playbook.get.query({});
    expect(got.playbook).toMatchObject({
      id: approved.id,
      version: 3,
      status: 'approved',
      source: 'ai',
      clientId: null,
    });
    expect(got.playbook?.data).toEqual(approved.data);
    expect(typeof got.playbook?.createdAt).toBe('string');
  });

  it('keeps client playbooks apart from the org playbook and returns the cited reports', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const client = await clientOf(tenant);
    const campaign = await campaignOf(orgId, client.id, 'Q3 hooks');
    const r1 = await reportOf(orgId, client.id, campaign.id);
    const r2 = await reportOf(orgId, client.id, campaign.id);
    const uncited = await reportOf(orgId, client.id, campaign.id);
    // Another org's report id written into the document must not leak through the join.
    const other = await newTenant(t);
    const otherOrg = await orgIdOf(other);
    const otherClient = await clientOf(other);
    const otherCampaign = await campaignOf(otherOrg, otherClient.id, 'Theirs');
    const theirs = await reportOf(otherOrg, otherClient.id, otherCampaign.id);

    const clientPlaybook = await playbookOf(orgId, client.id, 'approved', [r1.id, r2.id, theirs.id]);
    const orgPlaybook = await playbookOf(orgId, null, 'approved');
    const api = t.client(tenant.member);

    const forClient = await api.playbook.get.query({ clientId: client.id });
    expect(forClient.playbook?.id).toBe(clientPlaybook.id);
    expect(forClient.sourceReports.map((r) => r.id).sort()).toEqual([r1.id, r2.id].sort());
    expect(forClient.sourceReports.map((r) => r.id)).not.toContain(uncited.id);
    expect(forClient.sourceReports[0]).toMatchObject({
      clientId: client.id,
      campaignId: campaign.id,
      campaignName: 'Q3 hooks',
    });
    expect(typeof forClient.sourceReports[0]?.createdAt).toBe('string');

    const forOrg = await api.playbook.get.query({});
    expect(forOrg.playbook?.id).toBe(orgPlaybook.id);
    expect(forOrg.sourceReports).toEqual([]);
  });

  it('answers NOT_FOUND for another org’s client and names bad input', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const client = await clientOf(a);
    await playbookOf(await orgIdOf(a), client.id, 'approved');
    expect((await failure(t.client(b.admin).playbook.get.query({ clientId: client.id }))).code).toBe(
      'NOT_FOUND',
    );
    expect(
      (await failure(t.client(a.admin).playbook.get.query({ clientId: crypto.randomUUID() }))).code,
    ).toBe('NOT_FOUND');
    // b's org playbook is b's own (none), never a's.
    expect((await t.client(b.admin).playbook.get.query({})).playbook).toBeNull();
    expect(fieldPaths(await failure(t.client(a.admin).playbook.get.query({ clientId: 'x' })))).toContain(
      'clientId',
    );
    expect((await failure(t.client(null).playbook.get.query({}))).code).toBe('UNAUTHORIZED');
  });
});

describe('playbook.update', () => {
  it('saves a human edit as a new draft version (members may edit)', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const client = await clientOf(tenant);
    const campaign = await campaignOf(orgId, client.id, 'Launch');
    const report = await reportOf(orgId, client.id, campaign.id);
    const approved = await playbookOf(orgId, client.id, 'approved');
    const data = playbookDoc(orgId, client.id, [report.id]);
    data.sections[0] = {
      ...(data.sections[0] ?? { tags: [], content: 'x', sourceReportIds: [], evidence: [] }),
      title: 'Edited title',
    };
    const res = await t
      .client(tenant.member)
      .playbook.update.mutate({ mode: 'edit', clientId: client.id, data });
    if (res.mode !== 'edit') throw new Error('expected an edit result');
    expect(res.artifact).toMatchObject({
      clientId: client.id,
      campaignId: null,
      type: 'playbook',
      version: approved.version + 1,
      status: 'draft',
      source: 'human',
    });
    expect(res.artifact.createdByUser).toBeTypeOf('string');
    expect(res.artifact.data).toMatchObject({ orgId, clientId: client.id, version: approved.version + 1 });
    const rows = await playbookRows(orgId);
    expect(rows.map((r) => `${r.version}:${r.status}:${r.source}`).sort()).toEqual([
      '1:approved:ai',
      '2:draft:human',
    ]);
    // The approved version stays the one shown until the draft is approved.
    expect((await t.client(tenant.member).playbook.get.query({ clientId: client.id })).playbook?.id).toBe(
      approved.id,
    );
  });

  it('refuses an invalid document with paths under data, writing nothing', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const client = await clientOf(tenant);
    const api = t.client(tenant.member);
    const empty = playbookDoc(orgId, null);
    empty.sections[0] = { title: '', content: 'c', tags: [], sourceReportIds: [], evidence: [] };
    const invalid = await failure(api.playbook.update.mutate({ mode: 'edit', data: empty }));
    expect(invalid.code).toBe('BAD_REQUEST');
    expect(fieldPaths(invalid)).toContain('data.sections.0.title');

    const extra = await failure(
      api.playbook.update.mutate({ mode: 'edit', data: { ...playbookDoc(orgId, null), extra: 1 } }),
    );
    expect(fieldPaths(extra).some((p) => p.startsWith('data'))).toBe(true);

    const mismatch = await failure(
      api.playbook.update.mutate({ mode: 'edit', clientId: client.id, data: playbookDoc(orgId, null) }),
    );
    expect(fieldPaths(mismatch)).toEqual(['data.clientId']);

    const unknownReport = await failure(
      api.playbook.update.mutate({ mode: 'edit', data: playbookDoc(orgId, null, [crypto.randomUUID()]) }),
    );
    expect(fieldPaths(unknownReport)).toEqual(['data.sections.0.sourceReportIds.0']);

    expect(fieldPaths(await failure(api.playbook.update.mutate({ mode: 'edit' } as never)))).toContain(
      'data',
    );
    expect((await failure(api.playbook.update.mutate({ mode: 'rewrite' } as never))).code).toBe(
      'BAD_REQUEST',
    );
    expect(await playbookRows(orgId)).toHaveLength(0);
  });

  it('regenerates through PlaybookUpdate for operators only', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    const client = await clientOf(tenant);
    const member = await failure(t.client(tenant.member).playbook.update.mutate({ mode: 'regenerate' }));
    expect(member.code).toBe('FORBIDDEN');

    const org = await t.client(tenant.operator).playbook.update.mutate({ mode: 'regenerate' });
    if (org.mode !== 'regenerate') throw new Error('expected a regenerate result');
    expect(org.workflowId).toMatch(/^playbook-update-org-[0-9a-f]{8}$/);
    const forClient = await t
      .client(tenant.admin)
      .playbook.update.mutate({ mode: 'regenerate', clientId: client.id });
    if (forClient.mode !== 'regenerate') throw new Error('expected a regenerate result');
    expect(forClient.workflowId).toMatch(new RegExp(`^playbook-update-${client.id}-[0-9a-f]{8}$`));

    const start = t.gateway.calls.find((c) => c.op === 'start' && c.req.workflowId === forClient.workflowId);
    if (start?.op !== 'start') throw new Error('no start call');
    expect(start.req.workflowType).toBe('PlaybookUpdate');
    expect(start.req.args[0]).toMatchObject({
      orgId,
      clientId: client.id,
      campaignId: null,
      runId: forClient.runId,
    });
    const runs = await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.orgId, orgId));
    expect(runs.map((r) => `${r.kind}:${r.clientId}`).sort()).toEqual(
      [`playbook_update:${client.id}`, 'playbook_update:null'].sort(),
    );
  });

  it('records nothing when Temporal is unavailable', async () => {
    const tenant = await newTenant(t);
    const orgId = await orgIdOf(tenant);
    t.gateway.failNext();
    const down = await failure(t.client(tenant.operator).playbook.update.mutate({ mode: 'regenerate' }));
    expect(down.code).toBe('SERVICE_UNAVAILABLE');
    expect(await t.database.db.select().from(workflowRuns).where(eq(workflowRuns.orgId, orgId))).toHaveLength(
      0,
    );
  });

  it('keeps tenants apart', async () => {
    const a = await newTenant(t);
    const b = await newTenant(t);
    const client = await clientOf(a);
    const bOrg = await orgIdOf(b);
    const theirs = t.client(b.admin);
    expect(
      (
        await failure(
          theirs.playbook.update.mutate({
            mode: 'edit',
            clientId: client.id,
            data: playbookDoc(bOrg, client.id),
          }),
        )
      ).code,
    ).toBe('NOT_FOUND');
    expect(
      (await failure(theirs.playbook.update.mutate({ mode: 'regenerate', clientId: client.id }))).code,
    ).toBe('NOT_FOUND');
    // A report of org a cannot be cited in org b's playbook.
    const aOrg = await orgIdOf(a);
    const campaign = await campaignOf(aOrg, client.id, 'A');
    const report = await reportOf(aOrg, client.id, campaign.id);
    const cited = await failure(
      theirs.playbook.update.mutate({ mode: 'edit', data: playbookDoc(bOrg, null, [report.id]) }),
    );
    expect(fieldPaths(cited)).toEqual(['data.sections.0.sourceReportIds.0']);
    expect(await playbookRows(bOrg)).toHaveLength(0);
    expect((await failure(t.client(null).playbook.update.mutate({ mode: 'regenerate' }))).code).toBe(
      'UNAUTHORIZED',
    );
  });
});
